package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.queue.redis.BullKeys;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.RedisServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import picocli.CommandLine;

/** Worker processes killed, signalled and cut off from Redis; each test has its own redis-server. */
class WorkerFaultIT {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private RedisServer server;
    private RedisQueueConnection connection;
    private Jedis jedis;
    private final List<Process> children = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    @BeforeEach
    void setUp() {
        server = RedisServer.start();
        connection = RedisQueueConnection.open(RedisEndpoint.parse(server.url()), "bull");
        jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()));
    }

    @AfterEach
    void tearDown() {
        workers.forEach(w -> w.close(Duration.ofSeconds(2)));
        children.forEach(Process::destroyForcibly);
        jedis.close();
        connection.close();
        server.close();
    }

    private Process benchWorker(Path log, String... args) throws IOException {
        Process p = ChildWorker.start(server.url(), log, args);
        children.add(p);
        return p;
    }

    @Test
    void jobOfAWorkerKilledWithSigkillIsRecoveredByTheStalledChecker() throws Exception {
        // given: a child JVM worker holding a job (lock 1 s)
        BullKeys keys = new BullKeys("bull", "killed");
        JobQueue queue = connection.queue("killed");
        Path log = Files.createTempFile("bench-worker", ".log");
        Process child = benchWorker(log, "--queue", "killed", "--processor", "sleep:60000",
                "--lock-duration-ms", "1000", "--stalled-interval-ms", "500");
        String id = queue.add(NewJob.of("{}"));
        Await.until(WAIT, "child took the job", () -> jedis.exists(keys.lock(id)));
        // when
        child.destroyForcibly();
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        assertEquals(List.of(id), jedis.lrange(keys.active(), 0, -1));
        List<String> seen = new ArrayList<>();
        Worker w = new Worker(connection, "killed", job -> {
            seen.add(job.id());
            return "recovered";
        }, WorkerOptions.builder().drainDelay(Duration.ofSeconds(1)).stalledInterval(Duration.ofMillis(300)).build());
        workers.add(w);
        w.start();
        // then
        Await.until(WAIT, "recovered job completed", () -> jedis.zscore(keys.completed(), id) != null);
        assertEquals(List.of(id), seen);
        assertEquals("1", jedis.hget(keys.job(id), "stalledCounter"));
        assertEquals("\"recovered\"", jedis.hget(keys.job(id), "returnvalue"));
    }

    @Test
    void sigtermLetsTheRunningJobFinishAndExitsZero() throws Exception {
        BullKeys keys = new BullKeys("bull", "term");
        JobQueue queue = connection.queue("term");
        Path log = Files.createTempFile("bench-worker", ".log");
        Process child = benchWorker(log, "--queue", "term", "--processor", "sleep:1500", "--concurrency", "2");
        String id = queue.add(NewJob.of("{}"));
        Await.until(WAIT, "child took the job", () -> jedis.exists(keys.lock(id)));
        // when
        child.destroy(); // SIGTERM
        // then
        assertTrue(child.waitFor(15, TimeUnit.SECONDS));
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("finished 1 jobs (0 failed)"), out);
        assertTrue(out.contains("jobs/s"), out);
        assertTrue(jedis.zscore(keys.completed(), id) != null);
    }

    @Test
    void benchWorkerStopsAfterNJobsAndHonoursTheFailFlag() {
        // given
        BullKeys keys = new BullKeys("bull", "flags");
        JobQueue queue = connection.queue("flags");
        String ok = queue.add(NewJob.of("{}"));
        String alwaysFails = queue.add(NewJob.of("{\"fail\":\"told to fail\"}"));
        String failsOnce = queue.add(new NewJob(null, "{\"fail\":\"first try\",\"failAttempts\":1}",
                JobOptions.defaults().attempts(2)));
        StringWriter out = new StringWriter();
        CommandLine cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(out));
        // when
        int code = cl.execute("--redis", server.url(), "bench", "worker", "--queue", "flags", "--concurrency", "2",
                "--processor", "noop", "--jobs", "3");
        // then
        assertEquals(0, code, out.toString());
        assertTrue(out.toString().contains("finished 3 jobs (1 failed)"), out.toString());
        assertTrue(jedis.zscore(keys.completed(), ok) != null);
        assertEquals("told to fail", jedis.hget(keys.job(alwaysFails), "failedReason"));
        assertTrue(jedis.zscore(keys.failed(), alwaysFails) != null);
        assertTrue(jedis.zscore(keys.completed(), failsOnce) != null);
        assertEquals("1", jedis.hget(keys.job(failsOnce), "attemptsMade"));
        assertEquals("first try", jedis.hget(keys.job(failsOnce), "failedReason"));
    }

    @Test
    void workerReconnectsAfterRedisRestartsAndProcessesNewJobs() {
        // given
        BullKeys keys = new BullKeys("bull", "restart");
        JobQueue queue = connection.queue("restart");
        Worker w = new Worker(connection, "restart", job -> "ok",
                WorkerOptions.builder().concurrency(2).drainDelay(Duration.ofSeconds(1)).build());
        workers.add(w);
        w.start();
        String before = queue.add(NewJob.of("{}"));
        Await.until(WAIT, "first job completed", () -> jedis.zscore(keys.completed(), before) != null);
        // when
        server.restart();
        jedis.close();
        jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()));
        String after = addRetrying(queue);
        // then
        try {
            Await.until(WAIT, "job added after the restart completed",
                    () -> jedis.zscore(keys.completed(), after) != null);
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; keys " + jedis.keys("*") + ", wait "
                    + jedis.lrange(keys.waitList(), 0, -1) + ", active " + jedis.lrange(keys.active(), 0, -1)
                    + ", clients " + jedis.clientList() + ", threads " + workerThreads(), e);
        }
        Await.until(WAIT, "worker connection named again", () -> jedis.clientList().contains(
                "name=" + keys.bullpenWorkerClientName(ProcessHandle.current().pid()) + " "));
    }

    @Test
    void workerStartedWhileRedisIsDownStartsWorkingWhenItComesBack() {
        // given: Redis goes away before the worker starts
        BullKeys keys = new BullKeys("bull", "late");
        server.kill();
        Worker w = new Worker(connection, "late", job -> "late but done",
                WorkerOptions.builder().concurrency(2).drainDelay(Duration.ofSeconds(1)).build());
        workers.add(w);
        w.start();
        sleep(1_000);
        // when
        server.restart();
        jedis.close();
        jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()));
        String id = addRetrying(connection.queue("late"));
        // then
        Await.until(WAIT, "job completed", () -> jedis.zscore(keys.completed(), id) != null);
        assertEquals("\"late but done\"", jedis.hget(keys.job(id), "returnvalue"));
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void jobRunningWhileAPersistentRedisRestartsKeepsItsOutcome() throws Exception {
        // given: a Redis that keeps its data across a crash, and a job in the middle of processing
        try (RedisServer persistent = RedisServer.start("--appendonly", "yes", "--appendfsync", "always");
                RedisQueueConnection c = RedisQueueConnection.open(RedisEndpoint.parse(persistent.url()), "bull")) {
            BullKeys keys = new BullKeys("bull", "durable");
            java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(1);
            Worker w = new Worker(c, "durable", job -> {
                started.countDown();
                Thread.sleep(1_500);
                return "survived";
            }, WorkerOptions.builder().drainDelay(Duration.ofSeconds(1)).build());
            workers.add(w);
            w.start();
            String id = c.queue("durable").add(NewJob.of("{}"));
            assertTrue(started.await(10, TimeUnit.SECONDS));
            // when: Redis crashes and comes back while the processor runs
            persistent.restart();
            // then: the finish reaches the restarted Redis
            try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", persistent.port()))) {
                Await.until(WAIT, "job completed after the restart", () -> j.zscore(keys.completed(), id) != null);
                assertEquals("\"survived\"", j.hget(keys.job(id), "returnvalue"));
                assertEquals(0, j.llen(keys.active()));
            }
            w.close(Duration.ofSeconds(2));
        }
    }

    private static String workerThreads() {
        StringBuilder sb = new StringBuilder();
        Thread.getAllStackTraces().forEach((t, frames) -> {
            if (t.getName().startsWith("bullpen-worker")) {
                sb.append("\n").append(t.getName()).append(" ").append(t.getState());
                for (int i = 0; i < Math.min(12, frames.length); i++) {
                    sb.append("\n    at ").append(frames[i]);
                }
            }
        });
        return sb.toString();
    }

    private static String addRetrying(JobQueue queue) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                return queue.add(NewJob.of("{}"));
            } catch (RedisUnavailableException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

}
