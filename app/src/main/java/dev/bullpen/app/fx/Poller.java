package dev.bullpen.app.fx;

import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Live monitoring: reads on a background scheduler, hands each result (or failure) to a listener on
 * the FX executor, then schedules the next read: after {@code interval} while reads work, with an
 * exponential backoff (capped at {@code maxBackoff}) while they fail.
 *
 * @param <T> the immutable snapshot type
 */
public final class Poller<T> implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Poller.class);

    /** Receives results on the FX executor. */
    public interface Listener<T> {
        void onSnapshot(T snapshot);

        void onFailure(RuntimeException error, Duration retryIn);
    }

    private final String name;
    private final ScheduledExecutorService scheduler;
    private final Executor fx;
    private final Supplier<T> read;
    private final Listener<T> listener;
    private final Duration interval;
    private final Duration maxBackoff;
    private int failures;
    private volatile boolean closed;
    private ScheduledFuture<?> next;

    public Poller(String name, ScheduledExecutorService scheduler, Executor fx, Supplier<T> read,
                  Listener<T> listener, Duration interval, Duration maxBackoff) {
        this.name = name;
        this.scheduler = scheduler;
        this.fx = fx;
        this.read = read;
        this.listener = listener;
        this.interval = interval;
        this.maxBackoff = maxBackoff.compareTo(interval) < 0 ? interval : maxBackoff;
    }

    /** Starts reading now. */
    public synchronized void start() {
        schedule(Duration.ZERO);
    }

    /** Reads again now instead of waiting for the next turn (F5). */
    public synchronized void pollNow() {
        if (next != null && next.cancel(false)) {
            schedule(Duration.ZERO);
        }
    }

    /**
     * One read on the calling thread: publishes its outcome to the FX executor and returns the delay
     * before the next read. Never throws for a failed read.
     */
    public Duration pollOnce() {
        T snapshot;
        try {
            snapshot = read.get();
        } catch (RuntimeException e) {
            failures++;
            Duration retryIn = retryDelay(interval, maxBackoff, failures);
            if (failures == 1) {
                LOG.warn("Poller(name={}) read failed, will keep retrying (next in {} ms): {}",
                        name, retryIn.toMillis(), e.getMessage());
                LOG.debug("Poller(name={}) first failure", name, e);
            } else {
                LOG.debug("Poller(name={}) read failed {} times in a row, next in {} ms: {}",
                        name, failures, retryIn.toMillis(), e.getMessage());
            }
            publish(() -> listener.onFailure(e, retryIn));
            return retryIn;
        }
        if (failures > 0) {
            LOG.info("Poller(name={}) reads work again after {} failed attempts", name, failures);
            failures = 0;
        }
        publish(() -> listener.onSnapshot(snapshot));
        return interval;
    }

    /** {@code interval * 2^(failures-1)}, at most {@code max}: 2 s, 4 s, 8 s, ... for a 2 s interval. */
    public static Duration retryDelay(Duration interval, Duration max, int failures) {
        if (failures <= 1) {
            return interval.compareTo(max) > 0 ? max : interval;
        }
        int doublings = Math.min(failures - 1, 30);
        Duration d = interval.multipliedBy(1L << doublings);
        return d.compareTo(max) > 0 ? max : d;
    }

    private void publish(Runnable onFx) {
        if (closed) {
            return;
        }
        try {
            fx.execute(onFx);
        } catch (RuntimeException e) {
            // the FX toolkit is gone (window closed while a read was running)
            LOG.debug("Poller(name={}) could not publish: {}", name, e.toString());
        }
    }

    private void runAndReschedule() {
        if (closed) {
            return;
        }
        Duration delay;
        try {
            delay = pollOnce();
        } catch (RuntimeException e) {
            // a listener or publisher bug: keep polling rather than going silent
            LOG.error("Poller(name={}) unexpected error, will keep running", name, e);
            delay = interval;
        }
        synchronized (this) {
            schedule(delay);
        }
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        try {
            next = scheduler.schedule(this::runAndReschedule, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            LOG.debug("Poller(name={}) scheduler is shut down", name);
        }
    }

    /** Stops polling; a read in progress finishes but its result is dropped. */
    @Override
    public synchronized void close() {
        closed = true;
        if (next != null) {
            next.cancel(false);
        }
    }
}
