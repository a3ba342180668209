package dev.bullpen.queue;

/** One queue's counts and its global pause flag, read together in one round trip. */
public record QueueStatus(String name, boolean paused, QueueCounts counts) {
}
