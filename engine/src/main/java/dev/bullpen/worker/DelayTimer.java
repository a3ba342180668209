package dev.bullpen.worker;

import dev.bullpen.queue.redis.RedisQueueConnection;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

/**
 * Bull's delay timer: runs updateDelaySet at start, then again when the next delayed job is due,
 * when a {@code P:Q:delayed} message announces an earlier one, and at least every guardInterval.
 * One thread runs the script, another listens on the channel (reconnecting with back-off, to the
 * master of the moment behind Sentinel).
 */
final class DelayTimer {
    private static final Logger LOG = LoggerFactory.getLogger(DelayTimer.class);
    private static final long MIN_WAIT_MS = 5;

    private final RedisQueueConnection connection;
    private final WorkerScripts scripts;
    private final WorkerOptions options;
    private final WorkerState state;
    private final Object monitor = new Object();
    private final NextDue nextDue = new NextDue();
    private boolean wake;
    private volatile Jedis subscriberConnection;
    private volatile JedisPubSub subscription;
    private Thread timer;
    private Thread subscriber;

    DelayTimer(RedisQueueConnection connection, WorkerScripts scripts, WorkerOptions options, WorkerState state) {
        this.connection = connection;
        this.scripts = scripts;
        this.options = options;
        this.state = state;
    }

    void start(String threadPrefix) {
        timer = new Thread(this::timerLoop, threadPrefix + "-delay-timer");
        timer.setDaemon(true);
        subscriber = new Thread(this::subscriberLoop, threadPrefix + "-delay-subscriber");
        subscriber.setDaemon(true);
        timer.start();
        subscriber.start();
    }

    /** One run of updateDelaySet: promotes due jobs; returns the next due time in ms, if any. */
    Optional<Long> runOnce() {
        synchronized (monitor) {
            nextDue.runStarts();
        }
        Optional<Long> next = Optional.empty();
        try {
            next = scripts.updateDelaySet(options.clock().millis());
        } finally {
            synchronized (monitor) {
                nextDue.runEnds(next);
            }
        }
        return next;
    }

    private void timerLoop() {
        RetryDelay retry = new RetryDelay();
        while (!state.stopping()) {
            long waitMs;
            try {
                runOnce();
                retry.reset();
                waitMs = options.guardInterval().toMillis();
            } catch (RuntimeException e) {
                waitMs = retry.next();
                LOG.warn("Worker(queue={}) delay timer failed, will keep running (next try in {} ms): {}",
                        scripts.keys().queue(), waitMs, e.toString());
            }
            synchronized (monitor) {
                long until = Math.min(waitMs, nextDue.at() - options.clock().millis());
                until = Math.max(MIN_WAIT_MS, until);
                long deadline = System.nanoTime() + until * 1_000_000;
                while (!wake && !state.stopping()) {
                    long left = (deadline - System.nanoTime()) / 1_000_000;
                    if (left <= 0) {
                        break;
                    }
                    try {
                        monitor.wait(left);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                wake = false;
            }
        }
    }

    /** A {@code delayed} message: the payload is the due time in ms, possibly fractional. */
    void announced(String payload) {
        double due;
        try {
            due = Double.parseDouble(payload.trim());
        } catch (RuntimeException e) {
            return;
        }
        synchronized (monitor) {
            if (nextDue.announce((long) Math.ceil(due))) {
                wake = true;
                monitor.notifyAll();
            }
        }
    }

    private void subscriberLoop() {
        RetryDelay retry = new RetryDelay();
        while (!state.stopping()) {
            try (Jedis j = connection.dedicatedConnection(0, 0)) {
                subscriberConnection = j;
                JedisPubSub pubSub = new JedisPubSub() {
                    @Override
                    public void onMessage(String channel, String message) {
                        announced(message);
                    }

                    @Override
                    public void onSubscribe(String channel, int subscribedChannels) {
                        retry.reset();
                        wakeNow();
                    }
                };
                subscription = pubSub;
                if (state.stopping()) {
                    return;
                }
                j.subscribe(pubSub, scripts.keys().delayed());
            } catch (RuntimeException e) {
                if (state.stopping()) {
                    return;
                }
                long wait = retry.next();
                LOG.warn("Worker(queue={}) delayed-channel subscription lost ({}); resubscribing in {} ms",
                        scripts.keys().queue(), e.getMessage(), wait);
                state.sleep(wait);
            } finally {
                subscriberConnection = null;
            }
        }
    }

    private void wakeNow() {
        synchronized (monitor) {
            wake = true;
            monitor.notifyAll();
        }
    }

    void stop() {
        wakeNow();
        JedisPubSub s = subscription;
        try {
            if (s != null && s.isSubscribed()) {
                s.unsubscribe();
            }
        } catch (RuntimeException e) {
            LOG.debug("Worker(queue={}) unsubscribe failed: {}", scripts.keys().queue(), e.toString());
        }
    }

    /** Waits for both threads; a subscriber that did not leave (it was subscribing as we stopped) is cut off. */
    void join(long ms) throws InterruptedException {
        if (timer != null) {
            timer.join(ms);
        }
        if (subscriber != null) {
            subscriber.join(Math.min(ms, 500));
            if (subscriber.isAlive()) {
                Jedis j = subscriberConnection;
                if (j != null) {
                    j.close();
                }
                subscriber.join(ms);
            }
        }
    }

    /**
     * When the timer must next run (not thread-safe: the caller holds the monitor). A due time
     * announced while updateDelaySet is on its way is kept: the script's answer may predate the
     * job it announces (a worker can take a just-promoted job, fail it and delay it again before
     * the reply arrives), so the answer alone would wrongly leave the timer asleep until the guard.
     */
    static final class NextDue {
        private long at = Long.MAX_VALUE;
        private long announcedDuringRun = Long.MAX_VALUE;
        private boolean running;

        long at() {
            return at;
        }

        void runStarts() {
            running = true;
            announcedDuringRun = Long.MAX_VALUE;
        }

        void runEnds(Optional<Long> scriptAnswer) {
            running = false;
            at = Math.min(scriptAnswer.orElse(Long.MAX_VALUE), announcedDuringRun);
        }

        /** Records an announced due time; true when it is earlier than the one the timer waits for. */
        boolean announce(long due) {
            if (running) {
                announcedDuringRun = Math.min(announcedDuringRun, due);
            }
            if (due < at) {
                at = due;
                return true;
            }
            return false;
        }
    }
}
