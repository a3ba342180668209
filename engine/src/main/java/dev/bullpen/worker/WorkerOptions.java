package dev.bullpen.worker;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Worker settings with Bull's defaults (lockDuration 30 s, lockRenewTime = lockDuration / 2,
 * stalledInterval 30 s, maxStalledCount 1, drainDelay 5 s, guardInterval 5 s).
 *
 * <pre>WorkerOptions.builder().concurrency(10).lockDuration(Duration.ofSeconds(60)).build()</pre>
 */
public final class WorkerOptions {
    /**
     * Bull's {@code limiter: {max, duration, bounceBack, groupKey}}: at most {@code max} jobs per
     * {@code duration}; with {@code perGroup} (Bull's {@code groupKey}) per group, the group being the
     * part of the job id after its last {@code :} (Bull's producer writes ids as {@code <id>:<group>}).
     */
    public record Limiter(int max, Duration duration, boolean bounceBack, boolean perGroup) {
        public Limiter {
            if (max < 1 || duration.toMillis() < 1) {
                throw new IllegalArgumentException("limiter needs max >= 1 and duration >= 1 ms");
            }
        }

        public Limiter(int max, Duration duration) {
            this(max, duration, false, false);
        }
    }

    private final int concurrency;
    private final Duration lockDuration;
    private final Duration lockRenewTime;
    private final Duration stalledInterval;
    private final int maxStalledCount;
    private final Duration drainDelay;
    private final Duration guardInterval;
    private final Limiter limiter;
    private final Duration shutdownGrace;
    private final int metricsMaxDataPoints;
    private final java.util.Map<String, BackoffStrategy> backoffStrategies;
    private final Clock clock;
    private final WorkerListener listener;

    private WorkerOptions(Builder b) {
        this.concurrency = b.concurrency;
        this.lockDuration = b.lockDuration;
        this.lockRenewTime = b.lockRenewTime != null ? b.lockRenewTime : b.lockDuration.dividedBy(2);
        this.stalledInterval = b.stalledInterval;
        this.maxStalledCount = b.maxStalledCount;
        this.drainDelay = b.drainDelay;
        this.guardInterval = b.guardInterval;
        this.limiter = b.limiter;
        this.shutdownGrace = b.shutdownGrace;
        this.metricsMaxDataPoints = b.metricsMaxDataPoints;
        this.backoffStrategies = java.util.Map.copyOf(b.backoffStrategies);
        this.clock = b.clock;
        this.listener = b.listener;
    }

    public static Builder builder() {
        return new Builder();
    }

    public static WorkerOptions defaults() {
        return builder().build();
    }

    /** Jobs processed at the same time (one blocking connection and thread each). */
    public int concurrency() {
        return concurrency;
    }

    public Duration lockDuration() {
        return lockDuration;
    }

    public Duration lockRenewTime() {
        return lockRenewTime;
    }

    /** Zero disables the periodic stalled check (it still runs once at start, as Bull). */
    public Duration stalledInterval() {
        return stalledInterval;
    }

    public int maxStalledCount() {
        return maxStalledCount;
    }

    /** BRPOPLPUSH timeout, whole seconds (at least 1). */
    public Duration drainDelay() {
        return drainDelay;
    }

    public Duration guardInterval() {
        return guardInterval;
    }

    public Optional<Limiter> limiter() {
        return Optional.ofNullable(limiter);
    }

    /** How long {@link Worker#close()} lets active jobs finish. */
    public Duration shutdownGrace() {
        return shutdownGrace;
    }

    /** Bull's {@code metrics.maxDataPoints}: per-minute completed/failed counts are kept when above 0. */
    public int metricsMaxDataPoints() {
        return metricsMaxDataPoints;
    }

    /** Custom backoff types by name (Bull's {@code settings.backoffStrategies}). */
    public java.util.Map<String, BackoffStrategy> backoffStrategies() {
        return backoffStrategies;
    }

    public Clock clock() {
        return clock;
    }

    public WorkerListener listener() {
        return listener;
    }

    public static final class Builder {
        private int concurrency = 1;
        private Duration lockDuration = Duration.ofMillis(30_000);
        private Duration lockRenewTime;
        private Duration stalledInterval = Duration.ofMillis(30_000);
        private int maxStalledCount = 1;
        private Duration drainDelay = Duration.ofSeconds(5);
        private Duration guardInterval = Duration.ofMillis(5_000);
        private Limiter limiter;
        private Duration shutdownGrace = Duration.ofSeconds(30);
        private int metricsMaxDataPoints;
        private final java.util.Map<String, BackoffStrategy> backoffStrategies = new java.util.HashMap<>();
        private Clock clock = Clock.systemUTC();
        private WorkerListener listener = WorkerListener.NONE;

        private Builder() {
        }

        public Builder concurrency(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("concurrency must be 1 or more, got " + n);
            }
            this.concurrency = n;
            return this;
        }

        /** How long a lock lives without renewal; also sets lockRenewTime to half unless set. */
        public Builder lockDuration(Duration d) {
            this.lockDuration = positive(d, "lockDuration");
            return this;
        }

        public Builder lockRenewTime(Duration d) {
            this.lockRenewTime = positive(d, "lockRenewTime");
            return this;
        }

        public Builder stalledInterval(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("stalledInterval must not be negative");
            }
            this.stalledInterval = d;
            return this;
        }

        public Builder maxStalledCount(int n) {
            if (n < 0) {
                throw new IllegalArgumentException("maxStalledCount must not be negative");
            }
            this.maxStalledCount = n;
            return this;
        }

        public Builder drainDelay(Duration d) {
            if (d.getSeconds() < 1) {
                throw new IllegalArgumentException("drainDelay is whole seconds, at least 1 (BRPOPLPUSH timeout)");
            }
            this.drainDelay = Duration.ofSeconds(d.getSeconds());
            return this;
        }

        public Builder guardInterval(Duration d) {
            this.guardInterval = positive(d, "guardInterval");
            return this;
        }

        public Builder limiter(int max, Duration duration) {
            this.limiter = new Limiter(max, duration);
            return this;
        }

        public Builder limiter(Limiter limiter) {
            this.limiter = limiter;
            return this;
        }

        public Builder shutdownGrace(Duration d) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("shutdownGrace must not be negative");
            }
            this.shutdownGrace = d;
            return this;
        }

        /** Keep Bull's per-minute metrics ({@code P:Q:metrics:completed|failed}), at most this many points. */
        public Builder metricsMaxDataPoints(int points) {
            if (points < 0) {
                throw new IllegalArgumentException("metricsMaxDataPoints must not be negative");
            }
            this.metricsMaxDataPoints = points;
            return this;
        }

        /** A custom backoff type: jobs with {@code backoff: {type: <type>}} ask it for their retry delay. */
        public Builder backoffStrategy(String type, BackoffStrategy strategy) {
            backoffStrategies.put(Objects.requireNonNull(type), Objects.requireNonNull(strategy));
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock);
            return this;
        }

        public Builder listener(WorkerListener listener) {
            this.listener = Objects.requireNonNull(listener);
            return this;
        }

        public WorkerOptions build() {
            return new WorkerOptions(this);
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }
    }
}
