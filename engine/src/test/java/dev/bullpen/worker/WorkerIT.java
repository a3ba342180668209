package dev.bullpen.worker;

import dev.bullpen.testing.SettableClock;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.Backoff;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.KeepJobs;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.BullKeys;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.JedisPubSub;

@ExtendWith(RedisServerExtension.class)
class WorkerIT {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private RedisQueueConnection connection;
    private Jedis jedis;
    private String queueName;
    private int port;
    private JobQueue queue;
    private BullKeys keys;
    private final List<Worker> workers = new ArrayList<>();

    @BeforeEach
    void setUp(RedisServer server, TestInfo info) {
        connection = RedisQueueConnection.open(RedisEndpoint.parse(server.url()), "bull");
        port = server.port();
        jedis = new Jedis(new HostAndPort("127.0.0.1", port));
        queueName = info.getTestMethod().orElseThrow().getName();
        queue = connection.queue(queueName);
        keys = new BullKeys("bull", queueName);
    }

    @AfterEach
    void tearDown() {
        workers.forEach(w -> w.close(Duration.ofSeconds(2)));
        jedis.close();
        connection.close();
    }

    private WorkerOptions.Builder options() {
        return WorkerOptions.builder().drainDelay(Duration.ofSeconds(1));
    }

    private Worker start(JobProcessor processor, WorkerOptions options) {
        Worker w = new Worker(connection, queueName, processor, options);
        workers.add(w);
        return w.start();
    }

    private String add(String data) {
        return queue.add(NewJob.of(data));
    }

    private String add(String data, JobOptions opts) {
        return queue.add(new NewJob(null, data, opts));
    }

    private boolean completed(String id) {
        return jedis.zscore(keys.completed(), id) != null;
    }

    private boolean failed(String id) {
        return jedis.zscore(keys.failed(), id) != null;
    }

    /** Subscribes to channels on its own connection and records "channel|message". */
    private List<String> listen(String... channels) throws InterruptedException {
        List<String> seen = new CopyOnWriteArrayList<>();
        CountDownLatch subscribed = new CountDownLatch(1);
        Jedis sub = new Jedis(new HostAndPort("127.0.0.1", port));
        JedisPubSub pubSub = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                seen.add(channel + "|" + message);
            }

            @Override
            public void onPMessage(String pattern, String channel, String message) {
                seen.add(channel + "|" + message);
            }

