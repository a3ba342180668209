package dev.bullpen.worker;

import java.util.List;

/** What happened to the jobs this worker finished. Called on worker threads; must be quick and not throw. */
public interface WorkerListener {
    WorkerListener NONE = new WorkerListener() {
    };

    /** The job was moved to completed (or removed at once by removeOnComplete). */
    default void completed(String jobId, Object result) {
    }

    /**
     * An attempt failed. {@code finalFailure}: the job was moved to failed; otherwise it will be
     * retried (delayed by its backoff, or waiting again at once).
     */
    default void failed(String jobId, String reason, boolean finalFailure) {
    }

    /** The finish was refused by Redis (lock lost, job gone or no longer active): nothing was applied. */
    default void refused(String jobId, String why) {
    }

    /**
     * An attempt's times, told just before {@link #completed} or {@link #failed} (not for a refused
     * finish).
     */
    default void attemptEnded(String jobId, AttemptTimes times) {
    }

    /** Tells every listener, in order; one that throws does not keep the others from hearing. */
    static WorkerListener all(WorkerListener... listeners) {
        List<WorkerListener> all = List.of(listeners);
        return new WorkerListener() {
            @Override
            public void completed(String jobId, Object result) {
                each(l -> l.completed(jobId, result));
            }

            @Override
            public void failed(String jobId, String reason, boolean finalFailure) {
                each(l -> l.failed(jobId, reason, finalFailure));
            }

            @Override
            public void refused(String jobId, String why) {
                each(l -> l.refused(jobId, why));
            }

            @Override
            public void attemptEnded(String jobId, AttemptTimes times) {
                each(l -> l.attemptEnded(jobId, times));
            }

            private void each(java.util.function.Consumer<WorkerListener> call) {
                for (WorkerListener l : all) {
                    try {
                        call.accept(l);
                    } catch (RuntimeException e) {
                        org.slf4j.LoggerFactory.getLogger(WorkerListener.class)
                                .warn("Worker listener {} failed: {}", l, e.toString());
                    }
                }
            }
        };
    }

    /**
     * The times of one attempt, in ms since the epoch, as Bull keeps them in the job hash.
     *
     * @param timestamp    when the job was created ({@code timestamp})
     * @param delay        its {@code delay} option in ms (0 when none)
     * @param attemptsMade attempts made before this one
     * @param processedOn  when this attempt started ({@code processedOn})
     * @param finishedOn   when it ended
     * @param completed    true when it completed, false when it failed
     */
    record AttemptTimes(long timestamp, long delay, int attemptsMade, long processedOn, long finishedOn,
            boolean completed) {

        /** From the job's due time (created + delay) to the start of this attempt, never negative. */
        public long waitMs() {
            return Math.max(0, processedOn - timestamp - Math.max(0, delay));
        }

        /** From the start to the end of this attempt, never negative. */
        public long runMs() {
            return Math.max(0, finishedOn - processedOn);
        }

        /** True for a job's first attempt, whose wait is the time it queued for a free worker. */
        public boolean firstAttempt() {
            return attemptsMade == 0;
        }
    }
}
