package dev.bullpen.worker;

import dev.bullpen.queue.redis.BullKeys;
import dev.bullpen.queue.redis.RedisQueueConnection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Protocol;

/**
 * A Bull 4 worker for one queue, interchangeable with a Node Bull worker on the same Redis.
 *
 * <p>Each of the {@code concurrency} slots has its own thread and its own connection for
 * BRPOPLPUSH; the scripts that take and finish jobs go, pipelined, on one connection shared by the
 * slots ({@link PipelinedLine}; on the slot's own connection at concurrency 1). Only the first slot's connection
 * carries a {@code CLIENT SETNAME} starting with Bull's {@code P:base64(Q)} (then {@code :bullpen:<pid>}), so
 * that Bull's {@code getWorkers()} counts one entry per worker, as for a Node worker. Lock renewals (one periodic task for all running jobs),
 * the stalled checker, progress, logs and the delay timer use the connection's pool; the timer
 * also listens on the {@code P:Q:delayed} channel with a connection of its own.
 *
 * <p>Behind Sentinel the worker follows a failover: its own connections reconnect to the master
 * the sentinels name now (see {@link RedisQueueConnection#writeTarget()}), the pool follows by
 * itself, and a finish interrupted by the failover is sent again to the new master, which applies it
 * once (see {@code docs/worker.md}).
 *
 * <p>Each worker has its own token (lock value and {@code active@token} channel suffix), as each
 * Bull Queue instance has one. The worker does not own the {@link RedisQueueConnection}: close the
 * worker first, then the connection.
 */
public final class Worker implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final AtomicInteger SEQ = new AtomicInteger();

    private final RedisQueueConnection connection;
    private final WorkerOptions options;
    private final WorkerState state = new WorkerState();
    private final WorkerScripts scripts;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService timeoutPool;
    private final DelayTimer delayTimer;
    private final StalledJobChecker stalledChecker;
    private final LockRenewer renewer;
    private final List<SlotLoop> slots = new ArrayList<>();
    /** The slots' take and finish scripts, pipelined on one connection; null at concurrency 1. */
    private final PipelinedLine line;
    private final List<Thread> threads = new ArrayList<>();
    private final String threadPrefix;
    private boolean started;

    public Worker(RedisQueueConnection connection, String queue, JobProcessor processor, WorkerOptions options) {
        this.connection = connection;
        this.options = options;
        BullKeys keys = new BullKeys(connection.prefix(), queue);
        this.scripts = new WorkerScripts(connection.redis(), keys, UUID.randomUUID().toString(), options);
        this.threadPrefix = "bullpen-worker-" + queue + "-" + SEQ.incrementAndGet();
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(2, daemon(threadPrefix + "-timer"));
        s.setRemoveOnCancelPolicy(true);
        this.scheduler = s;
        this.timeoutPool = Executors.newCachedThreadPool(daemon(threadPrefix + "-processor"));
        this.delayTimer = new DelayTimer(connection, scripts, options, state);
        this.stalledChecker = new StalledJobChecker(scripts, options);
        RepeatChain repeats = new RepeatChain(connection.redis(), connection.queue(queue), keys.key("repeat"),
                options.clock());
        this.renewer = new LockRenewer(scripts, options);
        JobRunner runner = new JobRunner(scripts, processor, options, renewer, timeoutPool, state, repeats);
        this.line = options.concurrency() > 1 ? new PipelinedLine(connection, threadPrefix + "-scripts") : null;
        for (int i = 0; i < options.concurrency(); i++) {
            slots.add(new SlotLoop(i, connection, scripts, runner, options, state, i == 0, line));
        }
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** The token this worker locks jobs with. */
    public String token() {
        return scripts.token();
    }

    /**
     * Starts as Bull's {@code process()} does: the stalled checker (once now, then every
     * stalledInterval), the delay timer, and one loop per concurrency slot. Returns at once.
     */
    public synchronized Worker start() {
        if (started) {
            throw new IllegalStateException("worker already started");
        }
        started = true;
        stalledChecker.schedule(scheduler);
        renewer.schedule(scheduler);
        delayTimer.start(threadPrefix);
        for (int i = 0; i < slots.size(); i++) {
            Thread t = new Thread(slots.get(i), threadPrefix + "-slot-" + i);
            threads.add(t);
            t.start();
        }
        LOG.info("Worker(queue={}, concurrency={}) started", scripts.keys().queue(), options.concurrency());
        return this;
    }

    /** Runs the delay timer's script once now (promotes due delayed jobs); the next due time, if any. */
    public Optional<Long> promoteDueJobs() {
        return delayTimer.runOnce();
    }

    /** Runs the stalled check once now (subject to the {@code stalled-check} throttle). */
    public StalledCheckResult checkStalledJobs() {
        WorkerScripts.StalledCheck r = stalledChecker.runOnce();
        return new StalledCheckResult(r.failed(), r.requeued());
    }

    /** What one stalled check did: ids failed for stalling too often, ids moved back to waiting. */
    public record StalledCheckResult(List<String> failed, List<String> requeued) {
    }

    /** Graceful close with the configured {@link WorkerOptions#shutdownGrace()}. */
    @Override
    public void close() {
        close(options.shutdownGrace());
    }

    /**
     * Stops taking jobs and lets running ones finish within {@code grace}. Jobs still running after
     * that are interrupted and left active; their locks expire and a stalled checker (ours next time,
     * or any Node worker's) moves them back to waiting.
     *
     * @return true when every running job finished within the grace period
     */
    public boolean close(Duration grace) {
        synchronized (this) {
            if (state.stopping()) {
                return true;
            }
            state.stop();
        }
        long deadline = System.nanoTime() + grace.toNanos();
        boolean clean = true;
        try {
            while (anyAlive()) {
                unblockIdleSlots();
                if (System.nanoTime() >= deadline) {
                    clean = false;
                    break;
                }
                for (Thread t : threads) {
                    t.join(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
                }
            }
            if (!clean) {
                LOG.warn("Worker(queue={}) grace of {} ms over; abandoning running jobs to the stalled checker",
                        scripts.keys().queue(), grace.toMillis());
                state.hardStop();
                threads.forEach(Thread::interrupt);
                for (Thread t : threads) {
                    t.join(2_000);
                }
            }
            delayTimer.stop();
            scheduler.shutdownNow();
            timeoutPool.shutdownNow();
            delayTimer.join(2_000);
            scheduler.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            state.hardStop();
        }
        if (line != null) {
            line.close();
        }
        LOG.info("Worker(queue={}) closed{}", scripts.keys().queue(), clean ? "" : " (some jobs abandoned)");
        return clean;
    }

    private boolean anyAlive() {
        return threads.stream().anyMatch(Thread::isAlive);
    }

    /** Wakes slots blocked in BRPOPLPUSH with CLIENT UNBLOCK (no job is lost), else closes their socket. */
    private void unblockIdleSlots() {
        for (SlotLoop slot : slots) {
            long id = slot.blockedClientId();
            if (id < 0) {
                continue;
            }
            try {
                connection.redis().sendCommand(Protocol.Command.CLIENT, "UNBLOCK", Long.toString(id), "TIMEOUT");
            } catch (RuntimeException e) {
                slot.abortBlocking();
            }
        }
    }
}