            @Override
            public void onPSubscribe(String pattern, int n) {
                subscribed.countDown();
            }
        };
        Thread t = new Thread(() -> {
            try {
                sub.psubscribe(pubSub, channels);
            } catch (RuntimeException closed) {
                // test over
            } finally {
                sub.close();
            }
        });
        t.setDaemon(true);
        t.start();
        assertTrue(subscribed.await(5, TimeUnit.SECONDS));
        return seen;
    }

    @Test
    void completesJobWithReturnValueAndPublishesBullsEvents() throws Exception {
        // given
        List<String> events = listen("bull:" + queueName + ":*");
        Worker w = start(job -> Map.of("res", job.data().get("n").asInt() * 2), options().build());
        // when
        String id = add("{\"n\":21}");
        // then
        Await.until(WAIT, "job completed", () -> completed(id));
        Map<String, String> hash = jedis.hgetAll(keys.job(id));
        assertEquals("{\"res\":42}", hash.get("returnvalue"));
        assertEquals(hash.get("finishedOn"), String.valueOf(jedis.zscore(keys.completed(), id).longValue()));
        assertTrue(hash.containsKey("processedOn"));
        assertFalse(hash.containsKey("attemptsMade"));
        assertFalse(jedis.exists(keys.lock(id)));
        assertEquals(0, jedis.llen(keys.active()));
        Await.until(WAIT, "completed event", () -> events.contains(
                keys.completed() + "|{\"jobId\":\"" + id + "\",\"val\":\"{\\\"res\\\":42}\"}"));
        assertTrue(events.contains("bull:" + queueName + ":active@" + w.token() + "|" + id), events.toString());
    }

    @Test
    void nullResultIsStoredAsNullAndOmittedFromTheEvent() throws Exception {
        List<String> events = listen(keys.completed());
        start(job -> null, options().build());
        String id = add("{}");
        Await.until(WAIT, "job completed", () -> completed(id));
        assertEquals("null", jedis.hget(keys.job(id), "returnvalue"));
        Await.until(WAIT, "event", () -> events.contains(keys.completed() + "|{\"jobId\":\"" + id + "\"}"));
    }

    @Test
    void concurrencyIsParallelAndBounded() {
        // given
        AtomicInteger running = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        for (int i = 0; i < 12; i++) {
            add("{}");
        }
        long t0 = System.nanoTime();
        // when
        start(job -> {
            int now = running.incrementAndGet();
            peak.accumulateAndGet(now, Math::max);
            Thread.sleep(300);
            running.decrementAndGet();
            return null;
        }, options().concurrency(4).build());
        // then
        Await.until(WAIT, "12 completed", () -> jedis.zcard(keys.completed()) == 12);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(4, peak.get());
        assertTrue(ms < 12 * 300 * 3 / 4, "12 jobs of 300 ms at concurrency 4 took " + ms + " ms (serially: 3600)");
    }

    @Test
    void namesOneBlockingConnectionAsBullDoesThenTagsItAsBullpens() {
        start(job -> null, options().concurrency(3).build());
        String name = keys.bullpenWorkerClientName(ProcessHandle.current().pid());
        Await.until(WAIT, "named connection", () -> jedis.clientList().contains("name=" + name + " "));
        long named = jedis.clientList().lines().filter(l -> l.contains(" name=" + name + " ")).count();
        assertEquals(1, named);
        // Bull's getWorkers() keeps the names that start with P:base64(Q)
        assertEquals("bull:" + java.util.Base64.getEncoder().encodeToString(queueName.getBytes()) + ":bullpen:"
                + ProcessHandle.current().pid(), name);
        assertTrue(name.startsWith(keys.workerClientName()));
    }

    @Test
    void renewsTheLockOfAJobLongerThanTheLockDuration() {
        // given: a 600 ms lock and a 2 s job, and a second worker running the stalled checker often
        CountDownLatch release = new CountDownLatch(1);
        start(job -> {
            release.await(10, TimeUnit.SECONDS);
            return "done";
        }, options().lockDuration(Duration.ofMillis(600)).stalledInterval(Duration.ofMillis(200)).build());
        String id = add("{}");
        Await.until(WAIT, "job active", () -> jedis.exists(keys.lock(id)));
        // when: three lock durations pass
        long until = System.currentTimeMillis() + 2_000;
        while (System.currentTimeMillis() < until) {
            assertTrue(jedis.exists(keys.lock(id)), "lock vanished while the job ran");
            assertEquals(List.of(id), jedis.lrange(keys.active(), 0, -1));
            sleep(50);
        }
        release.countDown();
        // then
        Await.until(WAIT, "job completed", () -> completed(id));
        assertEquals("\"done\"", jedis.hget(keys.job(id), "returnvalue"));
        assertNull(jedis.hget(keys.job(id), "stalledCounter"));
    }

    @Test
    void retriesWithFixedBackoffThroughDelayedPromotedByTheTimer() {
        // given
        SettableClock clock = new SettableClock(1_800_000_000_000L);
        AtomicInteger calls = new AtomicInteger();
        Worker w = start(job -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("boom " + calls.get());
            }
            return "ok";
        }, options().clock(clock).build());
        String id = add("{}", JobOptions.defaults().attempts(3).backoff(Backoff.fixed(60_000)));
        // when: first failure
        Await.until(WAIT, "job delayed", () -> jedis.zscore(keys.delayed(), id) != null);
        // then
        assertEquals((1_800_000_000_000L + 60_000) * 4096 + Long.parseLong(id) % 4096,
                jedis.zscore(keys.delayed(), id).longValue());
        Map<String, String> hash = jedis.hgetAll(keys.job(id));
        assertEquals("1", hash.get("attemptsMade"));
        assertEquals("boom 1", hash.get("failedReason"));
        assertTrue(hash.get("stacktrace").startsWith("[\"IllegalStateException: boom 1\\n    at "), hash.get("stacktrace"));
        assertFalse(jedis.exists(keys.lock(id)));
        // not due yet; at exactly the due ms Bull's bound (now * 4096) is still below the score's low bits
        clock.advance(60_000);
        w.promoteDueJobs();
        assertTrue(jedis.zscore(keys.delayed(), id) != null);
        // due
        clock.advance(1);
        w.promoteDueJobs();
        Await.until(WAIT, "second attempt delayed", () -> "2".equals(jedis.hget(keys.job(id), "attemptsMade"))
                && jedis.zscore(keys.delayed(), id) != null);
        assertEquals("0", jedis.hget(keys.job(id), "delay"));
        clock.advance(60_001);
        w.promoteDueJobs();
        Await.until(WAIT, "job completed", () -> completed(id));
        assertEquals(3, calls.get());
        assertEquals("2", jedis.hget(keys.job(id), "attemptsMade"));
        assertEquals("\"ok\"", jedis.hget(keys.job(id), "returnvalue"));
    }

    @Test
    void exponentialBackoffDelaysGrowAndTheTimerPromotesOnItsOwn() {
        // given: real time, exponential 200 ms -> 200 ms then 600 ms
        List<Long> attemptsAt = new CopyOnWriteArrayList<>();
        start(job -> {
            attemptsAt.add(System.currentTimeMillis());
            if (job.attemptsMade() < 2) {
                throw new RuntimeException("try " + job.attemptsMade());
            }
            return null;
        }, options().guardInterval(Duration.ofSeconds(5)).build());
        // when
        String id = add("{}", JobOptions.defaults().attempts(3).backoff(Backoff.exponential(200)));
        // then
        Await.until(WAIT, "job completed", () -> completed(id));
        assertEquals(3, attemptsAt.size());
        long first = attemptsAt.get(1) - attemptsAt.get(0);
        long second = attemptsAt.get(2) - attemptsAt.get(1);
        assertTrue(first >= 200 && first < 2_000, "first backoff " + first);
        assertTrue(second >= 600 && second < 2_500, "second backoff " + second);
        assertEquals("2", jedis.hget(keys.job(id), "attemptsMade"));
        assertEquals("try 1", jedis.hget(keys.job(id), "failedReason"));
    }

    @Test
    void finalFailureRecordsReasonStacktracesAndPublishesFailed() throws Exception {
        List<String> events = listen(keys.failed());
        start(job -> {
            throw new IllegalArgumentException("bad input " + job.attemptsMade());
        }, options().build());
        String id = add("{}", JobOptions.defaults().attempts(3).stackTraceLimit(2));
        Await.until(WAIT, "job failed", () -> failed(id));
        Map<String, String> hash = jedis.hgetAll(keys.job(id));
        assertEquals("bad input 2", hash.get("failedReason"));
        assertEquals("3", hash.get("attemptsMade"));
        var traces = dev.bullpen.queue.Json.MAPPER.readTree(hash.get("stacktrace"));
        assertEquals(2, traces.size());
        assertTrue(traces.get(0).asText().startsWith("IllegalArgumentException: bad input 1"));
        assertTrue(traces.get(1).asText().startsWith("IllegalArgumentException: bad input 2"));
        assertEquals(hash.get("finishedOn"), String.valueOf(jedis.zscore(keys.failed(), id).longValue()));
        Await.until(WAIT, "failed event", () -> events.contains(
                keys.failed() + "|{\"jobId\":\"" + id + "\",\"val\":\"bad input 2\"}"));
    }

    @Test
    void discardedJobIsNotRetried() {
        start(job -> {
            job.discard();
            throw new IllegalStateException("hopeless");
        }, options().build());
        String id = add("{}", JobOptions.defaults().attempts(5).backoff(Backoff.fixed(10)));
        Await.until(WAIT, "job failed", () -> failed(id));
        assertEquals("1", jedis.hget(keys.job(id), "attemptsMade"));
        assertEquals("hopeless", jedis.hget(keys.job(id), "failedReason"));
    }

    @Test
    void timeoutFailsTheAttemptWithBullsMessage() {
        start(job -> {
            Thread.sleep(5_000);
            return null;
        }, options().build());
        String id = add("{}", JobOptions.defaults().timeout(200));
        Await.until(WAIT, "job failed", () -> failed(id));
        assertEquals("Promise timed out after 200 milliseconds", jedis.hget(keys.job(id), "failedReason"));
    }

    @Test
    void removeOnCompleteAndRemoveOnFailTrimAsBull() {
        start(job -> {
            if (job.data().has("fail")) {
                throw new RuntimeException("no");
            }
            return null;
        }, options().build());
        String gone = add("{}", JobOptions.defaults().removeOnComplete(KeepJobs.removeImmediately()));
        Await.until(WAIT, "removed", () -> !jedis.exists(keys.job(gone)));
        assertFalse(completed(gone));

        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(add("{}", JobOptions.defaults().removeOnComplete(KeepJobs.keepLast(2))));
        }
        Await.until(WAIT, "4 processed", () -> ids.stream().allMatch(id -> jedis.hget(keys.job(id), "finishedOn") != null
                || !jedis.exists(keys.job(id))));
        Await.until(WAIT, "trimmed to 2", () -> jedis.zcard(keys.completed()) == 2);
        assertEquals(ids.subList(2, 4), jedis.zrange(keys.completed(), 0, -1));
        assertFalse(jedis.exists(keys.job(ids.get(0))));

        String f1 = add("{\"fail\":1}");
        Await.until(WAIT, "f1 failed", () -> failed(f1));
        String f2 = add("{\"fail\":1}", JobOptions.defaults().removeOnFail(KeepJobs.keep(1, null)));
        Await.until(WAIT, "f2 failed", () -> failed(f2));
        assertEquals(List.of(f2), jedis.zrange(keys.failed(), 0, -1));
        assertFalse(jedis.exists(keys.job(f1)));
    }

    @Test
    void stalledJobGoesBackToWaitOnTheSecondCheckAndFailsAfterMaxStalledCount() throws Exception {
        // given: a job active without a lock, as a dead worker leaves it (the worker is not started)
        List<String> events = listen("bull:" + queueName + ":*");
        Worker w = new Worker(connection, queueName, job -> null, options().maxStalledCount(1).build());
        workers.add(w);
        String id = add("{}", JobOptions.defaults().removeOnFail(KeepJobs.keepAll()));
        jedis.rpoplpush(keys.waitList(), keys.active());
        // when / then: first check only marks it
        assertEquals(List.of(), w.checkStalledJobs().requeued());
        assertTrue(jedis.sismember(keys.stalled(), id));
        // the throttle: a second check within stalledInterval does nothing
        assertEquals(new Worker.StalledCheckResult(List.of(), List.of()), w.checkStalledJobs());
        jedis.del(keys.stalledCheck());
        assertEquals(List.of(id), w.checkStalledJobs().requeued());
        assertEquals(List.of(id), jedis.lrange(keys.waitList(), 0, -1));
        assertEquals("1", jedis.hget(keys.job(id), "stalledCounter"));
        Await.until(WAIT, "stalled event", () -> events.contains("bull:" + queueName + ":stalled@|" + id));
        // stalls again
        jedis.rpoplpush(keys.waitList(), keys.active());
        jedis.del(keys.stalledCheck());
        w.checkStalledJobs();
        jedis.del(keys.stalledCheck());
        assertEquals(List.of(id), w.checkStalledJobs().failed());
        assertTrue(failed(id));
        assertEquals("job stalled more than allowable limit", jedis.hget(keys.job(id), "failedReason"));
        Await.until(WAIT, "stall-fail event", () -> events.contains(
                keys.failed() + "|{\"jobId\":\"" + id + "\", \"val\": \"job stalled more than maxStalledCount\"}"));
    }

    @Test
    void runningWorkerRecoversAJobWhoseLockExpired() {
        // given: a job taken by a "dead" worker: active, lock already expired
        String id = add("{}");
        jedis.rpoplpush(keys.waitList(), keys.active());
        jedis.psetex(keys.lock(id), 200, "dead-worker-token");
        List<String> seen = new CopyOnWriteArrayList<>();
        // when
        start(job -> {
            seen.add(job.id());
            return null;
        }, options().stalledInterval(Duration.ofMillis(300)).build());
        // then
        Await.until(WAIT, "recovered and completed", () -> completed(id));
        assertEquals(List.of(id), seen);
        assertEquals("1", jedis.hget(keys.job(id), "stalledCounter"));
    }

    @Test
    void finishIsRefusedWhenTheLockWasTakenByAnother() {
        // given
        List<String> refused = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(job -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "mine";
        }, options().listener(new WorkerListener() {
            @Override
            public void refused(String jobId, String why) {
                refused.add(why);
            }
        }).build());
        String id = add("{}");
        Await.until(WAIT, "started", () -> started.getCount() == 0);
        // when: another worker holds the lock now
        jedis.set(keys.lock(id), "other-token");
        release.countDown();
        // then
        Await.until(WAIT, "refused", () -> !refused.isEmpty());
        assertEquals("Lock mismatch for job " + id + ". Cmd moveToFinished from active", refused.get(0));
        assertFalse(completed(id));
        assertNull(jedis.hget(keys.job(id), "returnvalue"));
        assertEquals(List.of(id), jedis.lrange(keys.active(), 0, -1));
        assertEquals("other-token", jedis.get(keys.lock(id)));
    }

    @Test
    void lockThatExpiredWhileRunningIsNotRenewedAndTheFinishIsRefused() {
        // given: renewal every 300 ms
        List<String> refused = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        start(job -> {
            started.countDown();
            release.await(10, TimeUnit.SECONDS);
            return "late";
        }, options().lockDuration(Duration.ofMillis(600)).listener(new WorkerListener() {
            @Override
            public void refused(String jobId, String why) {
                refused.add(why);
            }
        }).build());
        String id = add("{}");
        Await.until(WAIT, "started", () -> started.getCount() == 0);
        // when: the lock disappears (as when it expired during a network drop)
        jedis.del(keys.lock(id));
        sleep(700);
        // then: renewal did not recreate it, and the finish is refused
        assertFalse(jedis.exists(keys.lock(id)));
        release.countDown();
        Await.until(WAIT, "refused", () -> !refused.isEmpty());
        assertEquals("Missing lock for job " + id + " moveToFinished", refused.get(0));
        assertFalse(completed(id));
    }

    @Test
    void pausedQueueIsNotProcessedUntilResumed() {
        // given
        List<String> seen = new CopyOnWriteArrayList<>();
        start(job -> {
            seen.add(job.id());
            return null;
        }, options().build());
        queue.pause();
        // when
        String id = add("{}");
        sleep(1_500);
        // then
        assertEquals(List.of(), seen);
        assertEquals(List.of(id), jedis.lrange(keys.paused(), 0, -1));
        queue.resume();
        Await.until(WAIT, "processed after resume", () -> completed(id));
    }

    @Test
    void gracefulCloseLetsRunningJobsFinishAndTakesNoMore() {
        // given
        CountDownLatch started = new CountDownLatch(1);
        Worker w = start(job -> {
            started.countDown();
            Thread.sleep(700);
            return "finished";
        }, options().concurrency(2).drainDelay(Duration.ofSeconds(5)).build());
        String id = add("{}");
        Await.until(WAIT, "started", () -> started.getCount() == 0);
        // when
        long t0 = System.nanoTime();
        boolean clean = w.close(Duration.ofSeconds(5));
        long ms = (System.nanoTime() - t0) / 1_000_000;
        // then
        assertTrue(clean);
        assertTrue(completed(id));
        assertTrue(ms < 3_000, "close took " + ms + " ms (idle slot blocked in BRPOPLPUSH must be woken)");
        String later = add("{}");
        sleep(500);
        assertEquals(List.of(later), jedis.lrange(keys.waitList(), 0, -1));
    }

    @Test
    void closeLeavesNoThreadsOrConnectionsBehind() {
        // given
        Worker w = start(job -> null, options().concurrency(3).build());
        Await.until(WAIT, "subscribed and blocking", () -> jedis.clientList().contains("cmd=subscribe")
                && jedis.clientList().contains("cmd=brpoplpush"));
        // when
        assertTrue(w.close(Duration.ofSeconds(5)));
        // then
        Await.until(WAIT, "worker threads gone", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.isAlive() && t.getName().startsWith("bullpen-worker-" + queueName + "-")));
        Await.until(WAIT, "dedicated connections closed", () -> jedis.clientList().lines()
                .noneMatch(l -> l.contains("cmd=subscribe") || l.contains("cmd=brpoplpush")
                        || l.contains("name=" + keys.workerClientName())));
    }

    @Test
    void closeAfterTheGraceLeavesTheJobActiveForTheStalledChecker() {
        CountDownLatch started = new CountDownLatch(1);
        Worker w = start(job -> {
            started.countDown();
            Thread.sleep(10_000);
            return null;
        }, options().build());
        String id = add("{}");
        Await.until(WAIT, "started", () -> started.getCount() == 0);
        assertFalse(w.close(Duration.ofMillis(300)));
        assertFalse(completed(id));
        assertFalse(failed(id));
        assertEquals(List.of(id), jedis.lrange(keys.active(), 0, -1));
    }

    @Test
    void rateLimiterSpacesJobsAsBull() {
        List<Long> at = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 3; i++) {
            add("{}");
        }
        start(job -> {
            at.add(System.currentTimeMillis());
            return null;
        }, options().limiter(1, Duration.ofMillis(500)).build());
        Await.until(WAIT, "3 completed", () -> jedis.zcard(keys.completed()) == 3);
        assertTrue(at.get(1) - at.get(0) >= 400, "gap " + (at.get(1) - at.get(0)));
        assertTrue(at.get(2) - at.get(1) >= 400, "gap " + (at.get(2) - at.get(1)));
        assertEquals(0, jedis.scard(keys.limiter() + ":limited"));
    }

    @Test
    void groupedRateLimiterLimitsEachGroupApart() {
        // given: ids "<id>:<group>" as Bull's producer writes them for a groupKey limiter
        Map<String, Long> at = new java.util.concurrent.ConcurrentHashMap<>();
        add("{}", JobOptions.defaults().jobId("1:a"));
        add("{}", JobOptions.defaults().jobId("2:a"));
        add("{}", JobOptions.defaults().jobId("3:b"));
        long t0 = System.currentTimeMillis();
        // when
        start(job -> {
            at.put(job.id(), System.currentTimeMillis() - t0);
            return null;
        }, options().limiter(new WorkerOptions.Limiter(1, Duration.ofMillis(1_000), false, true)).build());
        // then
        Await.until(WAIT, "3 completed", () -> jedis.zcard(keys.completed()) == 3);
        // group b is not held back by group a's limit; group a waits for its window
        assertTrue(at.get("3:b") < at.get("2:a"), at.toString());
        assertTrue(at.get("2:a") - at.get("1:a") >= 800, at.toString());
    }

    @Test
    void metricsAreKeptPerMinuteAsBullWhenAsked() {
        // given: a clock we move across minutes
        SettableClock clock = new SettableClock(1_800_000_000_000L - 1_800_000_000_000L % 60_000 + 1_000);
        List<String> done = new CopyOnWriteArrayList<>();
        start(job -> null, options().clock(clock).metricsMaxDataPoints(3).listener(new WorkerListener() {
            @Override
            public void completed(String jobId, Object result) {
                done.add(jobId);
            }
        }).build());
        // when: 2 jobs in minute 0, 1 in minute 1, 1 in minute 4
        for (int[] step : new int[][] {{0, 2}, {60_000, 1}, {180_000, 1}}) {
            clock.advance(step[0]);
            for (int i = 0; i < step[1]; i++) {
                int before = done.size();
                add("{}");
                Await.until(WAIT, "job done", () -> done.size() == before + 1);
            }
        }
        // then: the running count, and per-minute deltas newest first (2 in minute 0, 1 by minute 4 with
        // zeros for the idle minutes), trimmed to 3 points
        Map<String, String> meta = jedis.hgetAll(keys.key("metrics:completed"));
        assertEquals("4", meta.get("count"));
        assertEquals(String.valueOf(clock.millis()), meta.get("prevTS"));
        assertEquals("3", meta.get("prevCount"));
        assertEquals(List.of("0", "0", "1"), jedis.lrange(keys.key("metrics:completed") + ":data", 0, -1));
    }

    @Test
    void progressAndLogAreStoredAndPublished() throws Exception {
        List<String> events = listen(keys.key("progress"));
        start(job -> {
            job.progress(42);
            job.progress(Map.of("step", 2));
            job.log("first");
            job.log("second");
            return null;
        }, options().build());
        String id = add("{}");
        Await.until(WAIT, "completed", () -> completed(id));
        assertEquals("{\"step\":2}", jedis.hget(keys.job(id), "progress"));
        assertEquals(List.of("first", "second"), jedis.lrange(keys.logs(id), 0, -1));
        Await.until(WAIT, "progress events", () -> events.equals(List.of(
                keys.key("progress") + "|{\"jobId\":\"" + id + "\",\"progress\":42}",
                keys.key("progress") + "|{\"jobId\":\"" + id + "\",\"progress\":{\"step\":2}}")));
    }

    @Test
    void redisErrorReplyFailsTheJobInsteadOfRetrying() {
        // given: the completed set is not a sorted set, so completing is answered with an error
        jedis.set(keys.completed(), "not a zset");
        AtomicInteger calls = new AtomicInteger();
        start(job -> {
            calls.incrementAndGet();
            return "ok";
        }, options().build());
        // when
        String id = add("{}", JobOptions.defaults().attempts(1));
        // then
        Await.until(WAIT, "job failed", () -> failed(id));
        assertTrue(jedis.hget(keys.job(id), "failedReason").contains("WRONGTYPE"), jedis.hget(keys.job(id), "failedReason"));
        assertEquals(1, calls.get());
        assertEquals(0, jedis.llen(keys.active()));
    }

    @Test
    void priorityAndLifoOrderIsRespected() {
        List<String> order = new CopyOnWriteArrayList<>();
        String a = add("{}");
        String b = add("{}", JobOptions.defaults().priority(5));
        String c = add("{}", JobOptions.defaults().priority(1));
        String d = add("{}", JobOptions.defaults().lifo(true));
        start(job -> {
            order.add(job.id());
            return null;
        }, options().build());
        Await.until(WAIT, "4 completed", () -> jedis.zcard(keys.completed()) == 4);
        assertEquals(List.of(d, c, b, a), order);
        assertEquals(0, jedis.zcard(keys.priority()));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
