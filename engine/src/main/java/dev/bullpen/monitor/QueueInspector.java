package dev.bullpen.monitor;

import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-only door of the console and CLI into one Redis under one prefix: discovers the queues
 * and reads their status through the engine's queue API, returning immutable snapshots.
 *
 * <p>It connects lazily on the first read, and after Redis became unreachable it drops the
 * connection so that the next read connects afresh: callers just call again later (with their own
 * backoff). A read that fails on an older connection is tried once more at once on a fresh one,
 * because pooled connections die silently when Redis restarts; otherwise reads never retry.
 * Thread-safe (reads are serialized).
 */
public final class QueueInspector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueInspector.class);

    private final RedisEndpoint endpoint;
    private final String prefix;
    private final BiFunction<RedisEndpoint, String, QueueConnection> connector;
    private final Clock clock;
    private QueueConnection connection;
    private boolean closed;

    public QueueInspector(RedisEndpoint endpoint, String prefix) {
        this(endpoint, prefix, QueueConnection::open, Clock.systemUTC());
    }

    public QueueInspector(RedisEndpoint endpoint, String prefix,
                          BiFunction<RedisEndpoint, String, QueueConnection> connector, Clock clock) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.connector = connector;
        this.clock = clock;
    }

    public RedisEndpoint endpoint() {
        return endpoint;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * Every queue under the prefix (found with SCAN) and its status, one round trip per queue.
     *
     * @throws RedisUnavailableException when Redis cannot be reached; the next call reconnects
     * @throws IllegalStateException     after {@link #close()}
     */
    public synchronized OverviewSnapshot overview() {
        boolean fresh = connection == null;
        try {
            return readOverview(connection());
        } catch (RedisUnavailableException e) {
            drop();
            if (fresh) {
                throw e;
            }
            LOG.debug("QueueInspector(redis={}) read failed on an older connection, trying a fresh one: {}",
                    endpoint.display(), e.getMessage());
        }
        try {
            return readOverview(connection());
        } catch (RedisUnavailableException e) {
            drop();
            throw e;
        }
    }

    private OverviewSnapshot readOverview(QueueConnection c) {
        List<QueueStatus> statuses = new ArrayList<>();
        for (String name : c.discoverQueues()) {
            statuses.add(c.queue(name).status());
        }
        return new OverviewSnapshot(statuses, clock.instant());
    }

    private QueueConnection connection() {
        if (closed) {
            throw new IllegalStateException("QueueInspector for " + endpoint.display() + " is closed");
        }
        if (connection == null) {
            connection = connector.apply(endpoint, prefix);
            LOG.debug("QueueInspector(redis={}, prefix={}) connected", endpoint.display(), prefix);
        }
        return connection;
    }

    private void drop() {
        if (connection != null) {
            try {
                connection.close();
            } catch (RuntimeException e) {
                LOG.debug("QueueInspector(redis={}) ignoring error while closing a broken connection: {}",
                        endpoint.display(), e.toString());
            }
            connection = null;
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        drop();
    }
}
