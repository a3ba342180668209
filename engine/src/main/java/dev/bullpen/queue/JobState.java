package dev.bullpen.queue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The states of a Bull 4 job. Each state is one Redis structure of the queue; the atomic moves
 * between them happen in Lua (see {@code queue/redis/lua}), and {@link #allowed} documents them.
 */
public enum JobState {
    /** In the {@code wait} list: ready to be taken by a worker. */
    WAITING("waiting", "wait", true),
    /** In the {@code active} list: taken by a worker that holds its lock. */
    ACTIVE("active", "active", true),
    /** In the {@code delayed} zset: due later (delay, backoff or rate limit). */
    DELAYED("delayed", "delayed", false),
    /** In the {@code completed} zset, scored by finishedOn. */
    COMPLETED("completed", "completed", false),
    /** In the {@code failed} zset, scored by finishedOn. */
    FAILED("failed", "failed", false),
    /** In the {@code paused} list: waiting while the queue is globally paused. */
    PAUSED("paused", "paused", true);

    private final String bullName;
    private final String keySuffix;
    private final boolean list;

    JobState(String bullName, String keySuffix, boolean list) {
        this.bullName = bullName;
        this.keySuffix = keySuffix;
        this.list = list;
    }

    /** The name Bull uses in getJobCounts, getJobs and getState ({@code waiting}, not {@code wait}). */
    public String bullName() {
        return bullName;
    }

    /** The key suffix of the structure that holds jobs in this state. */
    public String keySuffix() {
        return keySuffix;
    }

    /** True for the Redis lists (wait, active, paused), false for the sorted sets. */
    public boolean isList() {
        return list;
    }

    /** Parses a Bull state name; {@code wait} is accepted as an alias of {@code waiting}. */
    public static Optional<JobState> parse(String name) {
        String n = name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("wait")) {
            return Optional.of(WAITING);
        }
        return Arrays.stream(values()).filter(s -> s.bullName.equals(n)).findFirst();
    }

    /** The moves Bull makes between states (the Lua scripts perform them atomically). */
    public static boolean allowed(JobState from, JobState to) {
        return switch (from) {
            case WAITING -> to == ACTIVE || to == PAUSED;
            case PAUSED -> to == WAITING;
            case DELAYED -> to == WAITING || to == PAUSED;
            case ACTIVE -> to == COMPLETED || to == FAILED || to == DELAYED || to == WAITING || to == PAUSED;
            case FAILED -> to == WAITING || to == PAUSED;
            case COMPLETED -> false;
        };
    }

    @Override
    public String toString() {
        return bullName;
    }
}
