package dev.bullpen.monitor;

import dev.bullpen.testing.TestSecrets;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.BullMetrics;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueHealth;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.Throughput;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import dev.bullpen.testing.SettableClock;
import dev.bullpen.worker.Worker;
import dev.bullpen.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * The reads behind the console's charts and alerts, against a real redis-server holding finished
 * jobs with known finish times (written in Bull's shape: hash plus completed/failed zset scored by
 * finishedOn), jobs made by the engine, and a real worker.
 */
@ExtendWith(RedisServerExtension.class)
class ChartsReadsIT {
    /** 03:04:05.000 UTC: the current minute started 5 s ago. */
    private static final long NOW = Instant.parse("2026-01-02T03:04:05Z").toEpochMilli();
    private static final long MINUTE = 60_000;
    private static final long THIS_MINUTE = NOW - 5_000;

    private RedisServer server;
    private RedisEndpoint endpoint;
    private QueueConnection connection;
    private Jedis jedis;
    private String prefix;
    private JobQueue queue;

    @BeforeEach
    void setUp(RedisServer server, TestInfo info) {
        this.server = server;
        endpoint = RedisEndpoint.parse(server.url());
        prefix = "ch-" + info.getTestMethod().orElseThrow().getName();
        connection = QueueConnection.open(endpoint, prefix);
        jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()));
        queue = connection.queue("q");
    }

    @AfterEach
    void tearDown() {
        jedis.close();
        connection.close();
    }

    private String key(String suffix) {
        return prefix + ":q:" + suffix;
    }

    /** A job as Bull's moveToFinished leaves it. */
    private void finished(String state, String id, long created, long started, long finishedOn) {
        jedis.hset(key(id), Map.of("name", "n", "data", "{\"big\":\"" + "x".repeat(1000) + "\"}", "opts", "{}",
                "timestamp", Long.toString(created), "processedOn", Long.toString(started),
                "finishedOn", Long.toString(finishedOn)));
        jedis.zadd(key(state), finishedOn, id);
    }

    private void finished(String state, String id, long finishedOn) {
        finished(state, id, finishedOn - 300, finishedOn - 100, finishedOn);
    }

    @Test
    void throughputCountsFinishedJobsPerWallClockMinuteExactly() {
        // given: completed jobs at known times, on minute boundaries too
        finished("completed", "1", THIS_MINUTE);                // first ms of the current minute
        finished("completed", "2", THIS_MINUTE + 4_999);
        finished("completed", "3", THIS_MINUTE - 1);            // last ms of the minute before
        finished("completed", "4", THIS_MINUTE - MINUTE);       // first ms of the minute before
        finished("completed", "5", THIS_MINUTE - 59 * MINUTE);  // first ms of the oldest minute read
        finished("completed", "6", THIS_MINUTE - 59 * MINUTE - 1); // just before it: not counted
        finished("completed", "7", NOW + 30_000);               // a worker clock ahead: counts as now
        finished("failed", "8", THIS_MINUTE - 2 * MINUTE + 10);
        finished("failed", "9", NOW - 59_000);                  // in the last 60 s, but the minute before
        finished("failed", "10", NOW - 61_000);

        // when
        Throughput t = queue.throughput(NOW, 60);

        // then
        assertEquals(THIS_MINUTE - 59 * MINUTE, t.firstMinute());
        assertEquals(60, t.minutes());
        List<Long> completed = zeros(60);
        completed.set(59, 3L);
        completed.set(58, 2L);
        completed.set(0, 1L);
        assertEquals(completed, t.completed());
        List<Long> failed = zeros(60);
        failed.set(57, 1L);
        failed.set(58, 2L);
        assertEquals(failed, t.failed());
        assertEquals(4, t.completedLastMinute(), "1, 2, 3 and the one ahead; 4 finished 65 s ago");
        assertEquals(1, t.failedLastMinute());
        assertEquals(NOW, t.readAt());
    }

    @Test
    void throughputOfAnEmptyQueueIsZeroesAndBadRangesAreRefused() {
        Throughput t = queue.throughput(NOW, 3);
        assertEquals(zeros(3), t.completed());
        assertEquals(zeros(3), t.failed());
        assertEquals(0, t.completedLastMinute());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> queue.throughput(NOW, 0));
        assertEquals("minutes must be 1 to 1440, got 0", e.getMessage());
        assertThrows(InvalidInputException.class, () -> queue.throughput(NOW, 1441));
    }

    @Test
    void throughputReadsWithZcountsOnlySoItStaysFlatAtAMillionCompletedJobs() {
        // given 1,000,000 completed ids spread over the last 100 minutes (scores only: a Lua loop)
        for (int from = 1; from <= 1_000_000; from += 100_000) { // batches: each well within the socket timeout
            jedis.eval("for i = ARGV[2], ARGV[2] + 99999 do redis.call('ZADD', KEYS[1], ARGV[1] - i * 6, i) end",
                    List.of(key("completed")), List.of(Long.toString(NOW), Integer.toString(from)));
        }
        assertEquals(1_000_000, jedis.zcard(key("completed")));
        jedis.configResetStat();

        // when
        Throughput t = queue.throughput(NOW, 60);

        // then every job of the last hour is counted, by ZCOUNT alone: 2 per minute plus 2 for the rate
        long lastHour = 0;
        for (long n : t.completed()) {
            lastHour += n;
        }
        long expected = (NOW - t.firstMinute()) / 6; // ids i with NOW - 6i >= firstMinute
        assertEquals(expected, lastHour);
        assertEquals(9_999, t.completedLastMinute(), "scores NOW-6 .. NOW-59,994 are in the last 60 s");
        String stats = jedis.info("commandstats");
        assertTrue(stats.contains("cmdstat_zcount:calls=122,"), stats);
        assertFalse(stats.contains("cmdstat_zrange"), stats);
        assertFalse(stats.contains("cmdstat_zrangebyscore"), stats);
    }

    @Test
    void healthReadsCountsFailuresPerSlidingMinuteAndTheOldestWaitingJob() {
        // given failures at known times, completed jobs, and waiting jobs made by the engine
        finished("failed", "f1", NOW - 1_000);
        finished("failed", "f2", NOW - 59_999);
        finished("failed", "f3", NOW - 60_000);   // exactly 60 s ago: the minute before
        finished("failed", "f4", NOW - 4 * MINUTE - 1);
        finished("failed", "f5", NOW + 5_000);    // ahead: the last minute
        finished("completed", "c1", NOW - 10_000);
        finished("completed", "c2", NOW - 70_000);
        queue.add(new NewJob("old", "{}", JobOptions.defaults().timestamp(NOW - 90_000)));
        queue.add(new NewJob("new", "{}", JobOptions.defaults().timestamp(NOW - 2_000)));

        // when
        QueueHealth health = queue.health(NOW, 5);

        // then
        assertEquals(new QueueCounts(2, 0, 0, 2, 5, 0), health.status().counts());
        QueueActivity a = health.activity();
        assertEquals(1, a.completedLastMinute());
        assertEquals(List.of(3L, 1L, 0L, 0L, 1L), a.failedPerMinute());
        assertEquals(3, a.failedLastMinute());
        assertEquals(5, a.failedIn(5));
        assertEquals(OptionalLong.of(NOW - 90_000), a.oldestWaitingSince(), "the job next in line, created first");
        assertEquals(OptionalLong.of(90_000), a.oldestWaitingAgeMs(NOW));
    }

    @Test
    void oldestWaitingCountsFromTheDueTimeOfADelayedJobAndFromAManualRetry() {
        // given: a job created long ago with a delay (promoted since: Bull sets delay to 0 then) and a
        // failed job retried a moment ago; both waiting now
        jedis.hset(key("d"), Map.of("timestamp", Long.toString(NOW - 600_000), "delay", "0",
                "opts", "{\"delay\":570000,\"attempts\":1}"));
        jedis.hset(key("r"), Map.of("timestamp", Long.toString(NOW - 900_000), "retriedOn", Long.toString(NOW - 5_000),
                "opts", "{}"));
        jedis.rpush(key("wait"), "r", "d"); // d next in line (the tail), r at the head

        // when
        QueueActivity a = queue.health(NOW, 1).activity();

        // then the longest wait is d's: due 30 s ago
        assertEquals(OptionalLong.of(NOW - 30_000), a.oldestWaitingSince());
    }

    @Test
    void healthToleratesWaitingJobsOtherClientsSpoiled() {
        // given: a waiting id without hash, a job key that is a string, a hash with garbage times;
        // and one good paused job
        jedis.set(key("s"), "not a hash");
        jedis.hset(key("g"), Map.of("timestamp", "yesterday", "opts", "{not json"));
        jedis.rpush(key("wait"), "missing", "s", "g");
        jedis.hset(key("p"), Map.of("timestamp", Long.toString(NOW - 3_000)));
        jedis.rpush(key("paused"), "p");

        // when
        QueueHealth health = queue.health(NOW, 2);

        // then
        assertEquals(3, health.status().counts().waiting());
        assertEquals(OptionalLong.of(NOW - 3_000), health.activity().oldestWaitingSince());
        assertEquals(List.of(0L, 0L), health.activity().failedPerMinute());
        assertThrows(InvalidInputException.class, () -> queue.health(NOW, 61));
    }

    @Test
    void newestTimesReadsOnlyTheThreeTimesOfTheNewestJobs() {
        // given
        for (int i = 1; i <= 7; i++) {
            finished("completed", "j" + i, NOW - 1_000 * i - 500, NOW - 1_000 * i - 200, NOW - 1_000 * i);
        }
        jedis.zadd(key("completed"), NOW, "gone"); // listed, hash deleted

        // when
        List<JobSnapshot> jobs = queue.newestTimes(JobState.COMPLETED, 4);

        // then newest first, never the data
        assertEquals(List.of("gone", "j1", "j2", "j3"), jobs.stream().map(JobSnapshot::id).toList());
        assertTrue(jobs.get(0).missing());
        assertEquals(Set.of("timestamp", "processedOn", "finishedOn"), jobs.get(1).fields().keySet());
        assertEquals(NOW - 1_000, jobs.get(1).finishedOn().orElseThrow());
        TimingStats stats = TimingStats.of(jobs);
        assertEquals(3, stats.waitTime().samples());
        assertEquals(300, stats.waitTime().p50());
        assertEquals(200, stats.runTime().max());
        assertEquals(1, stats.skipped());
    }

    @Test
    void bullMetricsAreReadAsBullKeepsThem() {
        // given: the metrics a worker keeps (ours writes them as Bull does) over three minutes
        SettableClock clock = new SettableClock(THIS_MINUTE + 1_000);
        try (RedisQueueConnection c = RedisQueueConnection.open(endpoint, prefix, clock);
             Worker w = new Worker(c, "q", job -> null, WorkerOptions.builder().clock(clock)
                     .drainDelay(Duration.ofSeconds(1)).metricsMaxDataPoints(10).build())) {
            w.start();
            for (long[] step : new long[][] {{0, 3}, {MINUTE, 2}, {2 * MINUTE, 1}}) { // minutes 0, 1 and 3
                clock.advance(step[0]);
                for (int i = 0; i < step[1]; i++) {
                    long done = jedis.zcard(key("completed"));
                    queue.add(NewJob.of("{}"));
                    Await.until(() -> jedis.zcard(key("completed")) == done + 1);
                }
            }
        }

        // when
        BullMetrics m = queue.bullMetrics(60);

        // then, newest first: an idle minute, 2 jobs, 3 jobs; and one counted in the current minute
        assertTrue(m.present());
        BullMetrics.Series completed = m.completed();
        assertEquals(6, completed.count());
        assertEquals(List.of(0L, 2L, 3L), completed.data());
        assertEquals(3, completed.dataPoints());
        assertEquals(OptionalLong.of(THIS_MINUTE + 1_000 + 3 * MINUTE), completed.prevTS());
        assertEquals(OptionalLong.of(THIS_MINUTE + 2 * MINUTE), completed.minuteOf(0));
        assertEquals(OptionalLong.of(THIS_MINUTE + MINUTE), completed.minuteOf(1));
        assertEquals(OptionalLong.of(THIS_MINUTE), completed.minuteOf(2));
        assertEquals(1, completed.sinceLastPoint());
        assertFalse(m.failed().present());
    }

    @Test
    void bullMetricsAreAbsentWithoutKeysAndToleratesSpoiledOnes() {
        assertFalse(queue.bullMetrics(60).present());

        jedis.set(key("metrics:completed"), "a string");
        jedis.hset(key("metrics:failed"), Map.of("count", "lots", "prevTS", "x"));
        jedis.rpush(key("metrics:failed:data"), "4", "four", "1");

        BullMetrics m = queue.bullMetrics(2);
        assertFalse(m.completed().present());
        assertTrue(m.failed().present());
        assertEquals(0, m.failed().count());
        assertEquals(OptionalLong.empty(), m.failed().prevTS());
        assertEquals(List.of(4L, 0L), m.failed().data());
        assertEquals(3, m.failed().dataPoints());
    }

    @Test
    void workersAreCountedFromTheClientNamesBullWorkersSet() throws Exception {
        // given: a real worker on q, a Node-style name for another queue, a BullMQ-style one, strangers
        List<Jedis> clients = new ArrayList<>();
        try (RedisQueueConnection c = RedisQueueConnection.open(endpoint, prefix);
             Worker w = new Worker(c, "q", job -> null, WorkerOptions.builder().drainDelay(Duration.ofSeconds(1)).build())) {
            w.start();
            for (String name : List.of(prefix + ":bWFpbA==", prefix + ":bWFpbA==:w:box-1", "other:cQ==", "no-worker")) {
                Jedis j = new Jedis(new HostAndPort("127.0.0.1", server.port()));
                j.clientSetname(name);
                clients.add(j);
            }
            Await.until(() -> connection.workerCounts().orElseThrow().containsKey("q"));

            // when
            Map<String, Integer> counts = connection.workerCounts().orElseThrow();

            // then
            assertEquals(Map.of("q", 1, "mail", 2), counts);
        } finally {
            clients.forEach(Jedis::close);
        }
    }

    @Test
    void aReadOnlyUserWithoutClientListGetsActivityButUnknownWorkers() {
        // given a user allowed reads and read-only scripts, but not CLIENT LIST (which +@connection allows)
        String roPassword = TestSecrets.password("ro");
        try (RedisServer acl = RedisServer.start("--user", "default", "on", "nopass", "~*", "&*", "+@all",
                "--user", "ro", "on", ">" + roPassword, "~*", "&*", "-@all", "+@read", "+@connection", "-client|list",
                "+info", "+eval_ro", "+evalsha_ro")) {
            try (QueueConnection writer = QueueConnection.open(RedisEndpoint.parse(acl.url()), prefix)) {
                writer.queue("q").add(NewJob.of("{}"));
            }
            RedisEndpoint ro = RedisEndpoint.parse("redis://ro:" + roPassword + "@127.0.0.1:" + acl.port());

            // when
            OverviewSnapshot s;
            try (QueueInspector inspector = new QueueInspector(ro, prefix)) {
                s = inspector.overview();
            }

            // then
            assertEquals(1, s.queues().get(0).counts().waiting());
            assertTrue(s.activityOf("q").orElseThrow().oldestWaitingSince().isPresent());
            assertEquals(OptionalInt.empty(), s.workersOf("q"), "unknown, not 0");
        }
    }

    @Test
    void overviewCarriesActivityAndWorkers() {
        // given
        finished("failed", "f1", NOW - 1_000);
        finished("completed", "c1", NOW - 2_000);
        queue.add(new NewJob("w", "{}", JobOptions.defaults().timestamp(NOW - 4_000)));

        // when
        OverviewSnapshot s;
        try (QueueInspector inspector = new QueueInspector(endpoint, prefix, QueueConnection::open,
                Clock.fixed(Instant.ofEpochMilli(NOW), ZoneOffset.UTC))) {
            s = inspector.overview();
        }

        // then
        QueueActivity a = s.activityOf("q").orElseThrow();
        assertEquals(1, a.completedLastMinute());
        assertEquals(1, a.failedLastMinute());
        assertEquals(QueueInspector.FAILURE_MINUTES, a.failedPerMinute().size());
        assertEquals(OptionalLong.of(4_000), a.oldestWaitingAgeMs(NOW));
        assertEquals(OptionalInt.of(0), s.workersOf("q"));
    }

    private static List<Long> zeros(int n) {
        return new ArrayList<>(Collections.nCopies(n, 0L));
    }

    /** Polls a condition for up to 10 s. */
    private static final class Await {
        static void until(java.util.function.BooleanSupplier condition) {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (!condition.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("condition not met within 10 s");
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }
}
