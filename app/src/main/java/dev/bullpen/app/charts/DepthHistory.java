package dev.bullpen.app.charts;

import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Queue depth over time, sampled by the overview poller and kept while the console runs, bounded:
 * samples older than the retention are dropped, and samples closer together than
 * {@code retention / maxSamples} replace the newest one, so a fast poll interval cannot grow it.
 * Used on the FX thread only.
 */
public final class DepthHistory {
    /** The default retention: the last hour. */
    public static final Duration RETENTION = Duration.ofHours(1);
    /** The most samples kept per queue. */
    public static final int MAX_SAMPLES = 1_800;

    /**
     * One queue's counts at one moment.
     *
     * @param at      epoch ms
     * @param waiting waiting jobs, including those of a paused queue
     */
    public record Sample(long at, long waiting, long active, long delayed, long failed) {
        static Sample of(long at, QueueCounts c) {
            return new Sample(at, c.waiting() + c.paused(), c.active(), c.delayed(), c.failed());
        }
    }

    private final long retentionMs;
    private final long spacingMs;
    private final Map<String, Deque<Sample>> byQueue = new HashMap<>();

    public DepthHistory() {
        this(RETENTION, MAX_SAMPLES);
    }

    public DepthHistory(Duration retention, int maxSamples) {
        if (retention.isNegative() || retention.isZero() || maxSamples < 2) {
            throw new IllegalArgumentException("retention must be positive and maxSamples at least 2");
        }
        this.retentionMs = retention.toMillis();
        this.spacingMs = Math.max(1, retentionMs / maxSamples);
    }

    /** Adds one sample per queue of the snapshot and forgets what is older than the retention. */
    public void record(OverviewSnapshot snapshot) {
        long at = snapshot.readAt().toEpochMilli();
        for (QueueStatus s : snapshot.queues()) {
            Deque<Sample> samples = byQueue.computeIfAbsent(s.name(), n -> new ArrayDeque<>());
            Sample sample = Sample.of(at, s.counts());
            if (!samples.isEmpty() && samples.peekLast().at() > at) {
                continue; // a clock step back: keep the order
            }
            if (samples.size() >= 2 && at - secondLast(samples).at() <= spacingMs) {
                samples.pollLast();
            }
            samples.addLast(sample);
        }
        long oldest = at - retentionMs;
        for (Iterator<Deque<Sample>> it = byQueue.values().iterator(); it.hasNext(); ) {
            Deque<Sample> samples = it.next();
            while (!samples.isEmpty() && samples.peekFirst().at() < oldest) {
                samples.pollFirst();
            }
            if (samples.isEmpty()) {
                it.remove();
            }
        }
    }

    private static Sample secondLast(Deque<Sample> samples) {
        Iterator<Sample> it = samples.descendingIterator();
        it.next();
        return it.next();
    }

    /** The queue's samples, oldest first. */
    public List<Sample> samples(String queue) {
        Deque<Sample> samples = byQueue.get(queue);
        return samples == null ? List.of() : List.copyOf(samples);
    }

    /** The queue's samples taken at or after {@code fromMs}, oldest first. */
    public List<Sample> since(String queue, long fromMs) {
        List<Sample> out = new ArrayList<>();
        for (Sample s : samples(queue)) {
            if (s.at() >= fromMs) {
                out.add(s);
            }
        }
        return out;
    }

    /** Waiting jobs over the last {@code window}, oldest first: the overview's sparkline. */
    public List<Long> waitingTrend(String queue, Duration window) {
        Deque<Sample> samples = byQueue.get(queue);
        if (samples == null || samples.isEmpty()) {
            return List.of();
        }
        long from = samples.peekLast().at() - window.toMillis();
        List<Long> out = new ArrayList<>();
        for (Sample s : samples) {
            if (s.at() >= from) {
                out.add(s.waiting());
            }
        }
        return out;
    }

    /** Samples kept over all queues (for tests and memory checks). */
    public int size() {
        return byQueue.values().stream().mapToInt(Deque::size).sum();
    }
}
