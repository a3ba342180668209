package dev.bullpen.app.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.bullpen.app.charts.DepthHistory;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The overview's per-minute counts and depth sparkline, fed by the poller's snapshots. */
class OverviewActivityViewModelTest {
    private static final Instant T0 = Instant.parse("2026-01-02T10:00:00Z");

    private final DepthHistory depth = new DepthHistory();
    private final OverviewViewModel inTest = new OverviewViewModel("127.0.0.1:6379", "127.0.0.1:6379", "bull", ZoneOffset.UTC, depth);

    private static OverviewSnapshot snapshot(Instant at, long waiting, long done, long failed) {
        return new OverviewSnapshot(List.of(new QueueStatus("mail", false, new QueueCounts(waiting, 0, 0, 0, 0, 0))), at,
                Map.of("mail", new QueueActivity(done, List.of(failed, 9L), OptionalLong.empty())), Optional.empty());
    }

    @Test
    void rowsShowTheLastMinutesCountsAndTheWaitingTrend() {
        for (int i = 0; i < 5; i++) {
            OverviewSnapshot s = snapshot(T0.plusSeconds(120L * i), 10 + i, 30 + i, i);
            depth.record(s);
            inTest.apply(s);
        }

        QueueRow row = inTest.queues().get(0);
        assertEquals(34L, row.completedLastMinuteProperty().get());
        assertEquals(4L, row.failedLastMinuteProperty().get());
        assertEquals(List.of(10L, 11L, 12L, 13L, 14L), row.waitingTrendProperty().get());

        // ten minutes on, the trend holds the last ten minutes only
        OverviewSnapshot later = snapshot(T0.plusSeconds(1_000), 20, 0, 0);
        depth.record(later);
        inTest.apply(later);
        assertEquals(List.of(14L, 20L), row.waitingTrendProperty().get());
    }

    @Test
    void withoutActivityTheCountsAreUnknown() {
        inTest.apply(new OverviewSnapshot(List.of(new QueueStatus("mail", false, QueueCounts.empty())), T0));

        assertNull(inTest.queues().get(0).completedLastMinuteProperty().get());
        assertNull(inTest.queues().get(0).failedLastMinuteProperty().get());
    }
}
