package dev.bullpen.worker;

import dev.bullpen.queue.redis.LuaScripts;
import dev.bullpen.queue.redis.RedisQueueConnection;
import java.util.List;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * A slot's own Redis connection: its BRPOPLPUSH when the queue is drained and, for a worker of
 * concurrency 1, the scripts that take and finish its jobs (moveToActive, moveToFinished,
 * moveToDelayed, retryJob; with more slots those share one {@link PipelinedLine}). A slot runs one
 * job at a time, so the connection is never shared; a busy slot needs no pool borrow per job.
 *
 * <p>Commands time out after {@link #COMMAND_TIMEOUT_MS} as pooled ones do; the blocking pop after
 * drainDelay + 5 s. After a connection problem call {@link #reset()}: the reply stream may be out of
 * step, so the next {@link #get()} opens a fresh connection (renamed for {@code getWorkers()} when
 * this slot names its connection). A fresh connection goes to the connection's current
 * {@link RedisQueueConnection#writeTarget() write target}: behind Sentinel the master the sentinels
 * name now, so a slot follows a failover by reconnecting; on a cluster the master of the queue's slot.
 * It has the endpoint's login and TLS settings.
 */
final class SlotConnection implements ScriptLine {
    /** As the pooled connections' socket timeout ({@code RedisQueueConnection}). */
    static final int COMMAND_TIMEOUT_MS = 5_000;

    private final RedisQueueConnection connection;
    private final int blockingTimeoutMs;
    private final String clientName;

    private volatile Jedis jedis;
    private volatile long clientId = -1;

    /** @param clientName {@code CLIENT SETNAME} for this connection, or null */
    SlotConnection(RedisQueueConnection connection, int blockingTimeoutMs, String clientName) {
        this.connection = connection;
        this.blockingTimeoutMs = blockingTimeoutMs;
        this.clientName = clientName;
    }

    /** The open connection, connecting first when there is none. */
    Jedis get() {
        Jedis j = jedis;
        if (j != null) {
            return j;
        }
        j = connection.dedicatedConnection(COMMAND_TIMEOUT_MS, blockingTimeoutMs);
        try {
            if (clientName != null) {
                j.clientSetname(clientName);
            }
            clientId = j.clientId();
        } catch (RuntimeException e) {
            j.close();
            throw e;
        }
        jedis = j;
        return j;
    }

    @Override
    public Object eval(LuaScripts.Script script, List<String> keys, List<String> args) {
        Jedis j = get();
        try {
            return j.evalsha(script.sha(), keys, args);
        } catch (JedisNoScriptException e) {
            return j.eval(script.source(), keys, args);
        }
    }

    /** CLIENT ID of the open connection, -1 when none is open. */
    long clientId() {
        return jedis == null ? -1 : clientId;
    }

    /** Closes the connection (if any); the next {@link #get()} opens a new one. */
    @Override
    public void reset() {
        Jedis j = jedis;
        jedis = null;
        clientId = -1;
        if (j != null) {
            try {
                j.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }

    /** Closes the socket under a blocked command without forgetting the connection (shutdown only). */
    void abort() {
        Jedis j = jedis;
        if (j != null) {
            try {
                j.close();
            } catch (RuntimeException ignored) {
                // closing a broken socket
            }
        }
    }
}
