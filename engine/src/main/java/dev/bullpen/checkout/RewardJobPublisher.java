package dev.bullpen.checkout;

import java.util.List;

/** Pushes reward jobs recorded in the outbox to the queue. */
public interface RewardJobPublisher {

    /**
     * Adds the job with the purchase id as its job id; adding it again changes nothing.
     *
     * @throws RuntimeException (typically {@link dev.bullpen.queue.RedisUnavailableException}) when the
     *                          job could not be added; the outbox row stays pending
     */
    void publish(OutboxEntry entry);

    /**
     * Adds the jobs of several rows; the default adds them one by one, implementations may batch. When it throws,
     * some of the jobs may have been added (adding them again changes nothing).
     */
    default void publishAll(List<OutboxEntry> entries) {
        for (OutboxEntry e : entries) {
            publish(e);
        }
    }
}
