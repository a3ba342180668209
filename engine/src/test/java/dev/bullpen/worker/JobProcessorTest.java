package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class JobProcessorTest {
    private static JobContext job(String name) {
        return new JobContext(new ActiveJob("1", Map.of("name", name, "data", "{}")), null);
    }

    @Test
    void namedProcessorsDispatchOnTheJobNameWithStarAsFallback() throws Exception {
        JobProcessor p = JobProcessor.byName(Map.of("mail", j -> "mailed", "*", j -> "other"));
        assertEquals("mailed", p.process(job("mail")));
        assertEquals("other", p.process(job("sms")));
    }

    @Test
    void jobWithoutHandlerFailsWithBullsMessage() {
        JobProcessor p = JobProcessor.byName(Map.of("mail", j -> "mailed"));
        Exception e = assertThrows(IllegalStateException.class, () -> p.process(job("sms")));
        assertEquals("Missing process handler for job type sms", e.getMessage());
    }
}
