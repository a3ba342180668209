package dev.bullpen.checkout;

import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobQueue;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/** Where a reward job stands in the queue, for {@link Audit} and {@link Reconcile}. */
public final class QueueLiveness {
    /** States in which a job will still run by itself. */
    public static final Set<String> RUNNABLE = Set.of("waiting", "active", "delayed", "paused");

    private QueueLiveness() {
    }

    /** The job's Bull state, or empty when the queue has no such job. */
    public static Optional<String> state(JobQueue queue, String jobId) {
        return queue.detail(jobId).map(JobDetail::state);
    }

    /** For the audit: live means runnable, or failed (a retry can still run it). */
    public static Predicate<String> of(JobQueue queue) {
        return id -> state(queue, id).map(s -> RUNNABLE.contains(s) || s.equals("failed")).orElse(false);
    }
}
