package dev.bullpen.testing;

import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.TlsOptions;
import dev.bullpen.queue.redis.RedisQueueConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * A real master, one replica and three sentinels ({@code mymaster}, quorum 2, down after 1 s) on
 * free loopback ports, optionally with a password on the servers and another on the sentinels.
 * {@link #killMaster()} SIGKILLs the master as a crash would; the sentinels then promote the replica.
 */
public final class SentinelSetup implements AutoCloseable {
    public static final String MASTER_NAME = "mymaster";

    private final List<RedisProcess> processes = new ArrayList<>();
    private final List<String> sentinels = new ArrayList<>();
    private final String serverPassword;
    private final Certificates tls;
    private final int masterPort;
    private final int replicaPort;
    private RedisProcess master;

    /**
     * @param serverPassword   {@code requirepass} (and {@code masterauth}) of master and replica, or null
     * @param sentinelPassword {@code requirepass} of the sentinels, or null
     */
    public SentinelSetup(String serverPassword, String sentinelPassword) throws Exception {
        this(serverPassword, sentinelPassword, null);
    }

    /**
     * @param tls when given, every server and sentinel listens on TLS only (port 0, {@code tls-port}) with
     *            these certificates, replicates over TLS and wants no client certificate
     */
    public SentinelSetup(String serverPassword, String sentinelPassword, Certificates tls) throws Exception {
        this.serverPassword = serverPassword;
        this.tls = tls;
        Path dir = Files.createTempDirectory("bullpen-sentinel");
        masterPort = RedisServer.freePort();
        replicaPort = RedisServer.freePort();
        List<String> auth = new ArrayList<>(serverPassword == null ? List.of()
                : List.of("--requirepass", serverPassword, "--masterauth", serverPassword));
        if (tls != null) {
            auth.addAll(List.of("--tls-cert-file", tls.serverCert().toString(), "--tls-key-file",
                    tls.serverKey().toString(), "--tls-ca-cert-file", tls.caCert().toString(), "--tls-replication",
                    "yes", "--tls-auth-clients", "no"));
        }
        try {
            master = start(RedisProcess.server(dir.resolve("master"), masterPort, listen(auth, masterPort)));
            List<String> replica = new ArrayList<>(listen(auth, replicaPort));
            replica.addAll(List.of("--replicaof", "127.0.0.1", Integer.toString(masterPort)));
            start(RedisProcess.server(dir.resolve("replica"), replicaPort, replica));
            for (int i = 0; i < 3; i++) {
                int port = RedisServer.freePort();
                sentinels.add("127.0.0.1:" + port);
                List<String> conf = new ArrayList<>(List.of(tls == null ? "port " + port : "port 0", "bind 127.0.0.1",
                        "dir " + dir.resolve("sentinel" + i),
                        "sentinel monitor " + MASTER_NAME + " 127.0.0.1 " + masterPort + " 2",
                        "sentinel down-after-milliseconds " + MASTER_NAME + " 1000",
                        "sentinel failover-timeout " + MASTER_NAME + " 10000",
                        "sentinel parallel-syncs " + MASTER_NAME + " 1"));
                if (serverPassword != null) {
                    conf.add("sentinel auth-pass " + MASTER_NAME + " " + serverPassword);
                }
                if (tls != null) {
                    conf.addAll(List.of("tls-port " + port, "tls-cert-file " + tls.serverCert(),
                            "tls-key-file " + tls.serverKey(), "tls-ca-cert-file " + tls.caCert(),
                            "tls-replication yes", "tls-auth-clients no"));
                }
                if (sentinelPassword != null) {
                    // sentinels log in to each other with the same password
                    conf.add("requirepass " + sentinelPassword);
                }
                conf.add("");
                start(RedisProcess.sentinel(dir.resolve("sentinel" + i), port, String.join("\n", conf)));
            }
            awaitReplicaInSync();
        } catch (Exception | Error e) {
            close();
            throw e;
        }
    }

    private List<String> listen(List<String> args, int port) {
        List<String> out = new ArrayList<>(args);
        if (tls != null) {
            out.addAll(List.of("--port", "0", "--tls-port", Integer.toString(port)));
        }
        return out;
    }

    private RedisProcess start(RedisProcess p) {
        processes.add(p);
        return p;
    }

    private void awaitReplicaInSync() throws InterruptedException {
        try (Jedis r = server(replicaPort)) {
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (!r.info("replication").contains("master_link_status:up") && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
        }
    }

    /** The sentinels as {@code host:port,host:port,host:port}. */
    public String sentinelList() {
        return String.join(",", sentinels);
    }

    public List<String> sentinels() {
        return List.copyOf(sentinels);
    }

    public int masterPort() {
        return masterPort;
    }

    public int replicaPort() {
        return replicaPort;
    }

    /** A direct connection to one of the two servers (logged in when they have a password). */
    public Jedis server(int port) {
        if (tls != null) {
            RedisEndpoint e = new RedisEndpoint("127.0.0.1", port, null, serverPassword, 0, true)
                    .withTls(new TlsOptions(tls.caCert(), null, null, null, null, null, false));
            return new Jedis(new HostAndPort("127.0.0.1", port), RedisQueueConnection.clientConfig(e, 15_000));
        }
        return new Jedis(new HostAndPort("127.0.0.1", port), DefaultJedisClientConfig.builder()
                .password(serverPassword).socketTimeoutMillis(15_000).build());
    }

    /** Waits until the replica has every write the master took so far (WAIT 1). */
    public void awaitReplicated() {
        try (Jedis m = server(masterPort)) {
            long acks = m.waitReplicas(1, 10_000);
            if (acks != 1) {
                throw new IllegalStateException("the replica did not acknowledge the master's writes");
            }
        }
    }

    /** SIGKILL of the master. */
    public void killMaster() {
        master.kill();
    }

    @Override
    public void close() {
        processes.forEach(RedisProcess::close);
    }
}
