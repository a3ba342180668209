package dev.bullpen.queue;

/** One queue's status and recent activity, read together in one round trip. */
public record QueueHealth(QueueStatus status, QueueActivity activity) {
}
