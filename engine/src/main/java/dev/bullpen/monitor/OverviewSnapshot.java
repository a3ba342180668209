package dev.bullpen.monitor;

import dev.bullpen.queue.QueueStatus;
import java.time.Instant;
import java.util.List;

/**
 * Every queue under one prefix with its counts and pause flag, as read at one moment.
 *
 * @param queues one status per queue, sorted by name
 * @param readAt when the read finished
 */
public record OverviewSnapshot(List<QueueStatus> queues, Instant readAt) {
    public OverviewSnapshot {
        queues = List.copyOf(queues);
    }
}
