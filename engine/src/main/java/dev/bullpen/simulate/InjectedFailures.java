package dev.bullpen.simulate;

import dev.bullpen.worker.JobContext;
import dev.bullpen.worker.JobProcessor;

/**
 * Makes deterministic shares of jobs fail on purpose, so that retries and failed jobs are exercised:
 * <ul>
 * <li>{@code firstAttempt}: the job fails its first attempt ({@code attemptsMade == 0}) and succeeds when Bull
 * retries it after its backoff;</li>
 * <li>{@code forGood}: the job fails every attempt its options allow ({@code attemptsMade < opts.attempts}), so it
 * ends in Bull's failed list with its attempts exhausted. A manual retry (console, {@code jobs retry}) keeps
 * {@code attemptsMade}, as Bull's {@code job.retry()} does, so that run succeeds: support has something real to
 * retry.</li>
 * </ul>
 * A job is picked by a hash of (seed, job id), the two shares with different salts; a job picked for both fails for
 * good. The same job id and seed always give the same answer, in every process, so a restarted worker agrees with
 * the one it replaces and the simulator knows which failed jobs it caused.
 */
public final class InjectedFailures implements JobProcessor {
    /** What to inject: two shares in 0..1 and the seed that picks the jobs. */
    public record Rates(double firstAttempt, double forGood, long seed) {
        public static final Rates NONE = new Rates(0, 0, 1);

        public Rates {
            if (!(firstAttempt >= 0 && firstAttempt <= 1)) {
                throw new IllegalArgumentException("the first-attempt fail rate must be between 0 and 1, got "
                        + firstAttempt);
            }
            if (!(forGood >= 0 && forGood <= 1)) {
                throw new IllegalArgumentException("the fail-for-good rate must be between 0 and 1, got " + forGood);
            }
        }

        public boolean any() {
            return firstAttempt > 0 || forGood > 0;
        }

        /** True when the job with this id fails its first attempt only. */
        public boolean failsFirstAttempt(String jobId) {
            return !failsForGood(jobId) && picked(jobId, seed, firstAttempt);
        }

        /** True when the job with this id fails every attempt its options allow. */
        public boolean failsForGood(String jobId) {
            return picked(jobId, seed ^ 0x5DEECE66DL, forGood);
        }

        private static boolean picked(String jobId, long seed, double rate) {
            if (rate <= 0) {
                return false;
            }
            long h = mix(seed ^ jobId.hashCode() * 0x9E3779B97F4A7C15L);
            return (h >>> 11) * 0x1.0p-53 < rate;
        }
    }

    private final JobProcessor delegate;
    private final Rates rates;

    public InjectedFailures(JobProcessor delegate, Rates rates) {
        this.delegate = delegate;
        this.rates = rates;
    }

    @Override
    public Object process(JobContext job) throws Exception {
        if (rates.failsForGood(job.id())) {
            int attempts = Math.max(1, job.opts().path("attempts").asInt(1));
            if (job.attemptsMade() < attempts) {
                throw new InjectedFailure("simulated failure for good: attempt " + (job.attemptsMade() + 1) + " of "
                        + attempts + " fails (a manual retry succeeds)");
            }
        } else if (job.attemptsMade() == 0 && rates.failsFirstAttempt(job.id())) {
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
