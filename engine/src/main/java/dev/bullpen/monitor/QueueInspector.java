package dev.bullpen.monitor;

import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueHealth;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's and CLI's door into one Redis under one prefix: discovers the queues and reads
 * their status through the engine's queue API, returning immutable snapshots; reads one queue
 * ({@link #read}) and acts on it ({@link #act}) through the engine, which enforces Bull's rules.
 *
 * <p>It connects lazily on the first call, and after Redis became unreachable it drops the
 * connection so that the next call connects afresh: callers just call again later (with their own
 * backoff). A read that fails on an older connection is tried once more at once on a fresh one,
 * because pooled connections die silently when Redis restarts; otherwise reads never retry, and
 * actions never do. In read-only mode every action is refused with {@link ReadOnlyException} before
 * anything is sent. Thread-safe; calls run concurrently on the pooled connection.
 */
public final class QueueInspector implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueInspector.class);

    private final RedisEndpoint endpoint;
    private final String prefix;
    private final BiFunction<RedisEndpoint, String, QueueConnection> connector;
    private final Clock clock;
    private final boolean readOnly;
    private QueueConnection connection;
    private boolean closed;

    public QueueInspector(RedisEndpoint endpoint, String prefix) {
        this(endpoint, prefix, QueueConnection::open, Clock.systemUTC());
    }

    public QueueInspector(RedisEndpoint endpoint, String prefix, boolean readOnly) {
        this(endpoint, prefix, QueueConnection::open, Clock.systemUTC(), readOnly);
    }

    public QueueInspector(RedisEndpoint endpoint, String prefix,
                          BiFunction<RedisEndpoint, String, QueueConnection> connector, Clock clock) {
        this(endpoint, prefix, connector, clock, false);
    }

    public QueueInspector(RedisEndpoint endpoint, String prefix,
                          BiFunction<RedisEndpoint, String, QueueConnection> connector, Clock clock,
                          boolean readOnly) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.connector = connector;
        this.clock = clock;
        this.readOnly = readOnly;
    }

    /** True when every {@link #act} is refused. */
    public boolean readOnly() {
        return readOnly;
    }

    public RedisEndpoint endpoint() {
        return endpoint;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * Every queue under the prefix (found with SCAN) with its status and recent activity (one round
     * trip per queue), and the workers connected (one CLIENT LIST).
     *
     * @throws RedisUnavailableException when Redis cannot be reached; the next call reconnects
     * @throws IllegalStateException     after {@link #close()}
     */
    public OverviewSnapshot overview() {
        return withRetry(this::readOverview);
    }

    /**
     * A read of one queue (a page, a job, a search batch); tried once more on a fresh connection when
     * the pooled one died.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     */
    public <T> T read(String queue, Function<JobQueue, T> read) {
        return withRetry(c -> read.apply(c.queue(queue)));
    }

    /**
     * Searches one state for {@code text} in id, name, data and failed reason, one read per batch of
     * {@code batchSize} jobs, handing each batch's matches to the listener as they are found.
     *
     * @see JobSearch
     */
    public JobSearch.Result search(String queue, JobState state, String text, int batchSize,
                                   JobSearch.Listener listener) {
        return search(queue, state, text, batchSize, PersonalDataMask.NONE, listener);
    }

    /** Like {@link #search(String, JobState, String, int, JobSearch.Listener)}; data is matched as the mask shows it. */
    public JobSearch.Result search(String queue, JobState state, String text, int batchSize, PersonalDataMask mask,
                                   JobSearch.Listener listener) {
        return JobSearch.run(this, queue, state, text, batchSize, mask, listener);
    }

    /** Redis INFO (all sections) as key/value pairs. */
    public Map<String, String> serverInfo() {
        return withRetry(QueueConnection::serverInfo);
    }

    /**
     * The workers connected to this Redis that serve queues under one of the prefixes (this inspector's, and e.g.
     * the console's load-test lab's), from {@code CLIENT LIST}; Bullpen workers of this process are marked.
     *
     * @throws RedisUnavailableException when Redis cannot be reached
     * @throws dev.bullpen.queue.QueueException when the Redis user may not run {@code CLIENT LIST}
     */
    public List<ConnectedWorker> workers(java.util.Collection<String> prefixes) {
        List<Map<String, String>> clients = withRetry(QueueConnection::clients);
        return ConnectedWorker.from(clients, prefixes, ProcessHandle.current().pid());
    }

    /**
     * An action on one queue (retry, remove, pause, add...), never retried.
     *
     * @throws ReadOnlyException         in read-only mode, before anything is sent
     * @throws RedisUnavailableException when Redis cannot be reached; whether the action happened is unknown
     */
    public <T> T act(String queue, String what, Function<JobQueue, T> action) {
        if (readOnly) {
            throw new ReadOnlyException(what);
        }
        QueueConnection c = connection();
        try {
            T result = action.apply(c.queue(queue));
            LOG.info("Queue(name={}, prefix={}) {} done", queue, prefix, what);
            return result;
        } catch (RedisUnavailableException e) {
            drop(c);
            throw e;
        }
    }

    private <T> T withRetry(Function<QueueConnection, T> call) {
        QueueConnection c;
        boolean fresh;
        synchronized (this) {
            fresh = connection == null;
            c = connection();
        }
        try {
            return call.apply(c);
        } catch (RedisUnavailableException e) {
            drop(c);
            if (fresh) {
                throw e;
            }
            LOG.debug("QueueInspector(redis={}) read failed on an older connection, trying a fresh one: {}",
                    endpoint.display(), e.getMessage());
        }
        QueueConnection again = connection();
        try {
            return call.apply(again);
        } catch (RedisUnavailableException e) {
            drop(again);
            throw e;
        }
    }

    /**
     * Discovery SCANs every key of the database, which grows with the number of jobs. While a
     * discovery takes less than {@link #CHEAP_DISCOVERY} it runs on every poll (new queues show at
     * once); once two in a row cost more, it runs at most every {@link #DISCOVERY_INTERVAL} and the
     * polls in between read the counts of the queues found last time (one round trip each), so a
     * poll's cost does not grow with queue size. One slow discovery alone does not count: the first
     * one of a fresh JVM (class loading, no JIT yet) or one on a busy machine takes well over 50 ms
     * on a database of a few keys.
     */
    /** Minutes of failure counts each overview reads per queue (the alert rules' longest window). */
    public static final int FAILURE_MINUTES = 60;

    static final java.time.Duration DISCOVERY_INTERVAL = java.time.Duration.ofSeconds(30);
    static final java.time.Duration CHEAP_DISCOVERY = java.time.Duration.ofMillis(50);

    private List<String> knownQueues;
    private java.time.Instant discoveredAt;
    private int slowDiscoveries;
    private java.time.Duration cheapDiscovery = CHEAP_DISCOVERY;

    /** For tests: discoveries faster than this run on every poll (default 50 ms). */
    synchronized QueueInspector cheapDiscoveryBelow(java.time.Duration threshold) {
        this.cheapDiscovery = threshold;
        return this;
    }

    private OverviewSnapshot readOverview(QueueConnection c) {
        java.time.Instant now = clock.instant();
        List<String> names;
        synchronized (this) {
            // with no queue known, every poll discovers: new queues show at once, and a dead Redis is noticed
            if (knownQueues == null || knownQueues.isEmpty() || slowDiscoveries < 2
                    || !now.isBefore(discoveredAt.plus(DISCOVERY_INTERVAL))) {
                long t0 = System.nanoTime();
                knownQueues = List.copyOf(c.discoverQueues());
                slowDiscoveries = System.nanoTime() - t0 < cheapDiscovery.toNanos() ? 0 : slowDiscoveries + 1;
                discoveredAt = now;
            }
            names = knownQueues;
        }
        List<QueueStatus> statuses = new ArrayList<>();
        Map<String, QueueActivity> activity = new HashMap<>();
        for (String name : names) {
            QueueHealth health = c.queue(name).health(now.toEpochMilli(), FAILURE_MINUTES);
            statuses.add(health.status());
            activity.put(name, health.activity());
        }
        return new OverviewSnapshot(statuses, now, activity, names.isEmpty() ? Optional.of(Map.of()) : c.workerCounts());
    }

    /** Forgets the queues found so far: the next overview discovers them again (e.g. on F5). */
    public synchronized void rediscover() {
        knownQueues = null;
    }

    private synchronized QueueConnection connection() {
        if (closed) {
            throw new IllegalStateException("QueueInspector for " + endpoint.display() + " is closed");
        }
        if (connection == null) {
            connection = connector.apply(endpoint, prefix);
            LOG.debug("QueueInspector(redis={}, prefix={}) connected", endpoint.display(), prefix);
        }
        return connection;
    }

    /** Drops the connection if it is still the given one (another thread may have replaced it). */
    private synchronized void drop(QueueConnection broken) {
        if (connection == broken) {
            drop();
        }
    }

    private synchronized void drop() {
        knownQueues = null; // Redis may have lost or gained queues while we could not see it
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
