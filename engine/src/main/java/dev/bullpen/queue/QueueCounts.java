package dev.bullpen.queue;

import java.util.EnumMap;
import java.util.Map;

/** Job counts per state, as Bull's {@code getJobCounts()} reports them (prioritized jobs count as waiting). */
public record QueueCounts(long waiting, long active, long delayed, long completed, long failed, long paused) {

    public static QueueCounts empty() {
        return new QueueCounts(0, 0, 0, 0, 0, 0);
    }

    public long of(JobState state) {
        return switch (state) {
            case WAITING -> waiting;
            case ACTIVE -> active;
            case DELAYED -> delayed;
            case COMPLETED -> completed;
            case FAILED -> failed;
            case PAUSED -> paused;
        };
    }

    /** Counts keyed by state, in Bull's order: waiting, active, delayed, completed, failed, paused. */
    public Map<JobState, Long> asMap() {
        Map<JobState, Long> m = new EnumMap<>(JobState.class);
        for (JobState s : JobState.values()) {
            m.put(s, of(s));
        }
        return m;
    }

    public long total() {
        return waiting + active + delayed + completed + failed + paused;
    }
}
