package dev.bullpen.queue;

/** Receives progress of a batched operation and can cancel it between batches. */
@FunctionalInterface
public interface BatchProgress {
    BatchProgress NONE = done -> true;

    /**
     * Called after each batch.
     *
     * @param doneSoFar how many jobs were handled so far
     * @return false to stop before the next batch
     */
    boolean onBatch(long doneSoFar);
}
