package dev.bullpen.simulate;

import dev.bullpen.worker.JobContext;
import dev.bullpen.worker.JobProcessor;

/**
 * Makes a deterministic share of jobs fail on their first attempt, so that retries are exercised: a job fails
 * when {@code attemptsMade == 0} and a hash of (seed, job id) falls below {@code rate}. The same job id and seed
 * always give the same answer, in every process, so a restarted worker agrees with the one it replaces.
 */
public final class FirstAttemptFailures implements JobProcessor {
    private final JobProcessor delegate;
    private final double rate;
    private final long seed;

    public FirstAttemptFailures(JobProcessor delegate, double rate, long seed) {
        if (rate < 0 || rate > 1) {
            throw new IllegalArgumentException("fail rate must be between 0 and 1, got " + rate);
        }
        this.delegate = delegate;
        this.rate = rate;
        this.seed = seed;
    }

    /** True when the job with this id fails its first attempt. */
    public boolean selects(String jobId) {
        if (rate <= 0) {
            return false;
        }
        long h = mix(seed ^ jobId.hashCode() * 0x9E3779B97F4A7C15L);
        return (h >>> 11) * 0x1.0p-53 < rate;
    }

    @Override
    public Object process(JobContext job) throws Exception {
        if (job.attemptsMade() == 0 && selects(job.id())) {
            throw new InjectedFailure("simulated first-attempt failure");
        }
        return delegate.process(job);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The failure thrown on purpose; its message becomes the attempt's failedReason. */
    public static final class InjectedFailure extends Exception {
        private static final long serialVersionUID = 1L;

        InjectedFailure(String message) {
            super(message);
        }
    }
}
