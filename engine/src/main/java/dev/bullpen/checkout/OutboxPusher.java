package dev.bullpen.checkout;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the reward jobs of committed checkouts from one background thread, so that a checkout answers without
 * waiting for Redis: {@link CheckoutService} hands each committed outbox row over with {@link #offer}, and this
 * thread pushes what has gathered in one script call ({@link RewardJobPublisher#publishAll}) and marks those rows
 * sent in one statement.
 *
 * <p>Nothing is lost: the row is committed with the purchase before it is handed over, and a row this pusher does
 * not push (buffer full, circuit open, push failed, process killed) stays pending for the {@link OutboxRelay}.
 * Nothing is enqueued twice: the job id is the purchase id, so a row pushed by both adds one job.
 */
public final class OutboxPusher implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(OutboxPusher.class);
    /** At most this many rows per push. */
    static final int BATCH = 200;

    private final MallStore store;
    private final RewardJobPublisher publisher;
    private final CircuitBreaker breaker;
    private final Clock clock;
    private final BlockingQueue<OutboxEntry> handedOver;
    private final Thread thread;
    private volatile boolean closing;

    /**
     * Starts the pushing thread.
     *
     * @param capacity how many rows may wait to be pushed; beyond that they are left to the relay
     */
    public OutboxPusher(MallStore store, RewardJobPublisher publisher, CircuitBreaker breaker, Clock clock,
            int capacity) {
        this.store = store;
        this.publisher = publisher;
        this.breaker = breaker;
        this.clock = clock;
        this.handedOver = new ArrayBlockingQueue<>(capacity);
        this.thread = new Thread(this::run, "bullpen-outbox-pusher");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Hands a committed outbox row over to be pushed soon; never blocks.
     *
     * @return false when it was not taken (buffer full or closing): the relay pushes it later
     */
    public boolean offer(OutboxEntry entry) {
        return !closing && handedOver.offer(entry);
    }

    private void run() {
        List<OutboxEntry> batch = new ArrayList<>(BATCH);
        while (true) {
            OutboxEntry first;
            try {
                first = handedOver.poll(100, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (first == null) {
                if (closing) {
                    return;
                }
                continue;
            }
            batch.add(first);
            handedOver.drainTo(batch, BATCH - 1);
            pushQuietly(batch);
            batch.clear();
        }
    }

    private void pushQuietly(List<OutboxEntry> batch) {
        try {
            push(batch);
        } catch (RuntimeException e) {
            // e.g. the database refused the mark: the rows stay pending and the relay pushes them again (same job id)
            LOG.warn("Outbox pusher: {} row(s) left to the relay: {}", batch.size(), e.getMessage());
        }
    }

    private void push(List<OutboxEntry> batch) {
        if (!breaker.allowRequest()) {
            LOG.debug("Outbox pusher: circuit open, {} reward job(s) left to the relay", batch.size());
            return;
        }
        List<String> ids = batch.stream().map(OutboxEntry::purchaseId).toList();
        try {
            publisher.publishAll(batch);
        } catch (RuntimeException e) {
            breaker.recordFailure();
            store.recordOutboxFailure(ids, String.valueOf(e.getMessage()));
            LOG.warn("Outbox pusher: {} reward job(s) left in the outbox, the relay will push them: {}", batch.size(),
                    e.getMessage());
            return;
        }
        breaker.recordSuccess();
        store.markOutboxSent(ids, clock.millis());
    }

    /**
     * Stops taking rows, pushes what was handed over (for up to {@code grace}), and stops the thread.
     *
     * @return true when everything handed over was dealt with in time
     */
    public boolean close(Duration grace) {
        closing = true;
        try {
            thread.join(grace.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            thread.interrupt();
            LOG.warn("Outbox pusher: still busy after {} ms; {} row(s) left to the relay", grace.toMillis(),
                    handedOver.size());
            return false;
        }
        return true;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(10));
    }
}
