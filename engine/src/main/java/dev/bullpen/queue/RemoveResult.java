package dev.bullpen.queue;

/** What {@link JobQueue#remove} did. */
public enum RemoveResult {
    /** The job, its logs and every reference to it are gone. */
    REMOVED,
    /** The job holds a lock (a worker is processing it): nothing was changed, as in Bull. */
    LOCKED,
    /** No such job. */
    NOT_FOUND
}
