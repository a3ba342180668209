package dev.bullpen.worker;

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
}
