package dev.bullpen.monitor;

import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Every queue under one prefix with its counts and pause flag, as read at one moment, with what
 * each queue did lately and the workers connected.
 *
 * @param queues   one status per queue, sorted by name
 * @param readAt   when the read finished
 * @param activity recent activity per queue name (a queue without an entry was not read for it)
 * @param workers  Bull workers connected per queue name; empty when Redis would not list its clients
 */
public record OverviewSnapshot(List<QueueStatus> queues, Instant readAt, Map<String, QueueActivity> activity,
                               Optional<Map<String, Integer>> workers) {
    public OverviewSnapshot {
        queues = List.copyOf(queues);
        activity = Map.copyOf(activity);
        workers = workers.map(Map::copyOf);
    }

    /** Counts only, no activity, workers unknown. */
    public OverviewSnapshot(List<QueueStatus> queues, Instant readAt) {
        this(queues, readAt, Map.of(), Optional.empty());
    }

    public Optional<QueueActivity> activityOf(String queue) {
        return Optional.ofNullable(activity.get(queue));
    }

    /** Workers connected to the queue (0 when none), or empty when unknown. */
    public OptionalInt workersOf(String queue) {
        return workers.map(w -> OptionalInt.of(w.getOrDefault(queue, 0))).orElse(OptionalInt.empty());
    }
}
