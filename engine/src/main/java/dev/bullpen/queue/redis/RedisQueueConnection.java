package dev.bullpen.queue.redis;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.queue.TlsOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Connection;
import redis.clients.jedis.ConnectionPool;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.RedisClusterClient;
import redis.clients.jedis.RedisSentinelClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisRedirectionException;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;
import redis.clients.jedis.util.JedisClusterCRC16;
import redis.clients.jedis.util.SafeEncoder;

/**
 * {@link QueueConnection} on a pooled Jedis client: {@link RedisClient} for one server,
 * {@link RedisSentinelClient} behind Sentinel, {@link RedisClusterClient} on a cluster.
 */
public final class RedisQueueConnection implements QueueConnection {
    private static final Logger LOG = LoggerFactory.getLogger(RedisQueueConnection.class);
    static final int CONNECT_TIMEOUT_MS = 1_500;
    static final int PROBE_TIMEOUT_MS = 1_200;
    static final int SOCKET_TIMEOUT_MS = 5_000;
    /** How long Sentinel and Cluster connections retry a failed command while the topology changes. */
    static final Duration FAILOVER_RETRY = Duration.ofSeconds(20);

    private final RedisEndpoint endpoint;
    private final String prefix;
    private final UnifiedJedis redis;
    private final String token = UUID.randomUUID().toString();
    private final Clock clock;
    private final Duration retryFor;

