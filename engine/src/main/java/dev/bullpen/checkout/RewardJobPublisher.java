package dev.bullpen.checkout;

/** Pushes reward jobs recorded in the outbox to the queue. */
public interface RewardJobPublisher {

    /**
     * Adds the job with the purchase id as its job id; adding it again changes nothing.
     *
     * @throws RuntimeException (typically {@link dev.bullpen.queue.RedisUnavailableException}) when the
     *                          job could not be added; the outbox row stays pending
     */
    void publish(OutboxEntry entry);
}
