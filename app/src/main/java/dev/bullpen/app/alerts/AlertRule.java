package dev.bullpen.app.alerts;

/**
 * The alert rules, with the operators' runbook defaults (docs/operations.md): each compares one
 * figure of the overview poll with a threshold; a rule raises one alert per queue (Redis: one alert).
 */
public enum AlertRule {
    /** More than {@code threshold} jobs waiting (a paused queue's jobs count as waiting). */
    WAITING("waiting", "Waiting jobs", "jobs waiting", 100),
    /** More than {@code threshold} jobs failed within the last {@code windowMinutes} minutes. */
    FAILURES("failures", "New failures", "jobs failed", 10),
    /** More than {@code threshold} jobs waiting and no Bull worker connected to the queue. */
    NO_WORKER("noWorker", "No worker", "jobs waiting, no worker", 0),
    /** The oldest waiting job has waited more than {@code threshold} seconds. */
    OLDEST_WAITING("oldestWaiting", "Oldest waiting job", "seconds waited", 60),
    /** Redis could not be reached for more than {@code threshold} seconds (0: at the first failed poll). */
    REDIS_UNREACHABLE("redisUnreachable", "Redis unreachable", "seconds unreachable", 0);

    /** Default window of {@link #FAILURES}, minutes. */
    public static final int DEFAULT_WINDOW_MINUTES = 5;
    /** Longest window of {@link #FAILURES}: what the overview poll reads. */
    public static final int MAX_WINDOW_MINUTES = dev.bullpen.monitor.QueueInspector.FAILURE_MINUTES;

    private final String key;
    private final String title;
    private final String unit;
    private final long defaultThreshold;

    AlertRule(String key, String title, String unit, long defaultThreshold) {
        this.key = key;
        this.title = title;
        this.unit = unit;
        this.defaultThreshold = defaultThreshold;
    }

    /** The rule's name in the settings file. */
    public String key() {
        return key;
    }

    public String title() {
        return title;
    }

    /** What the threshold counts, as shown next to it. */
    public String unit() {
        return unit;
    }

    public long defaultThreshold() {
        return defaultThreshold;
    }

    /** True when the rule is about one queue (all but Redis unreachable). */
    public boolean perQueue() {
        return this != REDIS_UNREACHABLE;
    }

    /** The condition in words, with the given threshold. */
    public String describe(long threshold, int windowMinutes) {
        return switch (this) {
            case WAITING -> "more than " + threshold + " jobs waiting";
            case FAILURES -> "more than " + threshold + " new failures in " + windowMinutes + " min";
            case NO_WORKER -> threshold == 0 ? "jobs waiting but no worker connected"
                    : "more than " + threshold + " jobs waiting but no worker connected";
            case OLDEST_WAITING -> "oldest waiting job older than " + threshold + " s";
            case REDIS_UNREACHABLE -> threshold == 0 ? "Redis unreachable"
                    : "Redis unreachable for more than " + threshold + " s";
        };
    }

    public static java.util.Optional<AlertRule> ofKey(String key) {
        for (AlertRule r : values()) {
            if (r.key.equals(key)) {
                return java.util.Optional.of(r);
            }
        }
        return java.util.Optional.empty();
    }
}
