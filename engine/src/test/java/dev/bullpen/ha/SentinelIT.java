package dev.bullpen.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.SentinelSetup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** A real master, one replica and three sentinels on loopback; the master is killed mid-run. */
class SentinelIT {

    @Test
    void queueClientFollowsAFailoverAndLosesNoAcknowledgedAdd() throws Exception {
        try (SentinelSetup ha = new SentinelSetup(null, null)) {
            followsAFailover(ha);
        }
    }

    private void followsAFailover(SentinelSetup ha) throws Exception {
        int masterPort = ha.masterPort();
        int replicaPort = ha.replicaPort();
        List<String> sentinels = ha.sentinels();
        RedisEndpoint endpoint = RedisEndpoint.parse("redis-sentinel://" + ha.sentinelList() + "/"
                + SentinelSetup.MASTER_NAME);
        assertEquals(RedisEndpoint.Kind.SENTINEL, endpoint.kind());

        try (RedisQueueConnection c = RedisQueueConnection.open(endpoint, "bull");
                QueueInspector console = new QueueInspector(endpoint, "bull")) {
            JobQueue q = c.queue("ha");
            assertEquals(new HostAndPort("127.0.0.1", masterPort), c.writeTarget());
            List<String> acknowledged = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                acknowledged.add(q.add(NewJob.of("{\"i\":" + i + "}")));
            }
            ha.awaitReplicated(); // the replica has the first 20 jobs

            assertEquals(20, console.overview().queues().get(0).counts().waiting());

            ha.killMaster();
            long killed = System.nanoTime();
            // a read right after the kill waits for the failover instead of failing
            assertEquals(20, q.status().counts().waiting());
            double failoverSeconds = (System.nanoTime() - killed) / 1e9;
            // the console's pooled connections died with the master too: its next read is retried
            assertEquals(20, console.overview().queues().get(0).counts().waiting());

            // writes: one may fail on a connection that died with the master (its outcome is unknown,
            // so it is not retried); the others are retried until the new master takes them
            int failed = 0;
            for (int i = 20; i < 60; i++) {
                try {
                    acknowledged.add(q.add(NewJob.of("{\"i\":" + i + "}")));
                } catch (RuntimeException e) {
                    failed++;
                }
            }
            assertTrue(failed <= 1, failed + " adds failed after the failover");
            assertTrue(acknowledged.size() >= 59);

            try (Jedis s = new Jedis(HostAndPort.from(sentinels.get(0)))) {
                assertEquals(List.of("127.0.0.1", Integer.toString(replicaPort)),
                        s.sentinelGetMasterAddrByName("mymaster"), "the replica is the master now");
            }
            assertEquals(new HostAndPort("127.0.0.1", replicaPort), c.writeTarget());
            try (Jedis dedicated = c.openDedicated(2_000)) {
                assertEquals("master", dedicated.role().get(0), "a worker's blocking connection goes to the new master");
            }
            for (String id : acknowledged) {
                assertTrue(q.job(id).isPresent(), "acknowledged job " + id + " is on the new master");
            }
            assertEquals(acknowledged.size(), q.status().counts().waiting());
            try (Jedis r = new Jedis(new HostAndPort("127.0.0.1", replicaPort))) {
                assertEquals("master", r.role().get(0));
                Map<String, String> job = r.hgetAll("bull:ha:" + acknowledged.get(acknowledged.size() - 1));
                assertTrue(job.get("data").contains("\"i\":59"), job.toString());
            }
            System.out.printf("failover followed in %.1f s, %d add(s) failed%n", failoverSeconds, failed);
        }
    }
}
