package dev.bullpen.queue;

import java.util.List;
import java.util.OptionalLong;

/**
 * What one queue did lately, read exactly from Redis (not sampled) in the overview's round trip.
 * Jobs removed on finish ({@code removeOnComplete}/{@code removeOnFail}) are not in Bull's sets and
 * so are not counted.
 *
 * @param completedLastMinute jobs whose finishedOn is within the last 60 s (or later: a worker's clock may run ahead)
 * @param failedPerMinute     jobs failed per sliding minute ending now, newest first: index 0 is the last
 *                            60 s, index 1 the 60 s before, and so on
 * @param oldestWaitingSince  when the job that has waited longest (of those at either end of the wait
 *                            and paused lists) became waiting, in epoch ms; empty when none waits
 */
public record QueueActivity(long completedLastMinute, List<Long> failedPerMinute, OptionalLong oldestWaitingSince) {

    public QueueActivity {
        failedPerMinute = List.copyOf(failedPerMinute);
    }

    /** Nothing finished, nothing waiting. */
    public static QueueActivity none() {
        return new QueueActivity(0, List.of(), OptionalLong.empty());
    }

    public long failedLastMinute() {
        return failedIn(1);
    }

    /** Jobs failed in the last {@code minutes} minutes (at most as many minutes as were read). */
    public long failedIn(int minutes) {
        long sum = 0;
        for (int i = 0; i < Math.min(minutes, failedPerMinute.size()); i++) {
            sum += failedPerMinute.get(i);
        }
        return sum;
    }

    /** How long the oldest waiting job has waited at {@code nowMs} (never negative). */
    public OptionalLong oldestWaitingAgeMs(long nowMs) {
        return oldestWaitingSince.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(Math.max(0, nowMs - oldestWaitingSince.getAsLong()));
    }
}
