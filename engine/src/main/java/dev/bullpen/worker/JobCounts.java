package dev.bullpen.worker;

import java.util.concurrent.atomic.AtomicLong;

/** A {@link WorkerListener} that counts: jobs completed, attempts failed, and of those the final failures. */
public final class JobCounts implements WorkerListener {
    private final AtomicLong completed = new AtomicLong();
    private final AtomicLong failedAttempts = new AtomicLong();
    private final AtomicLong failedForGood = new AtomicLong();

    @Override
    public void completed(String jobId, Object result) {
        completed.incrementAndGet();
    }

    @Override
    public void failed(String jobId, String reason, boolean finalFailure) {
        failedAttempts.incrementAndGet();
        if (finalFailure) {
            failedForGood.incrementAndGet();
        }
    }

    public long completed() {
        return completed.get();
    }

    public long failedAttempts() {
        return failedAttempts.get();
    }

    /** Jobs moved to the failed list (no attempt left). */
    public long failedForGood() {
        return failedForGood.get();
    }
}
