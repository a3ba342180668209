package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** ActiveJob skips parsing opts when a key cannot be there; the answers must be those of a full parse. */
class WorkerActiveJobOptsTest {
    private static ActiveJob job(String opts) {
        return new ActiveJob("1", opts == null ? Map.of() : Map.of("opts", opts));
    }

    @Test
    void optionsPresentAreRead() {
        ActiveJob j = job("{\"attempts\":3,\"timeout\":250,\"removeOnComplete\":true,\"lifo\":null}");
        assertEquals(250, j.optLong("timeout", 0));
        assertTrue(j.opt("removeOnComplete").orElseThrow().asBoolean());
        assertTrue(j.opt("lifo").isEmpty(), "null counts as absent");
        assertEquals(3, j.opts().orElseThrow().get("attempts").asInt());
    }

    @Test
    void optionsAbsentFallBack() {
        ActiveJob j = job("{\"attempts\":1,\"delay\":0,\"timestamp\":1796013508913}");
        assertEquals(-1, j.optLong("timeout", -1));
        assertTrue(j.opt("repeat").isEmpty());
        assertTrue(j.opts().isPresent(), "opts still parse on request");
        assertTrue(job(null).opt("timeout").isEmpty());
        assertFalse(job("not json \"timeout\"").opts().isPresent());
        assertTrue(job("not json \"timeout\"").opt("timeout").isEmpty());
    }

    @Test
    void escapedKeysAndKeyTextInValuesAreHandled() {
        // a key spelled with a unicode escape has no literal "timeout" in the text
        assertEquals(99, job("{\"\\u0074imeout\":99}").optLong("timeout", 0));
        // the key's text inside a value does not make it an option
        assertTrue(job("{\"jobId\":\"\\\"timeout\\\"\"}").opt("timeout").isEmpty());
        assertTrue(job("{\"jobId\":\"timeout\"}").opt("timeout").isEmpty());
    }
}
