package dev.bullpen.app.lab;

import dev.bullpen.simulate.TimelinePoint;
import java.util.ArrayList;
import java.util.List;

/**
 * Thins a run's timeline (one point a second) for the charts: at most {@code max} points, each standing for
 * consecutive seconds, so that an hour-long run draws as fast as a minute. Latencies and the job wait keep the
 * worst second of a group (a spike never disappears), rates their mean, queue depths the last second.
 */
final class LiveSeries {
    private LiveSeries() {
    }

    static List<TimelinePoint> thin(List<TimelinePoint> points, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max must be 1 or more");
        }
        if (points.size() <= max) {
            return List.copyOf(points);
        }
        int group = (points.size() + max - 1) / max;
        List<TimelinePoint> out = new ArrayList<>();
        for (int from = 0; from < points.size(); from += group) {
            List<TimelinePoint> g = points.subList(from, Math.min(points.size(), from + group));
            TimelinePoint last = g.get(g.size() - 1);
            double n = g.size();
            out.add(new TimelinePoint(last.second(),
                    Math.round(g.stream().mapToLong(TimelinePoint::checkouts).sum() / n),
                    Math.round(g.stream().mapToLong(TimelinePoint::failures).sum() / n),
                    g.stream().mapToDouble(TimelinePoint::checkoutP50Ms).max().orElse(0),
                    g.stream().mapToDouble(TimelinePoint::checkoutP95Ms).max().orElse(0),
                    g.stream().mapToDouble(TimelinePoint::checkoutP99Ms).max().orElse(0),
                    g.stream().mapToDouble(TimelinePoint::checkoutMaxMs).max().orElse(0),
                    Math.round(g.stream().mapToLong(TimelinePoint::jobsCompleted).sum() / n),
                    last.waiting(), last.active(), last.delayed(), last.failed(),
                    g.stream().mapToDouble(TimelinePoint::oldestWaitMs).max().orElse(0)));
        }
        return out;
    }
}
