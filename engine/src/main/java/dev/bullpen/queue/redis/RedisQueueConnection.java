package dev.bullpen.queue.redis;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.ConnectionPoolConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/** {@link QueueConnection} on a pooled Jedis {@link RedisClient}. */
public final class RedisQueueConnection implements QueueConnection {
    static final int CONNECT_TIMEOUT_MS = 1_500;
    static final int PROBE_TIMEOUT_MS = 1_200;
    static final int SOCKET_TIMEOUT_MS = 5_000;

    private final RedisEndpoint endpoint;
    private final String prefix;
    private final RedisClient redis;
    private final String token = UUID.randomUUID().toString();
    private final Clock clock;

    private RedisQueueConnection(RedisEndpoint endpoint, String prefix, RedisClient redis, Clock clock) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.redis = redis;
        this.clock = clock;
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
        // probe with short timeouts first: a silent non-Redis port must fail within seconds
        try (Jedis probe = new Jedis(new HostAndPort(endpoint.host(), endpoint.port()),
                clientConfig(endpoint, PROBE_TIMEOUT_MS))) {
            probe.ping();
        } catch (JedisException e) {
            throw RedisErrors.translate(endpoint, e);
        }
        RedisClient client = RedisClient.builder()
                .hostAndPort(endpoint.host(), endpoint.port())
                .clientConfig(clientConfig(endpoint, SOCKET_TIMEOUT_MS))
                .poolConfig(pool)
                .build();
        return new RedisQueueConnection(endpoint, prefix, client, clock);
    }

    /** Jedis settings for this endpoint; also used for dedicated (blocking, pub/sub) connections. */
    public static JedisClientConfig clientConfig(RedisEndpoint endpoint, int socketTimeoutMs) {
        return DefaultJedisClientConfig.builder()
                .user(endpoint.user())
                .password(endpoint.password())
                .database(endpoint.database())
                .ssl(endpoint.tls())
                .connectionTimeoutMillis(CONNECT_TIMEOUT_MS)
                .socketTimeoutMillis(socketTimeoutMs)
                .blockingSocketTimeoutMillis(socketTimeoutMs)
                .resp2()
                .build();
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
        return RedisErrors.call(endpoint, () -> {
            Map<String, BullKeys.Marker> candidates = new LinkedHashMap<>();
            ScanParams params = new ScanParams().match(escapeGlob(prefix) + ":*").count(1000);
            String cursor = ScanParams.SCAN_POINTER_START;
            do {
                ScanResult<String> page = redis.scan(cursor, params);
                for (String key : page.getResult()) {
                    BullKeys.markerOf(prefix, key).ifPresent(m -> candidates.put(key, m));
                }
                cursor = page.getCursor();
            } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
            // a name is a queue when one of its marker keys has the type Bull gives it
            TreeSet<String> names = new TreeSet<>();
            List<Map.Entry<String, BullKeys.Marker>> all = new ArrayList<>(candidates.entrySet());
            for (int from = 0; from < all.size(); from += 1000) {
                List<Map.Entry<String, BullKeys.Marker>> chunk = all.subList(from, Math.min(all.size(), from + 1000));
                List<Response<String>> types = new ArrayList<>(chunk.size());
                try (AbstractPipeline p = redis.pipelined()) {
                    chunk.forEach(e -> types.add(p.type(e.getKey())));
                    p.sync();
                }
                for (int i = 0; i < chunk.size(); i++) {
                    if (chunk.get(i).getValue().type().equals(types.get(i).get())) {
                        names.add(chunk.get(i).getValue().queue());
                    }
                }
            }
            return new ArrayList<>(names);
        });
    }

    @Override
    public Map<String, String> serverInfo() {
        return RedisErrors.call(endpoint, () -> parseInfo(redis.info("all")));
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
