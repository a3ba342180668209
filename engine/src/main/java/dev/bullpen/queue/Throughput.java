package dev.bullpen.queue;

import java.util.List;

/**
 * Jobs finished per wall-clock minute, counted exactly from the scores of Bull's {@code completed}
 * and {@code failed} sorted sets (finishedOn), oldest minute first; the last minute is the current,
 * unfinished one.
 *
 * @param firstMinute         start of the first minute, epoch ms (a multiple of 60,000)
 * @param completed           completed jobs per minute, oldest first
 * @param failed              failed jobs per minute, oldest first
 * @param completedLastMinute completed in the 60 s before the read (the current rate per minute)
 * @param failedLastMinute    failed in the 60 s before the read
 * @param readAt              the time the counts are relative to, epoch ms
 */
public record Throughput(long firstMinute, List<Long> completed, List<Long> failed, long completedLastMinute,
                         long failedLastMinute, long readAt) {
    public static final long MINUTE_MS = 60_000;

    public Throughput {
        completed = List.copyOf(completed);
        failed = List.copyOf(failed);
        if (completed.size() != failed.size()) {
            throw new IllegalArgumentException("completed and failed need one count per minute each");
        }
    }

    public int minutes() {
        return completed.size();
    }

    /** Start of minute {@code i} (0 = oldest), epoch ms. */
    public long minuteStart(int i) {
        return firstMinute + i * MINUTE_MS;
    }
}
