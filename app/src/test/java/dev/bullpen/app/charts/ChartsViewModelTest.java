package dev.bullpen.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.charts.ChartsViewModel.ChartData;
import dev.bullpen.app.charts.ChartsViewModel.Point;
import dev.bullpen.app.fx.Background;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.monitor.TimingStats;
import dev.bullpen.queue.BullMetrics;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.Throughput;
import dev.bullpen.testing.RedisServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The charts screen's state without a toolkit: read results are applied as the engine returns them;
 * reads go to a port where nothing listens (the reads against a real Redis are in ConsoleChartsAlertsUiIT).
 */
class ChartsViewModelTest {
    /** 2025-11-30 10:53:20 UTC: the current minute began 20 s ago. */
    private static final long NOW = 1_764_500_000_000L;
    private static final long MINUTE = 60_000;
    private static final long THIS_MINUTE = NOW - NOW % MINUTE;

    private final QueueInspector nowhere = new QueueInspector(
            RedisEndpoint.parse("redis://127.0.0.1:" + RedisServer.freePort()), "bull");
    private final DepthHistory depth = new DepthHistory();
    private final ChartsViewModel inTest = new ChartsViewModel(nowhere, new Background(Runnable::run, Runnable::run),
            depth, Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC), ZoneOffset.UTC);

    @AfterEach
    void close() {
        nowhere.close();
    }

    private static OverviewSnapshot snapshot(long at, String... queues) {
        List<QueueStatus> s = new ArrayList<>();
        for (int i = 0; i < queues.length; i++) {
            s.add(new QueueStatus(queues[i], false, new QueueCounts(10 + i, 1, 2, 0, 0, 0)));
        }
        return new OverviewSnapshot(s, Instant.ofEpochMilli(at));
    }

    private static Throughput throughput() {
        List<Long> done = new ArrayList<>();
        List<Long> failed = new ArrayList<>();
        for (int i = 0; i < 61; i++) {
            done.add((long) i);
            failed.add(i % 10 == 0 ? 1L : 0L);
        }
        return new Throughput(THIS_MINUTE - 60 * MINUTE, done, failed, 42, 3, NOW);
    }

    private static ChartData data(String queue, TimingStats timings, BullMetrics metrics) {
        return new ChartData(queue, throughput(), timings, metrics);
    }

    private static BullMetrics noMetrics() {
        return new BullMetrics(BullMetrics.Series.absent(), BullMetrics.Series.absent());
    }

    private static TimingStats noTimings() {
        return TimingStats.of(List.of());
    }

    @Test
    void throughputShowsTheSixtyCompleteMinutesAndTheCurrentRate() {
        // given
        inTest.onSnapshot(snapshot(NOW, "mail"));

        // when
        inTest.apply(data("mail", noTimings(), noMetrics()));

        // then the current, unfinished minute is not a point: it is in the rate
        List<Point> done = inTest.completedProperty().get();
        assertEquals(60, done.size());
        assertEquals(new Point(THIS_MINUTE - 60 * MINUTE, 0), done.get(0));
        assertEquals(new Point(THIS_MINUTE - MINUTE, 59), done.get(59));
        assertEquals(6, inTest.failedProperty().get().stream().mapToLong(Point::y).sum());
        assertEquals("Last 60 s: 42 completed · 3 failed", inTest.rateTextProperty().get());
        assertEquals("Per minute, 09:53–10:53, from the finish times in Redis: 1,770 completed · 6 failed",
                inTest.throughputCaptionProperty().get());
        assertEquals("Updated 10:53:20", inTest.statusTextProperty().get());
    }

    @Test
    void percentilesAreFormattedAndAbsentOnesShowDashes() {
        inTest.onSnapshot(snapshot(NOW, "mail"));
        TimingStats timings = new TimingStats(500, 2, new TimingStats.Percentiles(498, 350, 1_200, 2_500, 61_000, 3_700_000),
                TimingStats.Percentiles.none(), OptionalLong.of(NOW - 600_000), OptionalLong.of(NOW - 1_000));

        inTest.apply(data("mail", timings, noMetrics()));

        assertEquals(List.of("350 ms", "1.2 s", "2.5 s", "1 m 01 s", "1 h 01 m"), inTest.waitCellsProperty().get());
        assertEquals(List.of("—", "—", "—", "—", "—"), inTest.runCellsProperty().get());
        assertEquals("Newest 500 completed jobs, finished 10:43:20–10:53:19 · 2 without usable times",
                inTest.timingCaptionProperty().get());
    }

    @Test
    void bullMetricsArePlottedOldestFirstAtTheirMinutesOrExplainedWhenAbsent() {
        inTest.onSnapshot(snapshot(NOW, "mail"));
        BullMetrics m = new BullMetrics(
                new BullMetrics.Series(true, 1_234, OptionalLong.of(THIS_MINUTE + 5_000), 1_230, List.of(7L, 0L, 5L), 3),
                BullMetrics.Series.absent());

        inTest.apply(data("mail", noTimings(), m));

        assertTrue(inTest.metricsPresentProperty().get());
        assertEquals(List.of(new Point(THIS_MINUTE - 3 * MINUTE, 5), new Point(THIS_MINUTE - 2 * MINUTE, 0),
                new Point(THIS_MINUTE - MINUTE, 7)), inTest.metricsCompletedProperty().get());
        assertEquals(List.of(), inTest.metricsFailedProperty().get());
        assertEquals("Counted by Bull: 1,234 completed · 0 failed · 3 data points kept",
                inTest.metricsCaptionProperty().get());

        inTest.apply(data("mail", noTimings(), noMetrics()));
        assertFalse(inTest.metricsPresentProperty().get());
        assertTrue(inTest.metricsCaptionProperty().get().startsWith("Not kept for this queue"));
    }

    @Test
    void aResultForAQueueTheUserLeftIsDropped() {
        inTest.onSnapshot(snapshot(NOW, "a", "b"));
        inTest.setSelectedQueue("b");

        inTest.apply(data("a", noTimings(), noMetrics()));

        assertEquals(List.of(), inTest.completedProperty().get());
        assertEquals("", inTest.rateTextProperty().get());
    }

    @Test
    void theQueueListFollowsTheSnapshotsAndTheSelectionStaysWhileItsQueueExists() {
        inTest.onSnapshot(snapshot(NOW, "b", "a"));
        assertEquals(List.of("a", "b"), inTest.queues());
        assertEquals("a", inTest.getSelectedQueue());

        inTest.setSelectedQueue("b");
        inTest.onSnapshot(snapshot(NOW + 2_000, "c", "b", "a"));
        assertEquals("b", inTest.getSelectedQueue());

        inTest.onSnapshot(snapshot(NOW + 4_000, "c"));
        assertEquals("c", inTest.getSelectedQueue());

        inTest.onSnapshot(snapshot(NOW + 6_000));
        assertEquals(null, inTest.getSelectedQueue());
        assertEquals("No queue to chart yet", inTest.statusTextProperty().get());
    }

    @Test
    void depthFollowsTheSelectedQueuesHistoryInAtMostThreeHundredPoints() {
        // given an hour of 2 s samples
        for (long t = 0; t <= 3_600_000; t += 2_000) {
            OverviewSnapshot s = new OverviewSnapshot(List.of(
                    new QueueStatus("a", false, new QueueCounts(t / 2_000, 1, 2, 0, 0, 0))), Instant.ofEpochMilli(NOW + t));
            depth.record(s);
            inTest.onSnapshot(s);
        }

        // then
        List<Point> waiting = inTest.waitingProperty().get();
        assertEquals(ChartsViewModel.MAX_DEPTH_POINTS, waiting.size());
        assertEquals(1_800, waiting.get(waiting.size() - 1).y(), "each bucket keeps its maximum");
        assertTrue(inTest.depthCaptionProperty().get().contains("now 1,800 waiting · 1 active · 2 delayed"),
                inTest.depthCaptionProperty().get());
    }

    @Test
    void readsOnlyWhileShownAndAFailedReadKeepsTheLastValuesMarkedStale() {
        // given hidden: a snapshot reads nothing
        inTest.onSnapshot(snapshot(NOW, "mail"));
        assertEquals("Reading…", inTest.statusTextProperty().get());

        // when shown, the read (to a port where nothing listens) fails at once
        inTest.setShown(true);
        assertTrue(inTest.statusTextProperty().get().startsWith("Cannot read the charts of mail: Redis is unreachable"),
                inTest.statusTextProperty().get());
        assertFalse(inTest.isStale(), "nothing shown yet, so nothing stale");

        // when data was shown and a later read fails
        inTest.apply(data("mail", noTimings(), noMetrics()));
        inTest.refresh();

        // then the values stay, marked stale
        assertTrue(inTest.isStale());
        assertTrue(inTest.statusTextProperty().get().endsWith("— showing the last values"));
        assertEquals(60, inTest.completedProperty().get().size());
    }

    @Test
    void consolidationKeepsShortSeriesAsTheyAre() {
        List<DepthHistory.Sample> samples = List.of(new DepthHistory.Sample(1, 5, 0, 0, 0),
                new DepthHistory.Sample(2, 6, 0, 0, 0));
        assertEquals(List.of(new Point(1, 5), new Point(2, 6)),
                ChartsViewModel.consolidate(samples, DepthHistory.Sample::waiting));
    }
}
