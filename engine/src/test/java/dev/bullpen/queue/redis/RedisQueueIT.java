package dev.bullpen.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueuePage;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** The queue client alone on a real, private Redis: counts, ordering, discovery, batches, foreign data, CLI. */
@ExtendWith(RedisServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RedisQueueIT {
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private RedisServer server;
    private QueueConnection connection;

    @BeforeAll
    void open(RedisServer server) {
        this.server = server;
        this.connection = QueueConnection.open(RedisEndpoint.parse(server.url()), "bull");
    }

    @AfterAll
    void close() {
        connection.close();
    }

    private static String uniqueQueue(String what) {
        return what + "-" + QUEUES.incrementAndGet();
    }

    private Jedis jedis() {
        return new Jedis("127.0.0.1", server.port());
    }

    private static List<String> ids(List<JobSnapshot> jobs) {
        return jobs.stream().map(JobSnapshot::id).toList();
    }

    /** Writes a finished job as a Bull worker leaves it. */
    private static void finished(Jedis j, String queue, String set, String id, long finishedOn) {
        String key = "bull:" + queue + ":" + id;
        j.hset(key, Map.of("name", "w", "data", "{}", "opts", "{\"attempts\":1,\"delay\":0}",
                "timestamp", Long.toString(finishedOn - 10), "delay", "0", "priority", "0",
                "processedOn", Long.toString(finishedOn - 5), "finishedOn", Long.toString(finishedOn)));
        if (set.equals("failed")) {
            j.hset(key, Map.of("failedReason", "boom", "attemptsMade", "1", "stacktrace", "[\"Error: boom\"]"));
        } else {
            j.hset(key, "returnvalue", "{\"ok\":true}");
        }
        j.zadd("bull:" + queue + ":" + set, finishedOn, id);
    }

    private record Cli(int code, String out, String err, long millis) {
        String all() {
            return out + err;
        }
    }

    private static Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        long t0 = System.nanoTime();
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString(), (System.nanoTime() - t0) / 1_000_000);
    }

    // ------------------------------------------------------------------ counts and order

    @Test
    void statusCountsEveryStateAndThePauseFlag() {
        String name = uniqueQueue("counts");
        JobQueue q = connection.queue(name);
        assertFalse(q.exists());
        assertEquals(QueueCounts.empty(), q.status().counts());
        q.add(NewJob.of("{}"));
        q.add(new NewJob("p", "{}", JobOptions.defaults().priority(1)));
        q.add(new NewJob("l", "{}", JobOptions.defaults().lifo(true)));
        q.add(new NewJob("d", "{}", JobOptions.defaults().delay(60_000)));
        q.add(new NewJob("d", "{}", JobOptions.defaults().delay(90_000)));
        try (Jedis j = jedis()) {
            j.hset("bull:" + name + ":a1", Map.of("name", "x", "data", "{}"));
            j.lpush("bull:" + name + ":active", "a1");
            finished(j, name, "completed", "c1", 1000);
            finished(j, name, "completed", "c2", 2000);
            for (int i = 0; i < 4; i++) {
                finished(j, name, "failed", "f" + i, 3000 + i);
            }
        }

        assertTrue(q.exists());
        assertEquals(new QueueStatus(name, false, new QueueCounts(3, 1, 2, 2, 4, 0)), q.status());
        q.pause();
        q.add(NewJob.of("{}"));
        assertEquals(new QueueStatus(name, true, new QueueCounts(0, 1, 2, 2, 4, 4)), q.status());
        QueuePage page = q.page(JobState.PAUSED, 0, 1, false);
        assertEquals(q.status(), page.status());
        assertEquals(2, page.jobs().size());
        q.resume();
        assertEquals(new QueueStatus(name, false, new QueueCounts(4, 1, 2, 2, 4, 0)), q.status());

        // Bull also reads meta.paused alone (BullMQ style) as paused
        try (Jedis j = jedis()) {
            j.hset("bull:" + name + ":meta", "paused", "1");
        }
        assertTrue(q.isPaused());
        assertTrue(q.page(JobState.WAITING, 0, 0, false).status().paused());
    }

    @Test
    void jobsOfEachStateComeInBullsDescendingOrderWithInclusiveAndNegativeRanges() {
        String name = uniqueQueue("order");
        JobQueue q = connection.queue(name);
        for (int i = 1; i <= 5; i++) {
            q.add(NewJob.of("{\"i\":" + i + "}"));
        }
        q.add(new NewJob("lifo", "{}", JobOptions.defaults().lifo(true)));   // 6: at the tail, next to run
        q.add(new NewJob("prio", "{}", JobOptions.defaults().priority(2)));  // 7: after the tail
        q.add(new NewJob("prio", "{}", JobOptions.defaults().priority(1)));  // 8: the very next
        q.add(new NewJob("prio", "{}", JobOptions.defaults().priority(2)));  // 9: equal priority, after 7
        // wait list head..tail: 5 4 3 2 1 6 9 7 8
        List<String> all = List.of("5", "4", "3", "2", "1", "6", "9", "7", "8");
        assertEquals(all, ids(q.jobs(JobState.WAITING, 0, -1)));
        assertEquals(List.of("5", "4"), ids(q.jobs(JobState.WAITING, 0, 1)));
        assertEquals(List.of("7", "8"), ids(q.jobs(JobState.WAITING, -2, -1)));
        assertEquals(List.of("4", "3", "2", "1", "6", "9", "7"), ids(q.jobs(JobState.WAITING, 1, -2)));
        assertEquals(List.of(), ids(q.jobs(JobState.WAITING, 3, 1)));
        assertEquals(List.of(), ids(q.jobs(JobState.WAITING, 20, 30)));
        assertEquals(List.of("5"), ids(q.jobs(JobState.WAITING, -100, 0)));
        assertEquals(List.of("8"), ids(q.jobs(JobState.WAITING, 8, 100)));

        q.add(new NewJob("d", "{}", JobOptions.defaults().delay(30_000)));  // 10
        q.add(new NewJob("d", "{}", JobOptions.defaults().delay(10_000)));  // 11
        q.add(new NewJob("d", "{}", JobOptions.defaults().delay(20_000)));  // 12
        assertEquals(List.of("10", "12", "11"), ids(q.jobs(JobState.DELAYED, 0, -1)), "latest due first");
        assertEquals(List.of("11"), ids(q.jobs(JobState.DELAYED, -1, -1)));

        try (Jedis j = jedis()) {
            finished(j, name, "completed", "a", 100);
            finished(j, name, "completed", "b", 300);
            finished(j, name, "completed", "c", 200);
            finished(j, name, "completed", "d", 500);
            finished(j, name, "completed", "e", 400);
            j.hset("bull:" + name + ":x", "name", "x");
            j.lpush("bull:" + name + ":active", "x", "y");
        }
        assertEquals(List.of("d", "e", "b", "c", "a"), ids(q.jobs(JobState.COMPLETED, 0, -1)), "newest finished first");
        assertEquals(List.of("e", "b"), ids(q.jobs(JobState.COMPLETED, 1, 2)));
        assertEquals(List.of("c", "a"), ids(q.jobs(JobState.COMPLETED, -2, -1)));
        assertEquals(List.of("y", "x"), ids(q.jobs(JobState.ACTIVE, 0, -1)));
        assertTrue(q.jobs(JobState.ACTIVE, 0, -1).get(0).missing(), "an id without hash is listed as missing");
        assertEquals(List.of("e", "b"), ids(q.page(JobState.COMPLETED, 1, 2, false).jobs()));
        assertEquals("{\"ok\":true}", q.page(JobState.COMPLETED, 0, 0, true).jobs().get(0).fields().get("returnvalue"));
        assertFalse(q.page(JobState.COMPLETED, 0, 0, false).jobs().get(0).fields().containsKey("returnvalue"),
                "a page without data leaves payloads out");
    }

    // ------------------------------------------------------------------ discovery

    @Test
    void discoveryFindsOnlyTheQueuesUnderThePrefixIncludingNamesWithColons() {
        String prefix = "disc" + QUEUES.incrementAndGet();
        try (QueueConnection c = QueueConnection.open(RedisEndpoint.parse(server.url()), prefix);
             QueueConnection other = QueueConnection.open(RedisEndpoint.parse(server.url()), prefix + "x");
             QueueConnection glob = QueueConnection.open(RedisEndpoint.parse(server.url()), "g[1]*" + prefix);
             Jedis j = jedis()) {
            c.queue("alpha").add(NewJob.of("{}"));
            c.queue("alpha").add(new NewJob("x", "{}", JobOptions.defaults().jobId("x:wait")));   // hash alpha:x:wait
            c.queue("a:b:c").add(new NewJob("x", "{}", JobOptions.defaults().delay(50_000)));
            c.queue("beta").add(NewJob.of("{}"));
            c.queue("beta").pause();
            other.queue("not-mine").add(NewJob.of("{}"));
            glob.queue("starred").add(NewJob.of("{}"));
            j.set("g1x" + prefix + ":decoy:id", "1");   // matches the prefix as a glob, not as text
            j.hset(prefix + ":ghost:1", "name", "no marker keys");
            j.set(prefix + "-lookalike:q:id", "1");
            // Bull's metrics keys (Queue option metrics.maxDataPoints)
            j.hset(prefix + ":alpha:metrics:completed", Map.of("count", "3", "prevTS", "1", "prevCount", "0"));
            j.hset(prefix + ":alpha:metrics:failed", Map.of("count", "1", "prevTS", "1", "prevCount", "0"));
            j.lpush(prefix + ":alpha:metrics:completed:data", "3");
            // many job keys, so that SCAN needs several rounds
            Pipeline p = j.pipelined();
            for (int i = 0; i < 3000; i++) {
                p.hset(prefix + ":alpha:" + i, "name", "n");
            }
            p.sync();

            assertEquals(List.of("a:b:c", "alpha", "beta"), c.discoverQueues());
            assertEquals(List.of("not-mine"), other.discoverQueues());
            assertEquals(List.of("starred"), glob.discoverQueues());

            Cli status = cli("status", "--json", "--redis", server.url(), "--prefix", prefix);
            assertEquals(0, status.code(), status.err());
            JsonNode queues = Json.parseStrict(status.out(), "status").get("queues");
            assertEquals(3, queues.size());
            assertEquals("a:b:c", queues.get(0).get("name").asText());
            assertEquals(1, queues.get(0).get("counts").get("delayed").asInt());
            assertTrue(queues.get(2).get("paused").asBoolean());
        }
    }

    // ------------------------------------------------------------------ batches

    @Test
    void retryAllFailedMovesOneHundredThousandJobsInBatchesReportingProgress() {
        String name = uniqueQueue("retry-100k");
        int n = 100_000;
        try (Jedis j = jedis()) {
            Pipeline p = j.pipelined();
            for (int i = 1; i <= n; i++) {
                String key = "bull:" + name + ":" + i;
                p.hset(key, Map.of("name", "f", "data", "{\"i\":" + i + "}", "opts", "{\"attempts\":1,\"delay\":0}",
                        "timestamp", "1000", "delay", "0", "priority", "0", "processedOn", "1001",
                        "finishedOn", Integer.toString(2000 + i), "failedReason", "boom", "attemptsMade", "1"));
                p.zadd("bull:" + name + ":failed", 2000 + i, Integer.toString(i));
                if (i % 10_000 == 0) {
                    p.sync();
                }
            }
            p.sync();
        }
        JobQueue q = connection.queue(name);
        assertEquals(n, q.status().counts().failed());

        List<Long> progress = new CopyOnWriteArrayList<>();
        long moved = q.retryAllFailed(7_000, done -> {
            progress.add(done);
            return true;
        });

        assertEquals(n, moved);
        assertEquals(15, progress.size(), progress.toString());
        assertEquals(7_000L, progress.get(0));
        assertEquals((long) n, progress.get(progress.size() - 1));
        QueueCounts counts = q.status().counts();
        assertEquals(0, counts.failed());
        assertEquals(n, counts.waiting());
        assertEquals(List.of("1"), ids(q.jobs(JobState.WAITING, -1, -1)), "the oldest failure runs first");
        Map<String, String> job = q.job("50000").orElseThrow().fields();
        assertFalse(job.containsKey("finishedOn"));
        assertFalse(job.containsKey("failedReason"));
        assertFalse(job.containsKey("processedOn"));
        assertEquals("1", job.get("attemptsMade"));

        // cancelled after the first batch: the rest stays failed
        try (Jedis j = jedis()) {
            for (int i = 1; i <= 2_500; i++) {
                finished(j, name, "failed", "g" + i, 10_000 + i);
            }
        }
        assertEquals(1_000, q.retryAllFailed(1_000, done -> false));
        assertEquals(1_500, q.status().counts().failed());

        // a failed id whose hash is gone is dropped, not pushed to wait (Bull's retryJobs pushes it)
        try (Jedis j = jedis()) {
            j.zadd("bull:" + name + ":failed", 1, "ghost");
        }
        assertEquals(1_001, q.retryAllFailed(1_001, done -> false));
        try (Jedis j = jedis()) {
            assertEquals(null, j.lpos("bull:" + name + ":wait", "ghost"));
            assertEquals(null, j.zscore("bull:" + name + ":failed", "ghost"));
        }
        assertEquals(500, q.status().counts().failed());

        // and through the CLI, with progress on stderr
        Cli cli = cli("--redis", server.url(), "jobs", "retry", "--queue", name, "--all-failed", "--batch", "200");
        assertEquals(0, cli.code(), cli.err());
        assertTrue(cli.out().contains("retried 500 failed jobs"), cli.out());
        assertTrue(cli.err().contains("200 done") && cli.err().contains("400 done") && cli.err().contains("500 done"),
                cli.err());
        assertEquals(0, q.status().counts().failed());
    }

    // ------------------------------------------------------------------ foreign data

    @Test
    void jobsWrittenByOtherClientsAreListedAndShownWhateverTheyHold() {
        String name = uniqueQueue("junk");
        String base = "bull:" + name + ":";
        String big = "{\"blob\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        byte[] badUtf8 = {(byte) 0xff, (byte) 0xfe, 'a', (byte) 0xc3, '(', (byte) 0x80};
        try (Jedis j = jedis()) {
            j.hset(base + "1", Map.of("data", "not json {", "timestamp", "yesterday", "delay", "soon"));
            j.hset(base + "2", Map.of("name", "big", "data", big, "opts", "{broken", "processedOn", "NaN",
                    "finishedOn", "", "attemptsMade", "x", "priority", "-1.5e3"));
            j.hset((base + "3").getBytes(StandardCharsets.UTF_8), "data".getBytes(StandardCharsets.UTF_8), badUtf8);
            j.hset((base + "3").getBytes(StandardCharsets.UTF_8), "name".getBytes(StandardCharsets.UTF_8), badUtf8);
            j.hset((base + "3").getBytes(StandardCharsets.UTF_8), badUtf8, badUtf8);
            j.hset(base + "5", Map.of("stacktrace", "not an array", "returnvalue", "undefined", "progress", "{",
                    "opts", "[1,2]", "timestamp", "1e3"));
            j.set(base + "6", "a string where a job hash should be");
            j.lpush(base + "wait", "6", "1", "2", "3", "4", "5");
            j.zadd(base + "failed", 1, "5");
            j.zadd(base + "failed", 2, "4");
        }
        JobQueue q = connection.queue(name);

        List<JobSnapshot> jobs = q.jobs(JobState.WAITING, 0, -1);
        assertEquals(List.of("5", "4", "3", "2", "1", "6"), ids(jobs));
        assertTrue(jobs.get(5).missing(), "a non-hash key reads as a missing job");
        assertTrue(jobs.get(1).missing());
        assertEquals(big, jobs.get(3).data().orElseThrow());
        assertTrue(jobs.get(4).timestamp().isEmpty());
        assertTrue(jobs.get(3).processedOn().isEmpty());
        assertEquals(1000L, jobs.get(0).timestamp().orElseThrow());
        assertTrue(jobs.get(2).data().orElseThrow().contains("\uFFFD"), "invalid bytes become replacement chars");
        assertEquals(6, q.page(JobState.WAITING, 0, -1, true).jobs().size());
        assertEquals(6, q.page(JobState.WAITING, 0, -1, false).jobs().size());
        assertEquals(List.of("4", "5"), ids(q.jobs(JobState.FAILED, 0, -1)));
        for (String id : List.of("1", "2", "3", "5")) {
            JobDetail d = q.detail(id).orElseThrow();
            assertEquals(id.equals("5") ? "failed" : "waiting", d.state(), id);
        }
        assertTrue(q.detail("4").isEmpty());

        for (String state : List.of("waiting", "failed")) {
            Cli listed = cli("--redis", server.url(), "jobs", "list", "--queue", name, "--state", state, "--json",
                    "--end", "-1");
            assertEquals(0, listed.code(), listed.err());
            JsonNode arr = Json.parseStrict(listed.out(), "list").get("jobs");
            assertEquals(state.equals("waiting") ? 6 : 2, arr.size());
            Cli table = cli("--redis", server.url(), "jobs", "list", "--queue", name, "--state", state);
            assertEquals(0, table.code(), table.err());
        }
        Cli shown = cli("--redis", server.url(), "jobs", "show", "2", "--queue", name, "--json");
        assertEquals(0, shown.code(), shown.err());
        JsonNode two = Json.parseStrict(shown.out(), "show");
        assertEquals(2 * 1024 * 1024, two.get("data").get("blob").asText().length());
        assertEquals("{broken", two.get("opts").asText());
        assertEquals("x", two.get("attemptsMade").asText());
        for (String id : List.of("1", "3", "5")) {
            Cli one = cli("--redis", server.url(), "jobs", "show", id, "--queue", name, "--json");
            assertEquals(0, one.code(), one.err());
            assertNotNull(Json.parseStrict(one.out(), "show").get("id"));
            Cli text = cli("--redis", server.url(), "jobs", "show", id, "--queue", name);
            assertEquals(0, text.code(), text.err());
        }
        assertEquals("not json {", Json.parseStrict(
                cli("--redis", server.url(), "jobs", "show", "1", "--queue", name, "--json").out(), "show")
                .get("data").asText());
    }

    // ------------------------------------------------------------------ CLI exit codes

    @Test
    void invalidJsonInDataOrOptsExitsWithTwoNamingLineAndColumn() {
        String name = uniqueQueue("bad-input");
        Cli data = cli("--redis", server.url(), "jobs", "add", "--queue", name, "--data", "{\"a\": 1,\n  \"b\": }");
        assertEquals(2, data.code(), data.all());
        assertTrue(data.err().contains("--data") && data.err().contains("line 2, column"), data.err());
        Cli opts = cli("--redis", server.url(), "jobs", "add", "--queue", name, "--data", "{}", "--opts",
                "{\"delay\": 10 x}");
        assertEquals(2, opts.code(), opts.all());
        assertTrue(opts.err().contains("--opts") && opts.err().contains("line 1, column"), opts.err());
        Cli wrongType = cli("--redis", server.url(), "jobs", "add", "--queue", name, "--data", "{}", "--opts",
                "{\"delay\": \"soon\"}");
        assertEquals(2, wrongType.code(), wrongType.all());
        for (String unsupported : List.of("{\"repeat\": {\"every\": 1000}}", "{\"debounce\": {\"id\": \"x\"}}")) {
            Cli refused = cli("--redis", server.url(), "jobs", "add", "--queue", name, "--data", "{}", "--opts",
                    unsupported);
            assertEquals(2, refused.code(), refused.all());
            assertTrue(refused.err().contains("not supported"), refused.err());
        }
        assertFalse(connection.queue(name).exists(), "nothing was written");
    }

    @Test
    void unreachableRedisExitsWithThreeWithinThreeSecondsWhateverTheCause() throws Exception {
        // a closed port
        Cli closed = cli("--redis", "redis://127.0.0.1:" + RedisServer.freePort(), "status");
        assertEquals(3, closed.code(), closed.all());
        assertTrue(closed.millis() < 3_000, closed.millis() + " ms");

        // a port that accepts connections and never answers
        List<Socket> held = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (!silent.isClosed()) {
                        held.add(silent.accept());
                    }
                } catch (IOException closedNow) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Cli mute = cli("--redis", "redis://127.0.0.1:" + silent.getLocalPort(), "jobs", "list", "--queue", "q",
                    "--state", "waiting");
            assertEquals(3, mute.code(), mute.all());
            assertTrue(mute.millis() < 3_000, mute.millis() + " ms");
            assertFalse(held.isEmpty(), "the client did connect");
        } finally {
            for (Socket s : held) {
                s.close();
            }
        }

        // a wrong password, and none, on a requirepass server; the password is never printed
        try (RedisServer locked = RedisServer.start("--requirepass", "right-Pa55word")) {
            String wrong = "wr0ng-S3cret-Pw";
            Cli refused = cli("--redis", "redis://:" + wrong + "@127.0.0.1:" + locked.port(), "status");
            assertEquals(3, refused.code(), refused.all());
            assertTrue(refused.millis() < 3_000, refused.millis() + " ms");
            assertFalse(refused.all().contains(wrong), refused.all());
            assertTrue(refused.err().contains("refused the login"), refused.err());
            Cli verbose = cli("--redis", "redis://:" + wrong + "@127.0.0.1:" + locked.port(), "status", "--verbose");
            assertEquals(3, verbose.code());
            assertFalse(verbose.all().contains(wrong), verbose.all());
            Cli none = cli("--redis", "redis://127.0.0.1:" + locked.port(), "status");
            assertEquals(3, none.code(), none.all());
            Cli right = cli("--redis", "redis://:right-Pa55word@127.0.0.1:" + locked.port(), "status", "--json");
            assertEquals(0, right.code(), right.all());
            assertFalse(right.all().contains("right-Pa55word"));
        }
    }

    @Test
    void unknownQueueOrJobExitsWithFour() {
        String name = uniqueQueue("known");
        connection.queue(name).add(NewJob.of("{}"));
        String url = server.url();
        for (String[] args : List.of(
                new String[] {"--redis", url, "jobs", "list", "--queue", "nope", "--state", "waiting"},
                new String[] {"--redis", url, "jobs", "show", "999", "--queue", name},
                new String[] {"--redis", url, "jobs", "show", "1", "--queue", "nope"},
                new String[] {"--redis", url, "status", "--queue", "nope"},
                new String[] {"--redis", url, "queue", "pause", "--queue", "nope"},
                new String[] {"--redis", url, "jobs", "retry", "999", "--queue", name},
                new String[] {"--redis", url, "jobs", "retry", "--all-failed", "--queue", "nope"})) {
            Cli c = cli(args);
            assertEquals(4, c.code(), String.join(" ", args) + ": " + c.all());
        }
        assertFalse(connection.queue("nope").exists());
    }

    @Test
    void globalOptionsAreAcceptedBeforeAndAfterTheCommand() {
        String prefix = "glob" + QUEUES.incrementAndGet();
        try (QueueConnection c = QueueConnection.open(RedisEndpoint.parse(server.url()), prefix)) {
            c.queue("q1").add(NewJob.of("{\"v\":1}"));
        }
        String url = server.url();
        Cli before = cli("--redis", url, "--prefix", prefix, "status", "--json");
        Cli after = cli("status", "--json", "--redis", url, "--prefix", prefix);
        Cli mixed = cli("--prefix", prefix, "status", "--redis", url, "--json");
        assertEquals(0, before.code(), before.all());
        assertEquals(before.out(), after.out());
        assertEquals(before.out(), mixed.out());
        assertTrue(before.out().contains("\"q1\""), before.out());

        Cli listBefore = cli("--redis", url, "--prefix", prefix, "jobs", "list", "--queue", "q1", "--state", "waiting",
                "--json");
        Cli listAfter = cli("jobs", "list", "--queue", "q1", "--state", "waiting", "--json", "--prefix", prefix,
                "--redis", url);
        assertEquals(0, listBefore.code(), listBefore.all());
        assertEquals(listBefore.out(), listAfter.out());
        assertEquals(1, Json.parseStrict(listBefore.out(), "list").get("jobs").size());

        Cli defaultPrefix = cli("jobs", "list", "--queue", "q1", "--state", "waiting", "--redis", url);
        assertEquals(4, defaultPrefix.code(), "without --prefix the queue is looked up under bull");
        Cli pause = cli("queue", "pause", "--queue", "q1", "--redis", url, "--prefix", prefix);
        assertEquals(0, pause.code(), pause.all());
        try (QueueConnection c = QueueConnection.open(RedisEndpoint.parse(url), prefix)) {
            assertTrue(c.queue("q1").isPaused(), "paused under the prefix given after the command");
        }
    }
}
