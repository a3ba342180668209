package dev.bullpen.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class DepthHistoryTest {
    private static final long T0 = 1_764_500_000_000L;

    private static OverviewSnapshot at(long ms, QueueStatus... queues) {
        return new OverviewSnapshot(List.of(queues), Instant.ofEpochMilli(ms));
    }

    private static QueueStatus q(String name, long waiting, long paused) {
        return new QueueStatus(name, false, new QueueCounts(waiting, 2, 3, 4, 5, paused));
    }

    @Test
    void keepsOneSamplePerPollWithWaitingIncludingPausedJobs() {
        DepthHistory inTest = new DepthHistory();

        inTest.record(at(T0, q("a", 10, 0)));
        inTest.record(at(T0 + 2_000, q("a", 12, 5)));

        assertEquals(List.of(new DepthHistory.Sample(T0, 10, 2, 3, 5), new DepthHistory.Sample(T0 + 2_000, 17, 2, 3, 5)),
                inTest.samples("a"));
        assertEquals(List.of(), inTest.samples("unknown"));
    }

    @Test
    void forgetsWhatIsOlderThanTheRetentionAndQueuesThatWentAway() {
        DepthHistory inTest = new DepthHistory(Duration.ofMinutes(10), 600);
        inTest.record(at(T0, q("a", 1, 0), q("gone", 1, 0)));
        for (int s = 1; s <= 700; s++) {
            inTest.record(at(T0 + s * 1_000L, q("a", s, 0)));
        }

        List<DepthHistory.Sample> a = inTest.samples("a");
        assertEquals(T0 + 100_000, a.get(0).at(), "the oldest kept is 10 min before the newest");
        assertEquals(601, a.size());
        assertEquals(List.of(), inTest.samples("gone"));
        assertEquals(601, inTest.size());
    }

    @Test
    void pollsFasterThanTheSpacingReplaceTheNewestSoTheHistoryStaysBounded() {
        // given 1 h kept in at most 1,800 samples: 2 s apart at least
        DepthHistory inTest = new DepthHistory();

        // when polled every 100 ms for an hour and a half
        for (long t = 0; t <= 5_400_000; t += 100) {
            inTest.record(at(T0 + t, q("a", t / 1000, 0)));
        }

        // then
        List<DepthHistory.Sample> a = inTest.samples("a");
        assertTrue(a.size() <= DepthHistory.MAX_SAMPLES + 1, "kept " + a.size());
        assertEquals(T0 + 5_400_000, a.get(a.size() - 1).at(), "the newest sample is always kept");
        assertTrue(a.get(0).at() >= T0 + 1_800_000, "nothing older than an hour");
    }

    @Test
    void waitingTrendCoversTheLastMinutesOfTheQueue() {
        DepthHistory inTest = new DepthHistory();
        for (int i = 0; i < 10; i++) {
            inTest.record(at(T0 + i * 60_000L, q("a", i, 0)));
        }

        assertEquals(List.of(7L, 8L, 9L), inTest.waitingTrend("a", Duration.ofMinutes(2)));
        assertEquals(List.of(), inTest.waitingTrend("b", Duration.ofMinutes(2)));
    }

    @Test
    void aClockStepBackDoesNotReorderTheSamples() {
        DepthHistory inTest = new DepthHistory();
        inTest.record(at(T0 + 10_000, q("a", 1, 0)));
        inTest.record(at(T0, q("a", 2, 0)));

        assertEquals(List.of(new DepthHistory.Sample(T0 + 10_000, 1, 2, 3, 5)), inTest.samples("a"));
    }
}
