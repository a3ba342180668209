package dev.bullpen.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.simulate.TimelinePoint;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Thinning a long timeline for the charts keeps spikes and the last queue depth. */
class LiveSeriesTest {

    @Test
    void aShortTimelineIsDrawnAsItIs() {
        List<TimelinePoint> points = seconds(10);

        assertEquals(points, LiveSeries.thin(points, 300));
    }

    @Test
    void aLongTimelineKeepsTheWorstLatencyTheMeanRateAndTheLastDepthOfEachGroup() {
        // given an hour, with one latency spike at second 1801
        List<TimelinePoint> points = seconds(3600);

        // when thinned to at most 300 points
        List<TimelinePoint> thin = LiveSeries.thin(points, 300);

        // then 12 seconds each, the spike kept, rates averaged, depth of the group's last second
        assertEquals(300, thin.size());
        assertEquals(3600, thin.get(299).second(), 1e-9);
        assertTrue(thin.stream().anyMatch(p -> p.checkoutP99Ms() == 900), "the spike survives");
        TimelinePoint first = thin.get(0);
        assertEquals(12, first.second(), 1e-9);
        assertEquals(100, first.checkouts());
        assertEquals(12, first.waiting());
        assertEquals(12 * 10, first.oldestWaitMs(), 1e-9);
    }

    private static List<TimelinePoint> seconds(int n) {
        List<TimelinePoint> out = new ArrayList<>();
        for (int s = 1; s <= n; s++) {
            double p99 = s == 1801 ? 900 : 10;
            out.add(new TimelinePoint(s, 100, 0, 2, 5, p99, p99, 90, s, 3, 0, 0, s * 10));
        }
        return out;
    }
}
