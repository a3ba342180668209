package dev.bullpen.lab;

import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.OutboxRelay;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.checkout.RewardJobProcessor;
import dev.bullpen.checkout.RewardProcessor;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.simulate.RewardWorkers;
import dev.bullpen.worker.Worker;
import dev.bullpen.worker.JobCounts;
import dev.bullpen.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reward workers the console starts, stops and scales: Bull workers on the {@code checkout} queue under one prefix,
 * whose processor applies rewards to one mall database (the lab's), plus the outbox relay while any runs. The
 * Redis connection and the database are opened with the first worker and closed with the last.
 *
 * <p>{@link #scale} adds or stops workers one by one; a new concurrency restarts each worker (its slots are fixed
 * when it starts), letting running jobs finish first. Calls block (a stop waits for running jobs, at most the
 * grace period): make them off the UI thread. Thread-safe.
 */
public final class EmbeddedWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWorkers.class);
    /** At most this many workers, and this many slots each: the console shares its machine. */
    public static final int MAX_WORKERS = 32;
    public static final int MAX_CONCURRENCY = 256;

    /** One running worker and what it did. */
    public record WorkerStatus(int number, int concurrency, Instant startedAt, long completed, long failedAttempts,
            long failedForGood) {
    }

    /** Opens the mall database of the workers; the caller's store is closed with the last worker. */
    @FunctionalInterface
    public interface StoreOpener {
        MallStore open(String dbUrl);
    }

    private final RedisEndpoint endpoint;
    private final String prefix;
    private final String dbUrl;
    private final StoreOpener opener;
    private final Clock clock;
    private final Duration grace;
    private final List<Running> running = new ArrayList<>();
    private volatile List<Running> published = List.of();
    private RedisQueueConnection connection;
    private MallStore store;
    private ScheduledExecutorService relayScheduler;
    private int started;

    private record Running(int number, Worker worker, int concurrency, Instant startedAt, JobCounts counts) {
    }

    /**
     * @param prefix the key prefix of the {@code checkout} queue they work
     * @param dbUrl  the mall database their rewards go to (JDBC URL)
     * @param grace  how long a stopping worker may finish its running jobs
     */
    public EmbeddedWorkers(RedisEndpoint endpoint, String prefix, String dbUrl, StoreOpener opener, Clock clock,
            Duration grace) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.dbUrl = dbUrl;
        this.opener = opener;
        this.clock = clock;
        this.grace = grace;
    }

    /** On the lab database, opened with the {@code BULLPEN_DB_USER} / {@code BULLPEN_DB_PASSWORD} login if set. */
    public static EmbeddedWorkers onDatabase(RedisEndpoint endpoint, String prefix, String dbUrl) {
        return new EmbeddedWorkers(endpoint, prefix, dbUrl, url -> JdbcMallStore.open(JdbcMallStore.withDefaults(url),
                System.getenv("BULLPEN_DB_USER"), System.getenv("BULLPEN_DB_PASSWORD"), 20), Clock.systemUTC(),
                Duration.ofSeconds(10));
    }

    public String queue() {
        return RewardJob.QUEUE;
    }

    public String prefix() {
        return prefix;
    }

    /** The database as logs may show it (no password). */
    public String database() {
        return JdbcMallStore.safe(dbUrl);
    }

    /**
     * Runs {@code count} workers of {@code concurrency} slots each: starts the missing ones, stops the extra ones
     * (the newest first), and restarts those of another concurrency.
     *
     * @throws IllegalArgumentException naming the value out of range
     * @throws dev.bullpen.queue.RedisUnavailableException when Redis cannot be reached (nothing started)
     */
    public synchronized void scale(int count, int concurrency) {
        if (count < 0 || count > MAX_WORKERS) {
            throw new IllegalArgumentException("workers must be between 0 and " + MAX_WORKERS + ", got " + count);
        }
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw new IllegalArgumentException("concurrency must be between 1 and " + MAX_CONCURRENCY + ", got "
                    + concurrency);
        }
        try {
            while (running.size() > count) {
                stop(running.remove(running.size() - 1));
            }
            for (int i = 0; i < running.size(); i++) {
                Running r = running.get(i);
                if (r.concurrency() != concurrency) {
                    stop(r);
                    running.remove(i);
                    running.add(i, start(r.number(), concurrency));
                }
            }
            while (running.size() < count) {
                running.add(start(++started, concurrency));
            }
        } finally {
            if (running.isEmpty()) {
                closeResources();
            }
            published = List.copyOf(running);
        }
        LOG.info("EmbeddedWorkers(queue={}, prefix={}) now {} x concurrency {}", RewardJob.QUEUE, prefix, count,
                concurrency);
    }

    /** Stops every worker (running jobs may finish within the grace period) and closes the connection and store. */
    public synchronized void stopAll() {
        while (!running.isEmpty()) {
            stop(running.remove(running.size() - 1));
            published = List.copyOf(running);
        }
        closeResources();
    }

    /** The running workers, oldest first, as of the last finished change (never waits for one in progress). */
    public List<WorkerStatus> status() {
        return published.stream().map(r -> new WorkerStatus(r.number(), r.concurrency(), r.startedAt(),
                r.counts().completed(), r.counts().failedAttempts(), r.counts().failedForGood())).toList();
    }

    @Override
    public void close() {
        stopAll();
    }

    private Running start(int number, int concurrency) {
        openResources();
        JobCounts counts = new JobCounts();
        WorkerOptions options = WorkerOptions.builder().concurrency(concurrency).listener(counts).clock(clock)
                .shutdownGrace(grace).build();
        Worker w = new Worker(connection, RewardJob.QUEUE, new RewardJobProcessor(
                new RewardProcessor(store, RewardSettings.defaults(), clock)), options).start();
        return new Running(number, w, concurrency, clock.instant(), counts);
    }

    private void stop(Running r) {
        if (!r.worker().close(grace)) {
            LOG.warn("EmbeddedWorkers: worker {} stopped with jobs still running after {} ms; the stalled checker "
                    + "will give them back", r.number(), grace.toMillis());
        }
    }

    private void openResources() {
        if (connection != null) {
            return;
        }
        MallStore s = opener.open(dbUrl);
        try {
            connection = RedisQueueConnection.open(endpoint, prefix);
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        store = s;
        relayScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bullpen-embedded-relay");
            t.setDaemon(true);
            return t;
        });
        new OutboxRelay(store, new BullRewardJobPublisher(() -> connection, clock), clock, 200)
                .schedule(relayScheduler, RewardWorkers.RELAY_PERIOD);
    }

    private void closeResources() {
        if (relayScheduler != null) {
            relayScheduler.shutdownNow();
            relayScheduler = null;
        }
        if (connection != null) {
            connection.close();
            connection = null;
        }
        if (store != null) {
            store.close();
            store = null;
        }
    }
}
