package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.queue.Backoff;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.KeepJobs;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.BullKeys;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.interop.BullNode;
import dev.bullpen.testing.SettableClock;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** Bullpen's worker next to real Node {@code bull} 4.16.5 ({@code interop/worker-interop.js}). */
@ExtendWith(RedisServerExtension.class)
class WorkerInteropIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static Path interop;

    private String url;
    private RedisQueueConnection connection;
    private Jedis jedis;
    private String queueName;
    private JobQueue queue;
    private BullKeys keys;
    private final List<Worker> workers = new ArrayList<>();
    private final List<Process> nodes = new ArrayList<>();

    @BeforeAll
    static void findNode() {
        Path root = Path.of(System.getProperty("bullpen.projectRoot", "..")).toAbsolutePath().normalize();
        interop = root.resolve("interop");
        if (!Files.isDirectory(interop.resolve("node_modules/bull"))) {
            fail("Node bull is not installed: run 'cd " + interop + " && npm ci' (needs node >= 18 on PATH)");
        }
    }

    @BeforeEach
    void setUp(RedisServer server, TestInfo info) {
        url = server.url();
        connection = RedisQueueConnection.open(RedisEndpoint.parse(url), "bull");
        jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()));
        queueName = info.getTestMethod().orElseThrow().getName();
        queue = connection.queue(queueName);
        keys = new BullKeys("bull", queueName);
    }

    @AfterEach
    void tearDown() {
        workers.forEach(w -> w.close(Duration.ofSeconds(2)));
        nodes.forEach(Process::destroyForcibly);
        jedis.close();
        connection.close();
    }

    private record NodeRun(Process process, Path out) {
        String output() {
            try {
                return Files.readString(out, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        List<JsonNode> jsonLines() {
            List<JsonNode> out = new ArrayList<>();
            output().lines().filter(l -> l.startsWith("{") || l.startsWith("["))
                    .forEach(l -> out.add(Json.parseLenient(l).orElseThrow()));
            return out;
        }

        String finish(Duration max) throws InterruptedException {
            if (!process.waitFor(max.toMillis(), TimeUnit.MILLISECONDS)) {
                fail("node did not finish in " + max.toMillis() + " ms: " + output());
            }
            assertEquals(0, process.exitValue(), output());
            return output();
        }
    }

    private NodeRun node(String mode, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("node", "worker-interop.js", mode, url, queueName));
        cmd.addAll(List.of(args));
        Path out = Files.createTempFile("node-" + mode, ".log");
        Process p;
        try {
            p = new ProcessBuilder(cmd).directory(interop.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run node (install Node.js >= 18 and put it on PATH)", e);
        }
        nodes.add(p);
        return new NodeRun(p, out);
    }

    private Worker startWorker(JobProcessor processor, int concurrency) {
        Worker w = new Worker(connection, queueName, processor,
                WorkerOptions.builder().concurrency(concurrency).drainDelay(Duration.ofSeconds(1)).build());
        workers.add(w);
        return w.start();
    }

    @Test
    void nodeProducedJobsAreFinishedByBullpenAsBullRecordsThem() throws Exception {
        // given: a Node listener for global events, and Node-produced jobs
        NodeRun events = node("events", "3");
        Await.until(WAIT, "node listener ready", () -> events.output().contains("ready"));
        NodeRun produced = node("produce");
        produced.finish(WAIT);
        List<String> ids = new ArrayList<>();
        produced.jsonLines().get(0).get("ids").forEach(n -> ids.add(n.asText()));
        // when
        startWorker(job -> {
            if (job.data().has("fail")) {
                throw new IllegalStateException(job.data().get("fail").asText());
            }
            return Map.of("doubled", job.data().get("n").asInt() * 2);
        }, 2);
        Await.until(WAIT, "3 jobs finished", () -> jedis.zcard(keys.completed()) + jedis.zcard(keys.failed()) == 3);
        // then: Bull reads them back as it would have written them
        NodeRun inspected = node("inspect", ids.toArray(String[]::new));
        inspected.finish(WAIT);
        List<JsonNode> seen = inspected.jsonLines();
        JsonNode ok = seen.get(0);
        assertEquals("completed", ok.get("state").asText());
        assertEquals(42, ok.get("returnvalue").get("doubled").asInt());
        assertEquals(0, ok.get("attemptsMade").asInt());
        JsonNode failed = seen.get(1);
        assertEquals("failed", failed.get("state").asText());
        assertEquals("node asked to fail", failed.get("failedReason").asText());
        assertEquals(2, failed.get("attemptsMade").asInt());
        assertEquals(2, failed.get("stacktrace").size());
        assertTrue(failed.get("stacktrace").get(1).asText().startsWith("IllegalStateException: node asked to fail"));
        assertTrue(failed.get("finishedOn").asLong() >= failed.get("processedOn").asLong());
        assertEquals(10, seen.get(2).get("returnvalue").get("doubled").asInt());
        // and Node's global events saw the Java finishes
        events.finish(WAIT);
        List<JsonNode> got = events.jsonLines();
        assertTrue(got.stream().anyMatch(e -> e.get("event").asText().equals("completed")
                && e.get("jobId").asText().equals(ids.get(0)) && e.get("val").asText().equals("{\"doubled\":42}")),
                events.output());
        assertTrue(got.stream().anyMatch(e -> e.get("event").asText().equals("failed")
                && e.get("jobId").asText().equals(ids.get(1)) && e.get("val").asText().equals("node asked to fail")),
                events.output());
    }

    @Test
    void nodeBullGetMetricsReadsThePerMinuteMetricsBullpenWorkersKeep() {
        // given: a Bullpen worker keeping Bull's metrics (metrics.maxDataPoints 10), on a clock we move
        SettableClock clock = new SettableClock(1_800_000_000_000L - 1_800_000_000_000L % 60_000 + 1_000);
        List<String> finished = new java.util.concurrent.CopyOnWriteArrayList<>();
        Worker w = new Worker(connection, queueName, job -> {
            if (job.data().has("fail")) {
                throw new IllegalStateException("asked to fail");
            }
            return null;
        }, WorkerOptions.builder().drainDelay(Duration.ofSeconds(1)).clock(clock).metricsMaxDataPoints(10)
                .listener(new WorkerListener() {
                    @Override
                    public void completed(String jobId, Object result) {
                        finished.add(jobId);
                    }

                    @Override
                    public void failed(String jobId, String reason, boolean finalFailure) {
                        finished.add(jobId);
                    }
                }).build());
        workers.add(w.start());
        // when: 2 jobs complete in minute 0; 3 minutes later one completes and one fails for good
        for (String data : List.of("{}", "{}", "+180000", "{}", "{\"fail\":true}")) {
            if (data.startsWith("+")) {
                clock.advance(Long.parseLong(data.substring(1)));
                continue;
            }
            int before = finished.size();
            queue.add(NewJob.of(data));
            Await.until(WAIT, "job finished", () -> finished.size() == before + 1);
        }

        // then Node Bull's getMetrics reads the running counts and the per-minute points, newest first
        BullNode bull = new BullNode(url, "bull");
        JsonNode completed = bull.run("metrics", bull.args(queueName).put("type", "completed"));
        assertEquals(3, completed.get("meta").get("count").asLong(), completed.toString());
        assertEquals(clock.millis(), completed.get("meta").get("prevTS").asLong(), completed.toString());
        assertEquals(2, completed.get("meta").get("prevCount").asLong(), completed.toString());
        assertEquals(List.of("0", "0", "2"), texts(completed.get("data")), completed.toString());
        assertEquals(3, completed.get("count").asInt(), completed.toString());
        JsonNode failed = bull.run("metrics", bull.args(queueName).put("type", "failed"));
        assertEquals(1, failed.get("meta").get("count").asLong(), failed.toString());
        assertEquals(clock.millis(), failed.get("meta").get("prevTS").asLong(), failed.toString());
        assertEquals(0, failed.get("count").asInt(), failed.toString());
        JsonNode newest = bull.run("metrics", bull.args(queueName).put("type", "completed").put("start", 0)
                .put("end", 0));
        assertEquals(List.of("0"), texts(newest.get("data")), newest.toString());
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    @Test
    void bullpenProducedJobsAreProcessedByNodeBull() throws Exception {
        // given
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            ids.add(queue.add(NewJob.of("{\"n\":" + i + "}")));
        }
        String failing = queue.add(new NewJob("named", "{\"fail\":\"java asked to fail\"}",
                JobOptions.defaults().attempts(2).backoff(Backoff.fixed(50))));
        // when
        node("work", "2", "5").finish(WAIT);
        // then
        for (int i = 0; i < 4; i++) {
            assertEquals("{\"by\":\"node\",\"n\":" + i + "}", jedis.hget(keys.job(ids.get(i)), "returnvalue"));
        }
        assertEquals("java asked to fail", jedis.hget(keys.job(failing), "failedReason"));
        assertEquals("2", jedis.hget(keys.job(failing), "attemptsMade"));
        assertTrue(jedis.zscore(keys.failed(), failing) != null);
    }

    @Test
    void nodeAndBullpenWorkersShareTenThousandJobsEachProcessedOnce() throws Exception {
        // given: both workers waiting on the same queue
        int total = 10_000;
        NodeRun nodeWorker = node("work", "5", Integer.toString(total));
        Thread.sleep(1_500);
        startWorker(job -> {
            connection.redis().rpush(keys.key("interop:java"), job.id());
            return Map.of("by", "java");
        }, 5);
        // when
        List<NewJob> batch = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            batch.add(NewJob.of("{\"n\":" + i + "}"));
        }
        queue.addBulk(batch);
        // then
        nodeWorker.finish(WAIT);
        Await.until(WAIT, "all completed", () -> jedis.zcard(keys.completed()) == total);
        List<String> byNode = jedis.lrange(keys.key("interop:node"), 0, -1);
        List<String> byJava = jedis.lrange(keys.key("interop:java"), 0, -1);
        Set<String> all = new HashSet<>(byNode);
        all.addAll(byJava);
        assertEquals(total, all.size());
        assertEquals(total, byNode.size() + byJava.size(), "a job was processed twice");
        assertTrue(!byNode.isEmpty() && !byJava.isEmpty(), "node " + byNode.size() + ", java " + byJava.size());
        assertEquals(0, jedis.llen(keys.active()));
    }

    @Test
    void jobOfABullpenWorkerKilledWithSigkillIsRecoveredByANodeWorker() throws Exception {
        // given: a Bullpen worker process (lock 1 s) holding a job, then killed
        String id = queue.add(NewJob.of("{}"));
        Process child = ChildWorker.start(url, ChildWorker.log(), "--queue", queueName, "--processor", "sleep:60000",
                "--lock-duration-ms", "1000", "--stalled-interval-ms", "500");
        try {
            Await.until(WAIT, "bullpen took the job", () -> jedis.exists(keys.lock(id)));
        } finally {
            child.destroyForcibly();
        }
        assertTrue(child.waitFor(10, TimeUnit.SECONDS));
        // when: a Node worker with a 500 ms stalled interval runs
        node("work", "1", "1", "1000", "500").finish(WAIT);
        // then
        assertTrue(jedis.zscore(keys.completed(), id) != null);
        assertEquals("{\"by\":\"node\"}", jedis.hget(keys.job(id), "returnvalue"));
        assertEquals("1", jedis.hget(keys.job(id), "stalledCounter"));
    }

    @Test
    void jobOfANodeWorkerKilledWithSigkillIsRecoveredByBullpen() throws Exception {
        // given: a Node worker (lock 1 s) holding a slow job, then killed
        String id = queue.add(NewJob.of("{\"sleep\":60000}"));
        NodeRun nodeWorker = node("work", "1", "1", "1000", "500");
        Await.until(WAIT, "node took the job", () -> jedis.exists(keys.lock(id)));
        nodeWorker.process().destroyForcibly();
        assertTrue(nodeWorker.process().waitFor(10, TimeUnit.SECONDS));
        // when
        Worker w = new Worker(connection, queueName, job -> "recovered by java", WorkerOptions.builder()
                .drainDelay(Duration.ofSeconds(1)).stalledInterval(Duration.ofMillis(300)).build());
        workers.add(w);
        w.start();
        // then
        Await.until(WAIT, "recovered", () -> jedis.zscore(keys.completed(), id) != null);
        assertEquals("\"recovered by java\"", jedis.hget(keys.job(id), "returnvalue"));
        assertEquals("1", jedis.hget(keys.job(id), "stalledCounter"));
    }

    /** The same jobs through a Node worker and a Bullpen worker: same job hashes, same sets, same events. */
    @Test
    void bullpenWorkerLeavesTheSameRedisStateAndEventsAsNodeBull() throws Exception {
        // given: one job set added to two queues
        String nodeQueue = queueName + "-node";
        String javaQueue = queueName + "-java";
        List<NewJob> jobs = List.of(
                NewJob.of("{\"result\":{\"a\":1}}"),
                NewJob.of("{\"result\":\"text\"}"),
                NewJob.of("{\"result\":null}"),
                NewJob.of("{\"fail\":\"always\"}"),
                new NewJob(null, "{\"fail\":\"twice\",\"failAttempts\":2,\"result\":\"ok\"}",
                        JobOptions.defaults().attempts(3).backoff(Backoff.fixed(100))),
                new NewJob(null, "{\"fail\":\"once\",\"failAttempts\":1,\"result\":\"ok\"}", JobOptions.defaults().attempts(2)),
                new NewJob("exp", "{\"fail\":\"exp\"}",
                        JobOptions.defaults().attempts(3).backoff(Backoff.exponential(50)).stackTraceLimit(2)),
                new NewJob(null, "{\"result\":1}", JobOptions.defaults().removeOnComplete(KeepJobs.removeImmediately())),
                new NewJob(null, "{\"fail\":\"x\"}", JobOptions.defaults().removeOnFail(KeepJobs.removeImmediately())),
                new NewJob(null, "{\"result\":2}", JobOptions.defaults().priority(3)),
                new NewJob(null, "{\"result\":3}", JobOptions.defaults().lifo(true)),
                NewJob.of("{\"progress\":{\"step\":2},\"log\":\"half way\",\"result\":4}"),
                NewJob.of("{\"progress\":42,\"result\":null}"));
        List<String> nodeEvents = listenTo(nodeQueue);
        List<String> javaEvents = listenTo(javaQueue);
        connection.queue(nodeQueue).addBulk(jobs);
        connection.queue(javaQueue).addBulk(jobs);
        // when
        NodeRun nodeWorker = nodeOn(nodeQueue, "work", "1", "0");
        Worker w = new Worker(connection, javaQueue, job -> {
            JsonNode data = job.data();
            if (data.has("progress")) {
                job.progress(data.get("progress"));
            }
            if (data.has("log")) {
                job.log(data.get("log").asText());
            }
            if (data.has("fail") && (!data.has("failAttempts") || job.attemptsMade() < data.get("failAttempts").asInt())) {
                throw new IllegalStateException(data.get("fail").asText());
            }
            return data.has("result") && !data.get("result").isNull() ? data.get("result") : null;
        }, WorkerOptions.builder().drainDelay(Duration.ofSeconds(1)).build());
        workers.add(w);
        w.start();
        nodeWorker.finish(WAIT);
        BullKeys nk = new BullKeys("bull", nodeQueue);
        BullKeys jk = new BullKeys("bull", javaQueue);
        Await.until(WAIT, "java queue drained", () -> jedis.llen(jk.waitList()) + jedis.llen(jk.active())
                + jedis.zcard(jk.delayed()) == 0);
        Thread.sleep(300); // let the last events arrive
        // then: the same jobs in the same sets
        assertEquals(jedis.zrange(nk.completed(), 0, -1).stream().sorted().toList(),
                jedis.zrange(jk.completed(), 0, -1).stream().sorted().toList());
        assertEquals(jedis.zrange(nk.failed(), 0, -1).stream().sorted().toList(),
                jedis.zrange(jk.failed(), 0, -1).stream().sorted().toList());
        for (int i = 1; i <= jobs.size(); i++) {
            String id = Integer.toString(i);
            assertEquals(comparable(jedis.hgetAll(nk.job(id))), comparable(jedis.hgetAll(jk.job(id))), "job " + id);
            assertEquals(jedis.lrange(nk.logs(id), 0, -1), jedis.lrange(jk.logs(id), 0, -1), "logs of job " + id);
        }
        // and the same events
        List<String> expected = normalized(nodeEvents, nodeQueue);
        assertTrue(expected.contains("completed|{\"jobId\":\"1\",\"val\":\"{\\\"a\\\":1}\"}"), expected.toString());
        assertTrue(expected.contains("failed|{\"jobId\":\"4\",\"val\":\"always\"}"), expected.toString());
        assertTrue(expected.contains("progress|{\"jobId\":\"12\",\"progress\":{\"step\":2}}"), expected.toString());
        assertEquals(expected, normalized(javaEvents, javaQueue));
    }

    /** A job hash without its timestamps; stack traces reduced to their count (Node and Java frames differ). */
    private static Map<String, String> comparable(Map<String, String> hash) {
        Map<String, String> out = new java.util.TreeMap<>(hash);
        out.keySet().removeAll(List.of("processedOn", "finishedOn", "timestamp"));
        out.computeIfPresent("opts", (k, v) -> {
            com.fasterxml.jackson.databind.node.ObjectNode o =
                    (com.fasterxml.jackson.databind.node.ObjectNode) Json.parseLenient(v).orElseThrow();
            o.remove("timestamp");
            return o.toString();
        });
        if (out.containsKey("stacktrace")) {
            out.put("stacktrace", "entries=" + Json.parseLenient(out.get("stacktrace")).orElseThrow().size());
        }
        return out;
    }

    /** Events without queue names and tokens, sorted; the delay timer's wake-ups and drained are left out. */
    private static List<String> normalized(List<String> events, String queue) {
        return events.stream()
                .map(e -> e.replace("bull:" + queue + ":", ""))
                .filter(e -> !e.startsWith("delayed|") && !e.startsWith("drained|"))
                .map(e -> e.replaceFirst("^(active|waiting)@[^|]*\\|", "$1@|"))
                .sorted()
                .toList();
    }

    private List<String> listenTo(String queue) throws InterruptedException {
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(1);
        Jedis sub = new Jedis(new HostAndPort("127.0.0.1", port()));
        Thread t = new Thread(() -> {
            try {
                sub.psubscribe(new redis.clients.jedis.JedisPubSub() {
                    @Override
                    public void onPMessage(String pattern, String channel, String message) {
                        seen.add(channel + "|" + message);
                    }

                    @Override
                    public void onPSubscribe(String pattern, int n) {
                        ready.countDown();
                    }
                }, "bull:" + queue + ":*");
            } catch (RuntimeException closed) {
                // server gone at the end of the class
            }
        });
        t.setDaemon(true);
        t.start();
        assertTrue(ready.await(5, TimeUnit.SECONDS));
        return seen;
    }

    private int port() {
        return Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
    }

    private NodeRun nodeOn(String queue, String mode, String... args) throws IOException {
        String saved = queueName;
        queueName = queue;
        try {
            return node(mode, args);
        } finally {
            queueName = saved;
        }
    }

    @Test
    void repeatableJobAddedByNodeKeepsRepeatingOnABullpenWorker() throws Exception {
        // given: Node adds "tick" repeating every 400 ms, 3 times
        NodeRun added = node("repeat", "400", "3");
        added.finish(WAIT);
        String firstId = added.jsonLines().get(0).get("id").asText();
        List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
        // when: only a Bullpen worker runs
        startWorker(job -> {
            seen.add(job.id());
            return null;
        }, 1);
        // then: three iterations, as Bull's limit says, each created by the worker when the previous became active
        Await.until(WAIT, "3 iterations", () -> jedis.zcard(keys.completed()) == 3);
        Thread.sleep(800);
        assertEquals(3, jedis.zcard(keys.completed()));
        assertEquals(0, jedis.zcard(keys.delayed()));
        String prefix = "repeat:" + RepeatChain.md5("tick" + ":" + RepeatChain.md5("tick:::400")) + ":";
        assertEquals(firstId, seen.get(0));
        assertEquals(3, seen.size());
        long[] at = seen.stream().peek(id -> assertTrue(id.startsWith(prefix), id))
                .mapToLong(id -> Long.parseLong(id.substring(prefix.length()))).toArray();
        assertEquals(400, at[1] - at[0]);
        assertEquals(400, at[2] - at[1]);
        JsonNode opts = Json.parseLenient(jedis.hget(keys.job(seen.get(2)), "opts")).orElseThrow();
        assertEquals(3, opts.get("repeat").get("count").asInt());
        assertEquals("tick:::400", opts.get("repeat").get("key").asText());
        assertEquals(400, opts.get("repeat").get("every").asInt());
        assertEquals(seen.get(2), opts.get("jobId").asText());
        assertEquals(at[2], opts.get("prevMillis").asLong());
        assertEquals((double) at[2], jedis.zscore(keys.key("repeat"), "tick:::400"));
    }

    @Test
    void nodeGetWorkersCountsABullpenWorkerOnce() throws Exception {
        startWorker(job -> null, 4);
        Await.until(WAIT, "named", () -> jedis.clientList().contains(
                "name=" + keys.bullpenWorkerClientName(ProcessHandle.current().pid()) + " "));
        NodeRun listed = node("workers");
        listed.finish(WAIT);
        assertEquals("[\"" + queueName + "\"]", listed.output().trim().lines().reduce((a, b) -> b).orElse(""));
    }
}
