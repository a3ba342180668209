package dev.bullpen.worker;

import dev.bullpen.queue.redis.RedisQueueConnection;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * One concurrency slot, Bull's {@code processJobs} loop: while the queue has jobs, take the next with
 * moveToActive (or the finish's fetch-next); once drained, block on {@code BRPOPLPUSH wait active
 * drainDelay} on this slot's own connection. The take and finish scripts go on the worker's pipelined
 * line shared by its slots, or on this connection for a worker of concurrency 1.
 * The loop cannot die silently: every failure is logged and waited out (connection problems with
 * back-off and a fresh connection), until the worker stops.
 */
final class SlotLoop implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(SlotLoop.class);

    private final int index;
    private final WorkerScripts scripts;
    private final JobRunner runner;
    private final WorkerOptions options;
    private final WorkerState state;
    private final LongSupplier now;

    private final SlotConnection conn;
    /** Where this slot's take and finish scripts go: {@link #conn} itself, or the worker's shared line. */
    private final ScriptLine line;
    private volatile boolean blocked;

    /** @param shared the worker's pipelined line for the scripts, or null to send them on this slot's own connection */
    SlotLoop(int index, RedisQueueConnection connection, WorkerScripts scripts, JobRunner runner, WorkerOptions options,
            WorkerState state, boolean namesConnection, ScriptLine shared) {
        this.index = index;
        this.scripts = scripts;
        this.runner = runner;
        this.options = options;
        this.state = state;
        this.now = () -> options.clock().millis();
        // Bull names its blocking connection P:base64(Q) and getWorkers() counts the names starting so;
        // ours adds :bullpen:<pid>, so that the console tells Bullpen workers from Node ones
        this.conn = new SlotConnection(connection, (int) options.drainDelay().toMillis() + 5_000,
                namesConnection ? scripts.keys().bullpenWorkerClientName(ProcessHandle.current().pid()) : null);
        this.line = shared != null ? shared : conn;
    }

    /** The CLIENT ID of the connection while it is blocked in BRPOPLPUSH, else -1. */
    long blockedClientId() {
        return blocked ? conn.clientId() : -1;
    }

    /** Closes the blocking connection (used at shutdown when CLIENT UNBLOCK cannot be sent). */
    void abortBlocking() {
        if (blocked) {
            conn.abort();
        }
    }

    @Override
    public void run() {
        RetryDelay delay = new RetryDelay();
        boolean drained = true;
        Optional<ActiveJob> next = Optional.empty();
        try {
            while (!state.stopping() || next.isPresent()) {
                try {
                    Optional<ActiveJob> job = next;
                    next = Optional.empty();
                    if (job.isEmpty()) {
                        if (!drained) {
                            job = scripts.moveToActive(line, "", now.getAsLong());
                            drained = job.isEmpty();
                        } else {
                            String id = blockingPop();
                            delay.reset();
                            if (id == null) {
                                continue;
                            }
                            drained = false;
                            job = activate(id);
                        }
                    }
                    if (job.isPresent()) {
                        next = runner.run(job.get(), line);
                    }
                    delay.reset();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                } catch (Throwable t) {
                    if (state.stopping()) {
                        LOG.debug("Worker(queue={}, slot={}) stopping: {}", scripts.keys().queue(), index, t.toString());
                        return;
                    }
                    closeBlocking();
                    long wait = delay.next();
                    if (t instanceof JedisException je && (!(t instanceof JedisDataException)
                            || RedisQueueConnection.refusedByThisServer(je))) {
                        LOG.warn("Worker(queue={}, slot={}) lost Redis ({}); reconnecting in {} ms",
                                scripts.keys().queue(), index, t.getMessage(), wait);
                    } else {
                        LOG.error("Worker(queue={}, slot={}) step failed, will keep running (next try in {} ms)",
                                scripts.keys().queue(), index, wait, t);
                    }
                    state.sleep(wait);
                }
            }
        } finally {
            closeBlocking();
        }
    }

    /**
     * moveToActive for an id BRPOPLPUSH already moved to active. The script is safe to repeat, so a
     * connection problem (a pooled connection left over from before a Redis restart, say) is retried
     * rather than leaving the job active without a lock until the stalled checker notices.
     *
     * <p>A retry first checks that the id is still in the active list: when the master died before
     * the pop reached its replica, the new master has the job waiting, where a slot takes it in turn;
     * locking it here as well would run it twice.
     */
    private Optional<ActiveJob> activate(String id) {
        RetryDelay delay = new RetryDelay();
        boolean retry = false;
        while (true) {
            try {
                if (retry && !stillActive(conn.get(), id)) {
                    LOG.warn("Job(id={}, queue={}) was taken on a server that is gone; it is waiting again there "
                            + "and will be taken in turn", id, scripts.keys().queue());
                    return Optional.empty();
                }
                return scripts.moveToActive(line, id, now.getAsLong());
            } catch (JedisException e) {
                if (e instanceof JedisDataException && !RedisQueueConnection.refusedByThisServer(e)) {
                    throw e;
                }
                retry = true;
                conn.reset();
                line.reset();
                long wait = delay.next();
                LOG.warn("Job(id={}, queue={}) taken but not yet locked, Redis unreachable ({}); retrying in {} ms",
                        id, scripts.keys().queue(), e.getMessage(), wait);
                if (!state.sleepWithinGrace(wait)) {
                    throw e;
                }
            }
        }
    }

    private boolean stillActive(Jedis j, String id) {
        try {
            return j.lpos(scripts.keys().active(), id) != null;
        } catch (JedisDataException olderThan606) {
            return true; // no LPOS (Redis < 6.0.6): as before, take it
        }
    }

    private String blockingPop() {
        Jedis j = conn.get();
        blocked = true;
        try {
            if (state.stopping()) {
                return null;
            }
            return j.brpoplpush(scripts.keys().waitList(), scripts.keys().active(),
                    (int) options.drainDelay().getSeconds());
        } finally {
            blocked = false;
        }
    }

    private void closeBlocking() {
        conn.reset();
    }
}
