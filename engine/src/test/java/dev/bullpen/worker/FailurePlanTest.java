package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailurePlanTest {
    private static ActiveJob job(String id, String opts, String attemptsMade, String stacktrace) {
        return new ActiveJob(id, stacktrace == null
                ? Map.of("opts", opts, "attemptsMade", attemptsMade)
                : Map.of("opts", opts, "attemptsMade", attemptsMade, "stacktrace", stacktrace));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            1,        1
            4095,     4095
            4096,     0
            4099,     3
            abc,      0
            custom-7, 0
            """)
    void delayedScoreKeepsTheLowTwelveBitsOfNumericIds(String id, long low) {
        assertEquals(1_000L * 4096 + low, FailurePlan.delayedScore(1_000, id));
    }

    @Test
    void scoreMatchesBullsObservedValue() {
        // spec 3.3: 7356444310958083 = (1796006851855 + 60000) * 4096 + 3
        assertEquals(7356444310958083L, FailurePlan.delayedScore(1796006851855L + 60000, "3"));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            fixed,       1000, 1, 1000
            fixed,       1000, 2, 1000
            exponential, 200,  1, 200
            exponential, 200,  2, 600
            exponential, 200,  3, 1400
            """)
    void backoffDelaysAreBulls(String type, long delay, int attemptsMade, long expected) {
        var backoff = dev.bullpen.queue.Json.MAPPER.createObjectNode().put("type", type).put("delay", delay);
        assertEquals(expected, FailurePlan.backoffDelay(backoff, attemptsMade));
    }

    @Test
    void positiveBackoffGoesThroughDelayed() {
        FailurePlan p = FailurePlan.of(job("5", "{\"attempts\":3,\"backoff\":{\"type\":\"exponential\",\"delay\":100}}",
                "1", null), "boom", "Error: boom", 10_000);

        assertEquals(FailurePlan.Kind.DELAY, p.kind());
        assertEquals(2, p.attemptsMade());
        assertEquals(300, p.delayMs());
        assertEquals((10_000L + 300) * 4096 + 5, p.score());
    }

    @Test
    void noBackoffRetriesAtOnce() {
        FailurePlan p = FailurePlan.of(job("5", "{\"attempts\":2}", "0", null), "boom", "Error: boom", 0);
        assertEquals(FailurePlan.Kind.RETRY, p.kind());
    }

    @Test
    void discardedJobFailsForGoodDespiteAttemptsLeft() {
        FailurePlan p = FailurePlan.of(job("5", "{\"attempts\":5,\"backoff\":1000}", "0", null), "boom", "s", 0,
                Map.of(), null, true);
        assertEquals(FailurePlan.Kind.FAIL, p.kind());
        assertEquals(1, p.attemptsMade());
    }

    @Test
    void lastAttemptFails() {
        FailurePlan p = FailurePlan.of(job("5", "{\"attempts\":2,\"backoff\":1000}", "1", null), "boom", "s", 0);
        assertEquals(FailurePlan.Kind.FAIL, p.kind());
        assertEquals(2, p.attemptsMade());
    }

    @Test
    void customBackoffWithoutStrategyFails() {
        FailurePlan p = FailurePlan.of(job("5", "{\"attempts\":5,\"backoff\":{\"type\":\"jitter\"}}", "0", null),
                "boom", "s", 0);
        assertEquals(FailurePlan.Kind.FAIL, p.kind());
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            500, DELAY
            0,   RETRY
            -1,  FAIL
            """)
    void customBackoffStrategyDecides(long answer, FailurePlan.Kind kind) {
        Throwable boom = new IllegalStateException("boom");
        Map<String, BackoffStrategy> strategies = Map.of("jitter", (attemptsMade, error, options) -> {
            assertEquals(1, attemptsMade);
            assertEquals(boom, error);
            assertEquals(7, options.get("base").asInt());
            return answer;
        });
        FailurePlan p = FailurePlan.of(job("5", "{\"attempts\":5,\"backoff\":{\"type\":\"jitter\",\"options\":{\"base\":7}}}",
                "0", null), "boom", "s", 1_000, strategies, boom, false);
        assertEquals(kind, p.kind());
        if (kind == FailurePlan.Kind.DELAY) {
            assertEquals((1_000L + 500) * 4096 + 5, p.score());
        }
    }

    @Test
    void stacktraceKeepsTheLastStackTraceLimitEntries() {
        FailurePlan p = FailurePlan.of(job("5", "{\"attempts\":9,\"stackTraceLimit\":2}", "2", "[\"one\",\"two\"]"),
                "boom", "three", 0);
        assertEquals("[\"two\",\"three\"]", p.stacktraceJson());
    }

    @Test
    void retryDelayDoublesUpToFiveSeconds() {
        RetryDelay d = new RetryDelay();
        long[] seen = new long[8];
        for (int i = 0; i < seen.length; i++) {
            seen[i] = d.next();
        }
        assertEquals("[100, 200, 400, 800, 1600, 3200, 5000, 5000]", java.util.Arrays.toString(seen));
        d.reset();
        assertEquals(100, d.next());
    }
}
