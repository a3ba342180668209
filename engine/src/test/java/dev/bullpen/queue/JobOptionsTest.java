package dev.bullpen.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class JobOptionsTest {
    @ParameterizedTest
    @CsvSource({"0", "1", "1764500000000", "4102444800000"})
    void theDirectTextOfDefaultOptionsIsWhatStringifyingTheirTreeGives(long now) {
        JobOptions none = JobOptions.defaults();
        assertTrue(none.isEmpty());
        assertEquals(Json.stringify(none.normalized(now)), none.normalizedJson(now));
        assertEquals("{\"attempts\":1,\"delay\":0,\"timestamp\":" + now + "}", none.normalizedJson(now));
    }

    @Test
    void optionsThatWereGivenAreNormalizedThroughTheTree() {
        JobOptions some = JobOptions.fromJson("{\"delay\":1500,\"attempts\":3}");
        assertEquals(Json.stringify(some.normalized(7)), some.normalizedJson(7));
    }


    @Test
    void normalisesAsBullDoes() {
        ObjectNode o = JobOptions.fromJson("{\"priority\":2,\"backoff\":500,\"custom\":{\"x\":1}}").normalized(1000L);
        assertEquals("{\"priority\":2,\"backoff\":{\"type\":\"fixed\",\"delay\":500},\"custom\":{\"x\":1},"
                + "\"attempts\":1,\"delay\":0,\"timestamp\":1000}", o.toString());
    }

    @Test
    void keepsGivenAttemptsDelayAndTimestamp() {
        ObjectNode o = JobOptions.defaults().attempts(3).delay(50).timestamp(7).normalized(1000L);
        assertEquals(3, o.get("attempts").asInt());
        assertEquals(50, o.get("delay").asLong());
        assertEquals(7, o.get("timestamp").asLong());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"attempts":"3"}              | opts.attempts
            {"delay":"soon"}              | opts.delay
            {"priority":1.5}              | opts.priority
            {"lifo":"yes"}                | opts.lifo
            {"backoff":"fast"}            | opts.backoff
            {"backoff":{"type":"fixed","delay":"x"}} | opts.backoff.delay
            {"removeOnComplete":"all"}    | opts.removeOnComplete
            {"removeOnFail":{"age":"1d"}} | opts.removeOnFail.age
            {"jobId":""}                  | opts.jobId
            [1,2]                         | JSON object
            {"attempts":                  | line 1, column
            """)
    void rejectsWrongTypesNamingTheOption(String json, String mentioned) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JobOptions.fromJson(json));
        assertTrue(e.getMessage().contains(mentioned), e.getMessage());
    }

    @Test
    void exponentialBackoffDoublesAsBull() {
        Backoff b = Backoff.exponential(200);
        assertEquals(200, b.delayFor(1));
        assertEquals(600, b.delayFor(2));
        assertEquals(1400, b.delayFor(3));
        assertEquals(300, Backoff.fixed(300).delayFor(5));
    }

    @Test
    void keepJobsMapsToCountAndAge() {
        assertEquals(0, KeepJobs.removeImmediately().count());
        assertEquals(-1, KeepJobs.keepAll().count());
        assertEquals(5, KeepJobs.keepLast(5).count());
        assertEquals(-1, KeepJobs.keep(null, 60L).count());
        assertEquals(60, KeepJobs.keep(null, 60L).ageSeconds());
    }
}
