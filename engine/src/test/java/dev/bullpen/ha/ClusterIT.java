package dev.bullpen.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.cli.MainCommand;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.RedisProcess;
import dev.bullpen.testing.RedisServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A real 3-master Redis Cluster on loopback ports, made with redis-cli --cluster create. */
class ClusterIT {
    static final List<RedisProcess> NODES = new ArrayList<>();
    static final List<Integer> PORTS = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws Exception {
        Path dir = Files.createTempDirectory("bullpen-cluster");
        List<String> create = new ArrayList<>(List.of("redis-cli", "--cluster", "create"));
        for (int i = 0; i < 3; i++) {
            int port = RedisServer.freePort();
            PORTS.add(port);
            NODES.add(RedisProcess.server(dir.resolve("node" + i), port, List.of("--cluster-enabled", "yes",
                    "--cluster-config-file", dir.resolve("node" + i).resolve("nodes.conf").toString(),
                    "--cluster-node-timeout", "2000")));
            create.add("127.0.0.1:" + port);
        }
        create.addAll(List.of("--cluster-replicas", "0", "--cluster-yes"));
        Process p = new ProcessBuilder(create).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0, out);
        for (int port : PORTS) {
            try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", port))) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
                while (!j.clusterInfo().contains("cluster_state:ok") && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(j.clusterInfo().contains("cluster_state:ok"));
            }
        }
    }

    @AfterAll
    static void stop() {
        NODES.forEach(RedisProcess::close);
    }

    static String url() {
        return "redis-cluster://127.0.0.1:" + PORTS.get(0) + ",127.0.0.1:" + PORTS.get(1);
    }

    /** The port of the master that holds this key's slot. */
    static int ownerOf(String key) {
        for (int port : PORTS) {
            try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", port))) {
                if (j.clusterCountKeysInSlot((int) j.clusterKeySlot(key)) > 0) {
                    return port;
                }
            }
        }
        throw new AssertionError("no node has " + key);
    }

    @Test
    void hashTaggedQueuesWorkAndAreDiscoveredOnEveryMaster() {
        RedisEndpoint endpoint = RedisEndpoint.parse(url());
        assertEquals(RedisEndpoint.Kind.CLUSTER, endpoint.kind());
        // two prefixes whose slots are on different masters
        String[] prefixes = {"{bull}", "{shop}", "{mall}", "{jobs}", "{x1}", "{x2}"};
        List<Integer> owners = new ArrayList<>();
        for (String prefix : prefixes) {
            try (QueueConnection c = QueueConnection.open(endpoint, prefix)) {
                JobQueue q = c.queue("orders");
                String id = q.add(NewJob.of("{\"n\":1}"));
                q.addBulk(List.of(NewJob.of("{\"n\":2}"), NewJob.of("{\"n\":3}")));
                c.queue("mails").add(NewJob.of("{}"));
                assertEquals(3, q.status().counts().waiting());
                assertEquals(3, q.page(JobState.WAITING, 0, -1, true).jobs().size());
                assertEquals("waiting", q.detail(id).orElseThrow().state());
                assertEquals(List.of("mails", "orders"), c.discoverQueues());
                owners.add(ownerOf(prefix + ":orders:id"));
                assertEquals(owners.get(owners.size() - 1), ((RedisQueueConnection) c).writeTarget().getPort(),
                        "dedicated connections for " + prefix + " go to the master of its slot");
            }
        }
        assertTrue(owners.stream().distinct().count() >= 2, "queues on several masters: " + owners);

        // the console reads the cluster through the same door (QueueInspector)
        try (QueueInspector console = new QueueInspector(endpoint, "{shop}")) {
            OverviewSnapshot overview = console.overview();
            assertEquals(List.of("mails", "orders"), overview.queues().stream().map(QueueStatus::name).toList());
            assertEquals(3, overview.queues().get(1).counts().waiting());
        }

        Cli status = cli("--redis", url(), "--prefix", "{shop}", "status", "--json");
        assertEquals(0, status.code(), status.err());
        assertTrue(status.out().contains("orders") && status.out().contains("mails"), status.out());
        Cli list = cli("--redis", url(), "--prefix", "{shop}", "jobs", "list", "--queue", "orders", "--state",
                "waiting", "--json");
        assertEquals(0, list.code(), list.err());
        assertNotEquals(-1, list.out().indexOf("\"n\" : 3") + list.out().indexOf("\"n\":3") + 1, list.out());
    }

    @Test
    void aPrefixWithoutHashTagIsRefusedClearly() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> QueueConnection.open(RedisEndpoint.parse(url()), "bull"));
        assertTrue(e.getMessage().contains("--prefix '{bull}'"), e.getMessage());
        Cli r = cli("--redis", url(), "status");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("error: on a Redis Cluster the prefix must be a hash tag"), r.err());
    }

    record Cli(int code, String out, String err) {
    }

    static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }
}
