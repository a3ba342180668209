package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.testing.SettableClock;
import dev.bullpen.testing.RedisServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueInspectorIT {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private RedisServer redis;
    private RedisEndpoint endpoint;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
        endpoint = RedisEndpoint.resolve(redis.url(), Map.of());
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    private QueueInspector inspector(String prefix) {
        return new QueueInspector(endpoint, prefix, QueueConnection::open, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void workersListsABullpenWorkerOfThisProcessWithTheQueueItServes() throws Exception {
        // given a Bullpen worker on "checkout" under prefix "wk" (concurrency 3: still one named connection)
        try (dev.bullpen.queue.redis.RedisQueueConnection c = dev.bullpen.queue.redis.RedisQueueConnection.open(
                endpoint, "wk");
             dev.bullpen.worker.Worker worker = new dev.bullpen.worker.Worker(c, "checkout", job -> null,
                     dev.bullpen.worker.WorkerOptions.builder().concurrency(3).build()).start();
             QueueInspector inspector = inspector("wk")) {
            // when
            List<ConnectedWorker> workers = List.of();
            long deadline = System.nanoTime() + 10_000_000_000L;
            while (workers.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                workers = inspector.workers(List.of("wk"));
            }

            // then
            assertEquals(1, workers.size(), workers.toString());
            ConnectedWorker w = workers.get(0);
            assertEquals("checkout", w.queue());
            assertEquals(ConnectedWorker.Kind.BULLPEN, w.kind());
            assertTrue(w.thisProcess());
            assertEquals(java.util.OptionalLong.of(ProcessHandle.current().pid()), w.pid());
            assertTrue(w.address().startsWith("127.0.0.1:"), w.address());
            assertEquals(List.of(), inspector.workers(List.of("other")));
        }
    }

    @Test
    void overviewListsEveryQueueUnderThePrefixWithCountsAndPauseFlag() {
        // given
        try (QueueConnection c = QueueConnection.open(endpoint, "ov")) {
            c.queue("mail").add(NewJob.of("{\"to\":\"a\"}"));
            c.queue("mail").add(NewJob.of("{\"to\":\"b\"}"));
            c.queue("mail").add(new NewJob(null, "{}", JobOptions.defaults().delay(60_000)));
            c.queue("checkout").add(NewJob.of("{}"));
            c.queue("checkout").pause();
        }
        try (QueueConnection other = QueueConnection.open(endpoint, "elsewhere")) {
            other.queue("ignored").add(NewJob.of("{}"));
        }

        // when
        OverviewSnapshot snapshot;
        try (QueueInspector inspector = inspector("ov")) {
            snapshot = inspector.overview();
        }

        // then
        assertEquals(NOW, snapshot.readAt());
        assertEquals(List.of(
                new QueueStatus("checkout", true, new QueueCounts(0, 0, 0, 0, 0, 1)),
                new QueueStatus("mail", false, new QueueCounts(2, 0, 1, 0, 0, 0))), snapshot.queues());
    }

    @Test
    void unreachableRedisFailsTheReadAndTheNextReadReconnects() {
        try (QueueInspector inspector = inspector("rc")) {
            // given a working inspector
            assertEquals(List.of(), inspector.overview().queues());

            // when Redis dies
            redis.kill();

            // then the read fails with the engine's exception naming host:port
            RedisUnavailableException e = assertThrows(RedisUnavailableException.class, inspector::overview);
            assertTrue(e.getMessage().contains(endpoint.display()), e.getMessage());

            // and once it is back, the next read works without a new inspector
            redis.restart();
            try (QueueConnection c = QueueConnection.open(endpoint, "rc")) {
                c.queue("again").add(NewJob.of("{}"));
            }
            OverviewSnapshot after = inspector.overview();
            assertEquals(1, after.queues().size());
            assertEquals("again", after.queues().get(0).name());
        }
    }

    @Test
    void anExpensiveDiscoveryRunsAtMostEveryThirtySecondsWhileCountsAreReadEveryPoll() {
        SettableClock clock = new SettableClock(NOW.toEpochMilli());
        try (QueueInspector inspector = new QueueInspector(endpoint, "dc", QueueConnection::open, clock)
                .cheapDiscoveryBelow(java.time.Duration.ZERO);
             QueueConnection c = QueueConnection.open(endpoint, "dc")) {
            c.queue("first").add(NewJob.of("{}"));
            assertEquals(List.of("first"), inspector.overview().queues().stream().map(QueueStatus::name).toList());
            // one slow discovery is not enough to back off (a cold JVM, a busy machine): the next poll discovers again
            c.queue("early").add(NewJob.of("{}"));
            assertEquals(List.of("early", "first"),
                    inspector.overview().queues().stream().map(QueueStatus::name).toList());

            // a new queue and a new job within the interval: the job is counted, the queue not yet listed
            c.queue("second").add(NewJob.of("{}"));
            c.queue("first").add(NewJob.of("{}"));
            clock.advance(29_000);
            OverviewSnapshot soon = inspector.overview();
            assertEquals(List.of("early", "first"), soon.queues().stream().map(QueueStatus::name).toList());
            assertEquals(2, soon.queues().get(1).counts().waiting());

            // after the interval the SCAN runs again
            clock.advance(1_000);
            assertEquals(List.of("early", "first", "second"),
                    inspector.overview().queues().stream().map(QueueStatus::name).toList());

            // and a refresh by hand discovers at once
            c.queue("third").add(NewJob.of("{}"));
            inspector.rediscover();
            assertEquals(4, inspector.overview().queues().size());
        }
    }

    @Test
    void aCheapDiscoveryRunsOnEveryPollSoNewQueuesShowAtOnce() {
        try (QueueInspector inspector = inspector("cheap"); QueueConnection c = QueueConnection.open(endpoint, "cheap")) {
            c.queue("one").add(NewJob.of("{}"));
            assertEquals(1, inspector.overview().queues().size());
            c.queue("two").add(NewJob.of("{}"));
            assertEquals(2, inspector.overview().queues().size());
        }
    }

    @Test
    void restartedRedisIsReadOnTheFirstTryThoughPooledConnectionsDied() {
        try (QueueInspector inspector = inspector("rs")) {
            assertEquals(List.of(), inspector.overview().queues());

            redis.restart();

            assertEquals(List.of(), inspector.overview().queues());
        }
    }

    @Test
    void redisDownAtFirstReadIsReportedNotThrownAtConstruction() {
        redis.kill();
        try (QueueInspector inspector = inspector("down")) {
            assertThrows(RedisUnavailableException.class, inspector::overview);
            redis.restart();
            assertEquals(List.of(), inspector.overview().queues());
        }
    }

    @Test
    void closedInspectorRefusesToRead() {
        QueueInspector inspector = inspector("closed");
        inspector.close();
        assertThrows(IllegalStateException.class, inspector::overview);
    }

    @Test
    void readOnlyInspectorRefusesEveryActionBeforeReachingRedisButStillReads() {
        // given
        try (QueueConnection c = QueueConnection.open(endpoint, "ro")) {
            c.queue("mail").add(NewJob.of("{}"));
        }
        try (QueueInspector inspector = new QueueInspector(endpoint, "ro", QueueConnection::open,
                Clock.fixed(NOW, ZoneOffset.UTC), true)) {
            // when / then
            ReadOnlyException e = assertThrows(ReadOnlyException.class,
                    () -> inspector.act("mail", "pause mail", q -> {
                        q.pause();
                        return null;
                    }));
            assertEquals("read-only mode: pause mail refused (open the console without --read-only to act)",
                    e.getMessage());
            assertTrue(inspector.readOnly());
            assertEquals(Long.valueOf(1), inspector.<Long>read("mail", q -> q.status().counts().waiting()));
        }
        try (QueueConnection c = QueueConnection.open(endpoint, "ro")) {
            assertEquals(false, c.queue("mail").isPaused());
        }
    }

    @Test
    void actGoesThroughTheEngine() {
        try (QueueInspector inspector = inspector("act")) {
            String id = inspector.act("mail", "add a job", q -> q.add(NewJob.of("{\"to\":\"x\"}")));
            inspector.act("mail", "pause mail", q -> {
                q.pause();
                return null;
            });

            try (QueueConnection c = QueueConnection.open(endpoint, "act")) {
                assertTrue(c.queue("mail").isPaused());
                assertEquals("{\"to\":\"x\"}", c.queue("mail").job(id).orElseThrow().data().orElseThrow());
            }
        }
    }

    @Test
    void searchReadsTheStateInBatchesAndStreamsMatchesIgnoringCase() {
        // given 1,050 waiting jobs, three of them mention Alice, one by its name only
        List<String> ids;
        try (QueueConnection c = QueueConnection.open(endpoint, "se")) {
            List<NewJob> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 1050; i++) {
                String data = i == 10 || i == 900 ? "{\"customer\":\"ALICE\"}" : "{\"customer\":\"bob-" + i + "\"}";
                jobs.add(new NewJob(i == 500 ? "mail-alice" : null, data, null));
            }
            ids = c.queue("rewards").addBulk(jobs);
        }
        List<Long> scannedPerBatch = new java.util.ArrayList<>();
        List<String> found = new java.util.ArrayList<>();

        // when
        JobSearch.Result result;
        try (QueueInspector inspector = inspector("se")) {
            result = inspector.search("rewards", dev.bullpen.queue.JobState.WAITING, "alice", 400,
                    (hits, scanned, total) -> {
                        scannedPerBatch.add(scanned);
                        hits.forEach(j -> found.add(j.id()));
                        assertEquals(1050, total);
                        return true;
                    });
        }

        // then: newest first (Bull's order), three batches
        assertEquals(List.of(ids.get(900), ids.get(500), ids.get(10)), found);
        assertEquals(List.of(400L, 800L, 1050L), scannedPerBatch);
        assertEquals(new JobSearch.Result(1050, 3, false), result);
    }

    @Test
    void searchStopsWhenTheListenerCancels() {
        try (QueueConnection c = QueueConnection.open(endpoint, "sc")) {
            List<NewJob> jobs = new java.util.ArrayList<>();
            for (int i = 0; i < 30; i++) {
                jobs.add(NewJob.of("{}"));
            }
            c.queue("q").addBulk(jobs);
        }
        try (QueueInspector inspector = inspector("sc")) {
            JobSearch.Result r = inspector.search("q", dev.bullpen.queue.JobState.WAITING, "x", 10,
                    (hits, scanned, total) -> false);
            assertEquals(new JobSearch.Result(10, 0, true), r);
        }
    }
}
