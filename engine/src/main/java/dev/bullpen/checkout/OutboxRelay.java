package dev.bullpen.checkout;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes pending outbox rows to the queue, oldest first, and marks them sent. Run it on a schedule
 * in every process that checks out or works jobs. A row pushed twice (by the checkout and by the relay,
 * or by two relays) is one job: the job id is the purchase id.
 */
public final class OutboxRelay implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelay.class);

    private final MallStore store;
    private final RewardJobPublisher publisher;
    private final Clock clock;
    private final int batchSize;
    private final Duration minAge;

    public OutboxRelay(MallStore store, RewardJobPublisher publisher, Clock clock, int batchSize) {
        this(store, publisher, clock, batchSize, Duration.ZERO);
    }

    /**
     * @param minAge rows younger than this are left alone: in processes whose checkouts hand their rows to an
     *               {@link OutboxPusher}, the relay then pushes only what the pusher did not (a second push would
     *               add nothing, but costs a round trip)
     */
    public OutboxRelay(MallStore store, RewardJobPublisher publisher, Clock clock, int batchSize, Duration minAge) {
        this.store = store;
        this.publisher = publisher;
        this.clock = clock;
        this.batchSize = batchSize;
        this.minAge = minAge;
    }

    /**
     * Pushes pending rows until none is left or a push fails (then it stops: Redis is likely down).
     *
     * @return how many rows were pushed and marked sent
     */
    public int runOnce() {
        int sent = 0;
        while (true) {
            List<OutboxEntry> pending = minAge.isZero() ? store.pendingOutbox(batchSize)
                    : store.pendingOutbox(batchSize, clock.millis() - minAge.toMillis());
            if (pending.isEmpty()) {
                return sent;
            }
            for (OutboxEntry e : pending) {
                if (!publishRetryingOnce(e)) {
                    return sent;
                }
                store.markOutboxSent(e.purchaseId(), clock.millis());
                sent++;
            }
            if (pending.size() < batchSize) {
                return sent;
            }
        }
    }

    /**
     * Pushes one row; a failure is retried once at once, because the first command after a Redis restart
     * fails on a stale pooled connection that the pool then replaces.
     */
    private boolean publishRetryingOnce(OutboxEntry e) {
        try {
            publisher.publish(e);
            return true;
        } catch (RuntimeException first) {
            LOG.debug("Outbox(purchase={}) push failed, retrying once: {}", e.purchaseId(), first.getMessage());
        }
        try {
            publisher.publish(e);
            return true;
        } catch (RuntimeException ex) {
            store.recordOutboxFailure(e.purchaseId(), String.valueOf(ex.getMessage()));
            LOG.warn("Outbox(purchase={}) not pushed, will retry: {}", e.purchaseId(), ex.getMessage());
            return false;
        }
    }

    /** Runs the relay every {@code period} on {@code scheduler} until the returned future is cancelled. */
    public ScheduledFuture<?> schedule(ScheduledExecutorService scheduler, Duration period) {
        return scheduler.scheduleWithFixedDelay(this, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** {@link #runOnce()} for a scheduler: never throws (an escaped exception would cancel the schedule). */
    @Override
    public void run() {
        try {
            int n = runOnce();
            if (n > 0) {
                LOG.info("Outbox relay pushed {} reward job(s)", n);
            }
        } catch (RuntimeException e) {
            LOG.warn("Outbox relay failed, will keep running: {}", e.getMessage(), e);
        }
    }
}