    private RedisQueueConnection(RedisEndpoint endpoint, String prefix, UnifiedJedis redis, Clock clock,
            Duration retryFor) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.redis = redis;
        this.clock = clock;
        this.retryFor = retryFor;
    }

    public static RedisQueueConnection open(RedisEndpoint endpoint, String prefix) {
        return open(endpoint, prefix, Clock.systemUTC());
    }

    public static RedisQueueConnection open(RedisEndpoint endpoint, String prefix, Clock clock) {
        if (prefix == null || prefix.isEmpty()) {
            throw new InvalidInputException("--prefix must not be empty");
        }
        ConnectionPoolConfig pool = new ConnectionPoolConfig();
        pool.setMaxTotal(32);
        pool.setMaxIdle(32);
        pool.setMaxWait(Duration.ofMillis(CONNECT_TIMEOUT_MS));
        // no MBean per pool: registering one loads the JMX server at every start, for nothing we read
        pool.setJmxEnabled(false);
        return switch (endpoint.kind()) {
            case STANDALONE -> {
                // probe with short timeouts first: a silent non-Redis port must fail within seconds
                try (Jedis probe = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()),
                        clientConfig(endpoint, PROBE_TIMEOUT_MS))) {
                    probe.ping();
                } catch (JedisException e) {
                    RuntimeException t = RedisErrors.translate(endpoint, e);
                    TlsOptions o = endpoint.tlsOptions();
                    if (endpoint.tls() && o.certFile() == null && o.keystoreFile() == null
                            && t.getMessage().endsWith(RedisErrors.CONNECTION_LOST)) {
                        // TLS 1.3: a server that wants a client certificate just closes the connection
                        throw new RedisUnavailableException("cannot reach Redis at " + endpoint.display()
                                + ": the server closed the TLS connection at once; does it want a client "
                                + "certificate (tls-auth-clients)? See --redis-cert/--redis-key", e);
                    }
                    throw t;
                }
                RedisClient client = RedisClient.builder()
                        .hostAndPort(endpoint.host(), endpoint.port())
                        .clientConfig(clientConfig(endpoint, SOCKET_TIMEOUT_MS))
                        .poolConfig(pool)
                        .build();
                yield new RedisQueueConnection(endpoint, prefix, client, clock, Duration.ZERO);
            }
            case SENTINEL -> {
                UnifiedJedis client;
                try {
                    client = RedisSentinelClient.builder()
                            .masterName(endpoint.masterName())
                            .sentinels(hostsAndPorts(endpoint))
                            .sentinelClientConfig(sentinelConfig(endpoint))
                            .clientConfig(clientConfig(endpoint, SOCKET_TIMEOUT_MS))
                            .poolConfig(pool)
                            .build();
                } catch (JedisException e) {
                    throw sentinelsFailed(endpoint, e);
                }
                yield probed(new RedisQueueConnection(endpoint, prefix, client, clock, FAILOVER_RETRY));
            }
            case CLUSTER -> {
                if (!hasHashTag(prefix)) {
                    throw new InvalidInputException("on a Redis Cluster the prefix must be a hash tag, e.g. --prefix '{"
                            + prefix + "}', so that every key of a queue is in one slot (Bull's scripts need that); '"
                            + prefix + "' has none");
                }
                UnifiedJedis client;
                try {
                    client = RedisClusterClient.builder()
                            .nodes(hostsAndPorts(endpoint))
                            .clientConfig(clientConfig(endpoint, SOCKET_TIMEOUT_MS))
                            .poolConfig(pool)
                            .maxAttempts(5)
                            .maxTotalRetriesDuration(Duration.ofSeconds(10))
                            .build();
                } catch (JedisException e) {
                    throw RedisErrors.translate(endpoint, e);
                }
                yield probed(new RedisQueueConnection(endpoint, prefix, client, clock, FAILOVER_RETRY));
            }
        };
    }

    private static RedisQueueConnection probed(RedisQueueConnection c) {
        try {
            RedisErrors.call(c.endpoint, c.redis::ping);
            return c;
        } catch (RuntimeException e) {
            c.close();
            throw e;
        }
    }

    /** True when the prefix has a non-empty {@code {hash tag}}, as Redis Cluster reads it. */
    static boolean hasHashTag(String prefix) {
        int open = prefix.indexOf('{');
        int close = open < 0 ? -1 : prefix.indexOf('}', open + 1);
        return open >= 0 && close > open + 1;
    }

    private static Set<HostAndPort> hostsAndPorts(RedisEndpoint endpoint) {
        Set<HostAndPort> out = new LinkedHashSet<>();
        for (String node : endpoint.nodes()) {
            out.add(HostAndPort.from(node.replace("[", "").replace("]", "")));
        }
        return out;
    }

    /**
     * No sentinel told us the master, and Jedis says only that: ask each sentinel ourselves (short
     * timeouts) to name the cause. A refused login names the sentinels' own password, which is not
     * the master's; a sentinel that answers without knowing the master name says so.
     */
    private static RuntimeException sentinelsFailed(RedisEndpoint endpoint, JedisException e) {
        for (HostAndPort sentinel : hostsAndPorts(endpoint)) {
            try (Jedis j = new Jedis(sentinel, sentinelConfig(endpoint))) {
                if (j.sentinelGetMasterAddrByName(endpoint.masterName()) == null) {
                    return new RedisUnavailableException("Redis Sentinel at " + sentinel + " does not know a master "
                            + "named '" + endpoint.masterName() + "' (see 'sentinel monitor' in its configuration)", e);
                }
            } catch (JedisException probe) {
                if (RedisErrors.isAuthError(probe)) {
                    return new RedisUnavailableException("Redis Sentinel at " + sentinel + " refused the login ("
                            + RedisErrors.clean(endpoint, probe.getMessage()) + "): sentinels with a password of "
                            + "their own need $" + RedisEndpoint.SENTINEL_PASSWORD_ENV + " (and $"
                            + RedisEndpoint.SENTINEL_USERNAME_ENV + " for an ACL user); the URL's login is the "
                            + "master's", e);
                }
            }
        }
        return RedisErrors.translate(endpoint, e);
    }

    /**
     * Sentinels are asked with their own login ({@link RedisEndpoint#sentinelPassword()}, none by
     * default: not the master's credentials), with short timeouts, over TLS when the URL says so.
     */
    private static JedisClientConfig sentinelConfig(RedisEndpoint endpoint) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .user(endpoint.sentinelUser())
                .password(endpoint.sentinelPassword())
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MS)
                .socketTimeoutMillis(PROBE_TIMEOUT_MS)
                .resp2();
        return tls(b, endpoint).build();
    }

    /** Jedis settings for this endpoint; also used for dedicated (blocking, pub/sub) connections. */
    public static JedisClientConfig clientConfig(RedisEndpoint endpoint, int socketTimeoutMs) {
        return clientConfig(endpoint, socketTimeoutMs, socketTimeoutMs);
    }

    private static JedisClientConfig clientConfig(RedisEndpoint endpoint, int socketTimeoutMs,
            int blockingSocketTimeoutMs) {
        DefaultJedisClientConfig.Builder b = DefaultJedisClientConfig.builder()
                .user(endpoint.user())
                .password(endpoint.password())
                .database(endpoint.database())
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MS)
                .socketTimeoutMillis(socketTimeoutMs)
                .blockingSocketTimeoutMillis(blockingSocketTimeoutMs)
                .resp2();
        return tls(b, endpoint).build();
    }

    private static DefaultJedisClientConfig.Builder tls(DefaultJedisClientConfig.Builder b, RedisEndpoint endpoint) {
        if (!endpoint.tls()) {
            return b;
        }
        TlsOptions o = endpoint.tlsOptions();
        return b.ssl(true)
                .sslSocketFactory(TlsContexts.socketFactory(o))
                .sslParameters(TlsContexts.parameters(o));
    }

    /**
     * Runs a command, translating Jedis errors. Behind Sentinel or on a cluster, a connection error
     * is retried with backoff for up to {@link #FAILOVER_RETRY} while the topology changes: always
     * for a read ({@code idempotent}), and for a write only when the command cannot have run (no
     * connection made, or refused by a replica), so a retried write is never applied twice.
     */
    public <T> T call(boolean idempotent, Supplier<T> action) {
        long deadline = System.nanoTime() + retryFor.toNanos();
        long delayMs = 100;
        while (true) {
            try {
                return action.get();
            } catch (JedisException e) {
                boolean retry = idempotent ? RedisErrors.connectionFailure(e) : RedisErrors.notExecuted(e);
                if (!retry || System.nanoTime() + delayMs * 1_000_000 > deadline) {
                    throw RedisErrors.translate(endpoint, e);
                }
                LOG.warn("{}; retrying in {} ms", RedisErrors.translate(endpoint, e).getMessage(), delayMs);
                try {
                    Thread.sleep(delayMs);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    throw RedisErrors.translate(endpoint, e);
                }
                delayMs = Math.min(2_000, delayMs * 2);
            }
        }
    }

    @Override
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    @Override
    public String prefix() {
        return prefix;
    }

    /** The pooled client, for engine parts in {@code queue.redis} and {@code worker}. */
    public UnifiedJedis redis() {
        return redis;
    }

    /**
     * Where this prefix's commands go now: the server; behind Sentinel, the current master; on a
     * cluster, the master that owns the prefix's hash slot.
     */
    public HostAndPort writeTarget() {
        if (redis instanceof RedisSentinelClient sentinel) {
            return sentinel.getCurrentMaster();
        }
        if (redis instanceof RedisClusterClient cluster) {
            return call(true, () -> {
                try (Connection c = cluster.getConnectionFromSlot(JedisClusterCRC16.getSlot(prefix + ":"))) {
                    return c.getHostAndPort();
                }
            });
        }
        return new HostAndPort(endpoint.host(), endpoint.port());
    }

    /**
     * A dedicated connection (not from the pool) to {@link #writeTarget()}, for blocking commands
     * and pub/sub, with this endpoint's login and TLS settings. The caller closes it, and opens a
     * new one after a connection error: behind Sentinel the master may have moved.
     */
    public Jedis openDedicated(int socketTimeoutMs) {
        HostAndPort target = writeTarget();
        try {
            Jedis j = new Jedis(target, clientConfig(endpoint, socketTimeoutMs));
            j.ping();
            return j;
        } catch (JedisException e) {
            throw RedisErrors.translate(endpoint, e);
        }
    }

    /**
     * Like {@link #openDedicated(int)} for the worker's own loops: a new connection to
     * {@link #writeTarget()} (behind Sentinel, the master the sentinels name now), not checked with a
     * PING, whose failures stay Jedis exceptions, so that callers tell a connection problem (reconnect
     * and retry) from an error reply. A target that cannot be determined is a connection problem too.
     *
     * @param blockingSocketTimeoutMs socket timeout while a blocking command (BRPOPLPUSH) waits
     * @throws JedisConnectionException when the target is unknown or cannot be reached
     */
    public Jedis dedicatedConnection(int socketTimeoutMs, int blockingSocketTimeoutMs) {
        return dedicatedConnection(socketTimeoutMs, blockingSocketTimeoutMs, Jedis::new);
    }

    /**
     * As {@link #dedicatedConnection(int, int)}, made by {@code open} from the target and the client
     * settings (login, TLS, timeouts): for callers that need their own kind of {@code Connection}.
     */
    public <C> C dedicatedConnection(int socketTimeoutMs, int blockingSocketTimeoutMs,
            BiFunction<HostAndPort, JedisClientConfig, C> open) {
        HostAndPort target;
        try {
            target = writeTarget();
        } catch (RedisUnavailableException e) {
            throw new JedisConnectionException(e.getMessage(), e);
        }
        return open.apply(target, clientConfig(endpoint, socketTimeoutMs, blockingSocketTimeoutMs));
    }

    /**
     * True when Redis refused a command without running it because this server cannot take it now: a
     * replica ({@code READONLY}: the master moved in a failover), a server still loading, a replica cut
     * off from its master ({@code MASTERDOWN}), a cluster slot that moved or is migrating. Reconnecting to
     * {@link #writeTarget()} and sending it again is safe, even for a write.
     */
    public static boolean refusedByThisServer(JedisException e) {
        return e instanceof JedisRedirectionException || e instanceof JedisDataException && RedisErrors.notExecuted(e);
    }

    /** This connection's token: lock value and pub/sub channel suffix, as a Bull Queue instance has one. */
    public String token() {
        return token;
    }

    public Clock clock() {
        return clock;
    }

    @Override
    public JobQueue queue(String name) {
        if (name == null || name.isEmpty()) {
            throw new InvalidInputException("queue name must not be empty");
        }
        return new RedisQueue(this, new BullKeys(prefix, name));
    }

    @Override
    public List<String> discoverQueues() {
        return call(true, () -> {
            TreeSet<String> names = new TreeSet<>();
            if (redis instanceof RedisClusterClient cluster) {
                // SCAN sees one node's keys: ask every master
                for (Map.Entry<String, ConnectionPool> node : cluster.getClusterNodes().entrySet()) {
                    try (Connection c = node.getValue().getResource(); Jedis j = new Jedis(c)) {
                        if (!"master".equals(String.valueOf(j.role().get(0)))) {
                            continue;
                        }
                        names.addAll(scanQueues(j::scan, chunk -> {
                            Pipeline p = j.pipelined();
                            List<Response<String>> types = new ArrayList<>();
                            chunk.forEach(k -> types.add(p.type(k)));
                            p.sync();
                            return types.stream().map(Response::get).toList();
                        }));
                    }
                }
            } else {
                names.addAll(scanQueues(redis::scan, chunk -> {
                    try (AbstractPipeline p = redis.pipelined()) {
                        List<Response<String>> types = new ArrayList<>();
                        chunk.forEach(k -> types.add(p.type(k)));
                        p.sync();
                        return types.stream().map(Response::get).toList();
                    }
                }));
            }
            return new ArrayList<>(names);
        });
    }

    private Set<String> scanQueues(BiFunction<String, ScanParams, ScanResult<String>> scan,
            Function<List<String>, List<String>> types) {
        Map<String, BullKeys.Marker> candidates = new LinkedHashMap<>();
        ScanParams params = new ScanParams().match(escapeGlob(prefix) + ":*").count(1000);
        String cursor = ScanParams.SCAN_POINTER_START;
        do {
            ScanResult<String> page = scan.apply(cursor, params);
            for (String key : page.getResult()) {
                BullKeys.markerOf(prefix, key).ifPresent(m -> candidates.put(key, m));
            }
            cursor = page.getCursor();
        } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
        // a name is a queue when one of its marker keys has the type Bull gives it
        Set<String> names = new TreeSet<>();
        List<Map.Entry<String, BullKeys.Marker>> all = new ArrayList<>(candidates.entrySet());
        for (int from = 0; from < all.size(); from += 1000) {
            List<Map.Entry<String, BullKeys.Marker>> chunk = all.subList(from, Math.min(all.size(), from + 1000));
            List<String> found = types.apply(chunk.stream().map(Map.Entry::getKey).toList());
            for (int i = 0; i < chunk.size(); i++) {
                if (chunk.get(i).getValue().type().equals(found.get(i))) {
                    names.add(chunk.get(i).getValue().queue());
                }
            }
        }
        return names;
    }

    @Override
    public Map<String, String> serverInfo() {
        return call(true, () -> parseInfo(redis instanceof RedisClusterClient cluster
                ? infoOfAnyMaster(cluster) : redis.info("all")));
    }

    @Override
    public Optional<Map<String, Integer>> workerCounts() {
        try {
            // every master: a worker's blocking connection goes to the node of its queue's slot
            return Optional.of(call(true, () -> WorkerNames.count(prefix, clientList(true))));
        } catch (QueueException e) {
            // refused (an ACL user without CLIENT, a managed Redis that renames it): unknown, not zero
            LOG.debug("RedisQueueConnection(redis={}) cannot list clients: {}", endpoint.display(), e.getMessage());
            return Optional.empty();
        }
    }

    public List<Map<String, String>> clients() {
        try {
            return call(true, () -> parseClientList(clientList(false)));
        } catch (QueueException e) {
            if (String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT).contains("unknown command")) {
                return List.of(); // a managed Redis that hides CLIENT: Bull swallows this too
            }
            throw e;
        }
    }

    /** {@code CLIENT LIST} of this server, or of every node of a cluster (only its masters if asked), one text. */
    private String clientList(boolean mastersOnly) {
        if (!(redis instanceof RedisClusterClient cluster)) {
            Object reply = redis.sendCommand(Protocol.Command.CLIENT, "LIST");
            return reply instanceof byte[] b ? SafeEncoder.encode(b) : String.valueOf(reply);
        }
        StringBuilder all = new StringBuilder();
        for (ConnectionPool pool : cluster.getClusterNodes().values()) {
            try (Connection c = pool.getResource(); Jedis j = new Jedis(c)) {
                if (!mastersOnly || "master".equals(String.valueOf(j.role().get(0)))) {
                    all.append(j.clientList()).append('\n');
                }
            }
        }
        return all.toString();
    }

    /** Splits {@code CLIENT LIST} output as Bull does: one client a line, {@code key=value} pairs. */
    static List<Map<String, String>> parseClientList(String text) {
        List<Map<String, String>> out = new ArrayList<>();
        for (String line : text.split("\r?\n")) {
            if (line.isBlank()) {
                continue;
            }
            Map<String, String> fields = new LinkedHashMap<>();
            for (String pair : line.trim().split(" ")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    fields.put(pair.substring(0, eq), pair.substring(eq + 1));
                }
            }
            out.add(fields);
        }
        return out;
    }

    private static String infoOfAnyMaster(RedisClusterClient cluster) {
        for (ConnectionPool pool : cluster.getClusterNodes().values()) {
            try (Connection c = pool.getResource(); Jedis j = new Jedis(c)) {
                String info = j.info("all");
                if (info.contains("role:master")) {
                    return info;
                }
            }
        }
        throw new redis.clients.jedis.exceptions.JedisConnectionException("no cluster master answered INFO");
    }

    static Map<String, String> parseInfo(String info) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String line : info.split("\r?\n")) {
            int colon = line.indexOf(':');
            if (colon > 0 && !line.startsWith("#")) {
                out.put(line.substring(0, colon), line.substring(colon + 1).trim());
            }
        }
        return out;
    }

    static String escapeGlob(String s) {
        return s.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
    }

    @Override
    public void close() {
        redis.close();
    }
}
