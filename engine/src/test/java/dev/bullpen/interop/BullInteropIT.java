package dev.bullpen.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobJson;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RemoveResult;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import redis.clients.jedis.Jedis;

/**
 * Bullpen against real Node Bull 4.16.5 on a private Redis: jobs written by one are read, ordered and
 * processed by the other exactly alike, and Bullpen's admin operations have the effect Bull expects.
 */
@ExtendWith(RedisServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BullInteropIT {
    private static final AtomicInteger QUEUES = new AtomicInteger();
    private static final List<String> STATES = List.of("waiting", "active", "delayed", "completed", "failed", "paused");
    /** Fields Bull's job.toJSON() reports straight from the hash. */
    private static final List<String> TO_JSON_FIELDS = List.of("name", "data", "opts", "timestamp", "delay",
            "processedOn", "finishedOn", "attemptsMade", "failedReason", "stacktrace", "returnvalue");

    private RedisServer server;
    private final Map<String, QueueConnection> connections = new HashMap<>();

    @BeforeAll
    void start(RedisServer server) {
        this.server = server;
    }

    @AfterAll
    void closeConnections() {
        connections.values().forEach(QueueConnection::close);
    }

    // ------------------------------------------------------------------ fixtures

    private QueueConnection connection(String prefix) {
        return connections.computeIfAbsent(prefix, p -> QueueConnection.open(RedisEndpoint.parse(server.url()), p));
    }

    private static String uniqueQueue(String what) {
        return what + "-" + QUEUES.incrementAndGet();
    }

    private BullNode bull(String prefix) {
        return new BullNode(server.url(), prefix);
    }

    private Jedis jedis() {
        return new Jedis(RedisEndpoint.parse(server.url()).host(), server.port());
    }

    /** One job to add: name, data as JSON text, Bull options as JSON text. */
    private record Spec(String name, String data, String opts) {
        NewJob toNewJob() {
            return new NewJob(name, data, JobOptions.fromJson(opts));
        }

        ObjectNode toBull() {
            ObjectNode o = Json.MAPPER.createObjectNode();
            if (name != null) {
                o.put("name", name);
            }
            o.set("data", Json.parseStrict(data, "data"));
            o.set("opts", Json.parseStrict(opts, "opts"));
            return o;
        }
    }

    /** Every option Bull understands for a plain add, with equal priorities, a duplicate jobId and odd data. */
    private static List<Spec> everyOption() {
        return List.of(
                new Spec(null, "{\"i\":1}", "{}"),
                new Spec("mail", "{\"to\":\"ünï € 🐂\"}", "{\"delay\":60000}"),
                new Spec("mail", "[1,2,3]", "{\"delay\":30000}"),
                new Spec("mail", "\"text\"", "{\"delay\":45000,\"priority\":2}"),
                new Spec("report", "{\"i\":5}", "{\"priority\":2}"),
                new Spec("report", "{\"i\":6}", "{\"priority\":2}"),
                new Spec("report", "{\"i\":7}", "{\"priority\":1}"),
                new Spec("report", "{\"i\":8}", "{\"priority\":5}"),
                new Spec(null, "42", "{\"attempts\":3,\"backoff\":1000}"),
                new Spec(null, "{\"i\":10}", "{\"attempts\":2,\"backoff\":{\"type\":\"fixed\",\"delay\":500}}"),
                new Spec(null, "{\"i\":11}", "{\"attempts\":4,\"backoff\":{\"type\":\"exponential\",\"delay\":200}}"),
                new Spec("custom", "{\"i\":12}", "{\"jobId\":\"custom-1\"}"),
                new Spec("custom", "{\"i\":13,\"dup\":true}", "{\"jobId\":\"custom-1\"}"),
                new Spec(null, "{\"i\":14}", "{\"lifo\":true}"),
                new Spec(null, "{\"i\":15}", "{\"lifo\":true}"),
                new Spec(null, "{\"i\":16}", "{\"timeout\":5000}"),
                new Spec(null, "{\"i\":17}", "{\"removeOnComplete\":true}"),
                new Spec(null, "{\"i\":18}", "{\"removeOnComplete\":5}"),
                new Spec(null, "{\"i\":19}", "{\"removeOnFail\":{\"count\":2,\"age\":3600}}"),
                new Spec(null, "{\"i\":20}", "{\"removeOnFail\":false,\"removeOnComplete\":{\"count\":3}}"),
                new Spec(null, "{\"i\":21}", "{\"stackTraceLimit\":3}"),
                new Spec(null, "null", "{\"jobId\":777,\"priority\":3,\"lifo\":true}"),
                new Spec(null, "{}", "{}"));
    }

    private static ObjectNode withJobs(ObjectNode args, List<Spec> specs) {
        ArrayNode jobs = args.putArray("jobs");
        specs.forEach(s -> jobs.add(s.toBull()));
        return args;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> rawMap(JsonNode raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw != null && !raw.isNull()) {
            raw.fields().forEachRemaining(e -> m.put(e.getKey(), e.getValue().asText()));
        }
        return m;
    }

    private static List<String> ids(List<JobSnapshot> jobs) {
        return jobs.stream().map(JobSnapshot::id).toList();
    }

    private record Cli(int code, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Cli(code, out.toString(), err.toString());
    }

    // ------------------------------------------------------------------ the comparison

    /**
     * Asserts that Bullpen reads the queue as Bull does: counts, pause flag, every state's ids in
     * getJobs([state], start, end, false) order (whole and in windows), every job's stored fields
     * (list, job, detail with Bull's getState) and the CLI's {@code jobs list --json}.
     */
    private void assertBullpenReadsAsBull(String prefix, String queue, JsonNode dump) {
        JobQueue q = connection(prefix).queue(queue);
        QueueStatus status = q.status();
        for (String s : STATES) {
            assertEquals(dump.get("counts").get(s).asLong(), status.counts().of(JobState.parse(s).orElseThrow()),
                    "count of " + s);
        }
        assertEquals(dump.get("paused").asBoolean(), status.paused(), "paused flag");
        assertEquals(dump.get("paused").asBoolean(), q.isPaused(), "isPaused");

        for (String s : STATES) {
            JobState state = JobState.parse(s).orElseThrow();
            List<JobSnapshot> mine = q.jobs(state, 0, -1);
            assertEquals(texts(dump.get("ids").get(s)), ids(mine), "order of " + s);
            Iterator<JsonNode> bullJobs = dump.get("jobs").get(s).elements();
            for (JobSnapshot job : mine) {
                JsonNode b = bullJobs.next();
                Map<String, String> raw = rawMap(b.get("raw"));
                assertEquals(raw, job.fields(), "fields of job " + job.id() + " in " + s);
                assertEquals(raw, q.job(job.id()).orElseThrow().fields(), "job(" + job.id() + ")");
                JobDetail detail = q.detail(job.id()).orElseThrow();
                assertEquals(b.get("state").asText(), detail.state(), "state of job " + job.id());
                assertEquals(texts(b.get("logs")), detail.logs(), "logs of job " + job.id());
                assertBullToJsonAgrees(b, JobJson.toJson(job));
                Cli shown = cli("--redis", server.url(), "--prefix", prefix, "jobs", "show", job.id(), "--queue", queue,
                        "--json");
                assertEquals(0, shown.code(), shown.err());
                JsonNode shownJob = Json.parseStrict(shown.out(), "show");
                assertEquals(JobJson.toJson(detail), shownJob, "CLI show of job " + job.id());
                assertBullToJsonAgrees(b, shownJob);
            }
            Cli listed = cli("--redis", server.url(), "--prefix", prefix, "jobs", "list", "--queue", queue,
                    "--state", s, "--start", "0", "--end", "-1", "--json");
            assertEquals(0, listed.code(), listed.err());
            JsonNode cliJobs = Json.parseStrict(listed.out(), "cli").get("jobs");
            assertEquals(mine.size(), cliJobs.size(), "CLI size of " + s);
            for (int i = 0; i < mine.size(); i++) {
                assertEquals(JobJson.toJson(mine.get(i)), cliJobs.get(i), "CLI job " + mine.get(i).id());
                assertBullToJsonAgrees(dump.get("jobs").get(s).get(i), cliJobs.get(i));
            }
        }
        for (JsonNode w : dump.get("windows")) {
            for (String s : STATES) {
                List<JobSnapshot> mine = q.jobs(JobState.parse(s).orElseThrow(), w.get("start").asLong(),
                        w.get("end").asLong());
                assertEquals(texts(w.get("ids").get(s)), ids(mine), "window " + w.get("start") + ".." + w.get("end")
                        + " of " + s);
            }
        }
    }

    /** Each field Bull's toJSON takes from the hash has the same value in Bullpen's JSON shape. */
    private static void assertBullToJsonAgrees(JsonNode bullJob, JsonNode mine) {
        JsonNode raw = bullJob.get("raw");
        JsonNode json = bullJob.get("json");
        assertEquals(json.get("id").asText(), mine.get("id").asText());
        for (String f : TO_JSON_FIELDS) {
            if (raw.has(f)) {
                assertEquals(json.get(f), mine.get(f), "field " + f + " of job " + mine.get("id"));
            }
        }
    }

    private JsonNode dump(BullNode bull, String queue) {
        ObjectNode args = bull.args(queue);
        ArrayNode windows = args.putArray("windows");
        for (long[] w : new long[][] {{0, 0}, {0, 2}, {1, 3}, {2, -1}, {-3, -1}, {-2, -2}, {5, 100}}) {
            windows.addArray().add(w[0]).add(w[1]);
        }
        return bull.run("dump", args);
    }

    // ------------------------------------------------------------------ Bull writes, Bullpen reads

    @ParameterizedTest(name = "prefix {0}")
    @ValueSource(strings = {"bull", "myapp", "{hq}"})
    void jobsAddedByBullAreReadByBullpenFieldForFieldInEveryState(String prefix) {
        BullNode bull = bull(prefix);
        String queue = uniqueQueue("from-bull");
        // given: completed and failed jobs made by a Bull worker
        List<Spec> finishing = List.of(
                new Spec("ok", "{\"n\":1}", "{}"),
                new Spec("bad", "{\"n\":2}", "{\"attempts\":2,\"stackTraceLimit\":1}"),
                new Spec("bad", "{\"n\":3}", "{\"removeOnFail\":false}"),
                new Spec("ok", "{\"n\":4}", "{\"removeOnComplete\":{\"count\":5,\"age\":3600}}"),
                new Spec("ok", "{\"n\":5}", "{\"timeout\":5000}"),
                new Spec("retry-later", "{\"n\":6}", "{\"attempts\":3,\"backoff\":{\"type\":\"fixed\",\"delay\":60000}}"));
        List<String> first = texts(bull.run("add", withJobs(bull.args(queue), finishing)).get("ids"));
        ObjectNode work = bull.args(queue).put("count", 7).put("report", true);
        work.putArray("failIds").add(first.get(1)).add(first.get(2)).add(first.get(5));
        bull.run("process", work);
        // and waiting, prioritized and delayed jobs with every option
        bull.run("add", withJobs(bull.args(queue), everyOption()));

        JsonNode dump = dump(bull, queue);
        assertEquals(3, dump.get("counts").get("completed").asInt(), dump.toString());
        assertEquals(2, dump.get("counts").get("failed").asInt(), dump.toString());
        assertEquals(4, dump.get("counts").get("delayed").asInt(), dump.toString());
        JsonNode backedOff = bull.run("getJob", bull.args(queue).put("id", first.get(5))).get("job");
        assertEquals("delayed", backedOff.get("state").asText());
        assertEquals("1", backedOff.get("raw").get("attemptsMade").asText());
        assertEquals(List.of("handled " + first.get(5)), texts(backedOff.get("logs")));
        assertBullpenReadsAsBull(prefix, queue, dump);
    }

    @Test
    void jobsAddedByBullToAPausedQueueAreReadByBullpen() {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("paused-by-bull");
        bull.run("add", withJobs(bull.args(queue), everyOption().subList(0, 6)));
        bull.run("pause", bull.args(queue));
        bull.run("add", withJobs(bull.args(queue), everyOption().subList(6, everyOption().size())));

        JsonNode dump = dump(bull, queue);
        assertTrue(dump.get("paused").asBoolean());
        assertEquals(0, dump.get("counts").get("waiting").asInt());
        assertTrue(dump.get("counts").get("paused").asInt() > 10, dump.toString());
        assertBullpenReadsAsBull("bull", queue, dump);
    }

    // ------------------------------------------------------------------ Bullpen writes, Bull reads

    /** A stored hash without the fields that hold the time of the add. */
    private static Map<String, String> withoutTime(JsonNode raw) {
        Map<String, String> m = rawMap(raw);
        m.remove("timestamp");
        m.put("opts", m.get("opts").replaceAll(",\"timestamp\":\\d+", "").replaceAll("\"timestamp\":\\d+,?", ""));
        return m;
    }

    @ParameterizedTest(name = "prefix {0}")
    @ValueSource(strings = {"bull", "myapp"})
    void jobsAddedByBullpenAreReadAndProcessedByBullAsItsOwn(String prefix) {
        BullNode bull = bull(prefix);
        String mine = uniqueQueue("by-bullpen");
        String twin = uniqueQueue("by-bull");
        JobQueue q = connection(prefix).queue(mine);
        List<String> myIds = new ArrayList<>();
        for (Spec s : everyOption()) {
            myIds.add(q.add(s.toNewJob()));
        }
        List<String> bullIds = texts(bull.run("add", withJobs(bull.args(twin), everyOption())).get("ids"));
        assertEquals(bullIds, myIds, "ids returned");

        JsonNode a = bull.run("dump", bull.args(mine));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertEquals(b.get("counts"), a.get("counts"));
        assertEquals(b.get("ids"), a.get("ids"));
        for (String k : List.of("id", "wait", "paused", "active", "priority", "completed", "failed", "metaPaused")) {
            assertEquals(b.get("raw").get(k), a.get("raw").get(k), "raw " + k);
        }
        // delayed scores: same low 12 bits (the id counter) and due = timestamp + delay
        assertEquals(b.get("raw").get("delayed").size(), a.get("raw").get("delayed").size());
        for (int i = 0; i < a.get("raw").get("delayed").size(); i++) {
            JsonNode mineEntry = a.get("raw").get("delayed").get(i);
            JsonNode bullEntry = b.get("raw").get("delayed").get(i);
            assertEquals(bullEntry.get(0), mineEntry.get(0), "delayed order");
            long myScore = mineEntry.get(1).asLong();
            long bullScore = bullEntry.get(1).asLong();
            assertEquals(bullScore & 0xFFF, myScore & 0xFFF, "delayed score low bits");
            JsonNode job = null;
            for (JsonNode d : a.get("jobs").get("delayed")) {
                if (d.get("id").equals(mineEntry.get(0))) {
                    job = d.get("raw");
                }
            }
            assertNotNull(job, "hash of delayed job " + mineEntry.get(0));
            assertEquals(job.get("timestamp").asLong() + job.get("delay").asLong(), myScore >> 12, "due time");
        }
        for (String s : STATES) {
            JsonNode mineJobs = a.get("jobs").get(s);
            JsonNode bullJobs = b.get("jobs").get(s);
            for (int i = 0; i < mineJobs.size(); i++) {
                assertEquals(withoutTime(bullJobs.get(i).get("raw")), withoutTime(mineJobs.get(i).get("raw")),
                        "raw hash of job " + mineJobs.get(i).get("id"));
                ObjectNode mj = (ObjectNode) mineJobs.get(i).get("json");
                ObjectNode bj = (ObjectNode) bullJobs.get(i).get("json");
                for (ObjectNode j : List.of(mj, bj)) {
                    j.remove("timestamp");
                    ((ObjectNode) j.get("opts")).remove("timestamp");
                }
                assertEquals(bj, mj, "Bull's toJSON of job " + mineJobs.get(i).get("id"));
                assertEquals(bullJobs.get(i).get("state"), mineJobs.get(i).get("state"));
            }
        }

        // a Bull worker takes both queues' waiting jobs in the same order (priority, lifo, fifo)
        int waiting = a.get("counts").get("waiting").asInt();
        JsonNode myOrder = bull.run("process", bull.args(mine).put("count", waiting)).get("order");
        JsonNode bullOrder = bull.run("process", bull.args(twin).put("count", waiting)).get("order");
        assertEquals(bullOrder, myOrder);
        assertEquals(waiting, myOrder.size());
    }

    @Test
    void cliAddStoresDataAndOptsByteForByteAsBullDoes() {
        BullNode bull = bull("bull");
        String mine = uniqueQueue("cli-add");
        String twin = uniqueQueue("cli-add-bull");
        String data = """
                {"b": 1.0, "2": "two", "1": [1e3, -0, 0.1, 1.5e300, 1e21, 1e-7, 123e-20, 12345678901234567890,
                 -2.5E-9, 100, 0.000001], "s": "x\\u001fy\\u2028z\\ud83d\\ude00 \\"q\\" \\\\ / \\t",
                 "n": null, "t": true, "o": {}, "a": []}""";
        String opts = "{\"delay\": 1.0e4, \"timeout\": 5e3, \"priority\": 2, \"attempts\": 3,"
                + " \"backoff\": {\"type\": \"fixed\", \"delay\": 1.5}, \"removeOnComplete\": {\"age\": 3.6e3}}";
        Cli added = cli("--redis", server.url(), "jobs", "add", "--queue", mine, "--name", "n", "--data", data,
                "--opts", opts, "--json");
        assertEquals(0, added.code(), added.err());
        bull.run("add", withJobs(bull.args(twin), List.of(new Spec("n", data, opts))));

        JsonNode a = bull.run("getJob", bull.args(mine).put("id", "1")).get("job");
        JsonNode b = bull.run("getJob", bull.args(twin).put("id", "1")).get("job");
        assertEquals(b.get("raw").get("data").asText(), a.get("raw").get("data").asText());
        assertEquals(withoutTime(b.get("raw")), withoutTime(a.get("raw")));
    }

    @Test
    void bullpenAddBulkOrdersLikeBullAddBulk() {
        BullNode bull = bull("bull");
        String mine = uniqueQueue("bulk-bullpen");
        String twin = uniqueQueue("bulk-bull");
        try (Jedis j = jedis()) {
            j.scriptFlush();   // the pipelined EVALSHAs then all miss and are re-run in order
        }
        List<String> myIds = connection("bull").queue(mine).addBulk(
                everyOption().stream().map(Spec::toNewJob).toList());
        List<String> bullIds = texts(bull.run("addBulk", withJobs(bull.args(twin), everyOption())).get("ids"));
        assertEquals(bullIds, myIds);
        JsonNode a = bull.run("dump", bull.args(mine));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertEquals(b.get("ids"), a.get("ids"));
        assertEquals(b.get("raw").get("wait"), a.get("raw").get("wait"));
        assertEquals(b.get("raw").get("priority"), a.get("raw").get("priority"));
        assertEquals(b.get("raw").get("id"), a.get("raw").get("id"));
    }

    @Test
    void duplicateJobIdReturnsTheExistingIdChangesNothingAndCountsLikeBull() {
        BullNode bull = bull("bull");
        String mine = uniqueQueue("dup-bullpen");
        String twin = uniqueQueue("dup-bull");
        JobQueue q = connection("bull").queue(mine);
        List<Spec> specs = List.of(
                new Spec("a", "{\"v\":1}", "{\"jobId\":\"order-7\"}"),
                new Spec("b", "{\"v\":2}", "{\"jobId\":\"order-7\",\"priority\":1}"),
                new Spec(null, "{\"v\":3}", "{}"),
                new Spec("c", "{\"v\":4}", "{\"jobId\":\"order-7\",\"delay\":1000}"));
        Map<String, String> before = null;
        List<String> myIds = new ArrayList<>();
        for (Spec s : specs) {
            myIds.add(q.add(s.toNewJob()));
            if (before == null) {
                before = q.job("order-7").orElseThrow().fields();
            }
        }
        assertEquals(List.of("order-7", "order-7", "3", "order-7"), myIds);
        assertEquals(before, q.job("order-7").orElseThrow().fields(), "the first job is kept unchanged");

        List<String> bullIds = texts(bull.run("add", withJobs(bull.args(twin), specs)).get("ids"));
        assertEquals(bullIds, myIds);
        JsonNode a = bull.run("dump", bull.args(mine));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertEquals("4", a.get("raw").get("id").asText(), "id counter INCRed on every add");
        assertEquals(b.get("raw"), a.get("raw"));
        // and a duplicate added by Bull to Bullpen's queue is refused the same way
        bull.run("add", withJobs(bull.args(mine), List.of(specs.get(1))));
        assertEquals(before, q.job("order-7").orElseThrow().fields());
        JsonNode again = bull.run("dump", bull.args(mine));
        assertEquals("5", again.get("raw").get("id").asText());
        assertEquals(a.get("counts"), again.get("counts"));
    }

    // ------------------------------------------------------------------ Bullpen administers, Bull observes

    private String getState(BullNode bull, String queue, String id) {
        return bull.run("getState", bull.args(queue).put("id", id)).get("state").asText();
    }

    /** Adds n plain jobs with Bull and has a Bull worker fail all of them; returns their ids. */
    private List<String> failedByBull(BullNode bull, String queue, int n) {
        List<Spec> specs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            specs.add(new Spec("f", "{\"n\":" + i + "}", i % 2 == 0 ? "{}" : "{\"lifo\":true}"));
        }
        List<String> ids = texts(bull.run("add", withJobs(bull.args(queue), specs)).get("ids"));
        bull.run("process", bull.args(queue).put("count", n).put("failAll", true));
        return ids;
    }

    @Test
    void retryByBullpenIsSeenByBullAndProcessedByABullWorker() {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("retry");
        String twin = uniqueQueue("retry-bull");
        JobQueue q = connection("bull").queue(queue);
        List<String> ids = failedByBull(bull, queue, 4);
        failedByBull(bull, twin, 4);

        // when: a fifo then a lifo failed job are retried by Bullpen, the same ones by Bull on the twin
        for (String id : List.of(ids.get(0), ids.get(1))) {
            q.retry(id);
            bull.run("retry", bull.args(twin).put("id", id));
        }

        // then
        assertEquals("waiting", getState(bull, queue, ids.get(1)));
        JsonNode a = bull.run("dump", bull.args(queue));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertEquals(b.get("raw").get("wait"), a.get("raw").get("wait"));
        assertEquals(b.get("ids"), a.get("ids"));
        JsonNode myJob = a.get("jobs").get("waiting").get(0).get("raw");
        JsonNode bullJob = b.get("jobs").get("waiting").get(0).get("raw");
        assertEquals(fieldNames(bullJob), fieldNames(myJob), "retried hash fields");
        assertEquals(bullJob.get("attemptsMade"), myJob.get("attemptsMade"));
        assertEquals(bullJob.get("stacktrace").asText().isEmpty(), myJob.get("stacktrace").asText().isEmpty());

        // a job that is not failed is refused and left untouched (Bull 4.16.5 would strip it first)
        String completedId = texts(bull.run("add", withJobs(bull.args(queue),
                List.of(new Spec("ok", "{}", "{}")))).get("ids")).get(0);
        bull.run("process", bull.args(queue).put("count", 3));
        Map<String, String> done = q.job(completedId).orElseThrow().fields();
        assertThrows(QueueException.class, () -> q.retry(completedId));
        assertEquals(done, q.job(completedId).orElseThrow().fields());
        assertEquals("completed", getState(bull, queue, completedId));

        // when: all failed are retried, by Bullpen in batches of 1 and by Bull's retryJobs on the twin
        bull.run("process", bull.args(twin).put("count", 2));
        List<Long> progress = new ArrayList<>();
        long moved = q.retryAllFailed(1, soFar -> {
            progress.add(soFar);
            return true;
        });
        bull.run("retry", bull.args(twin).put("all", true));
        assertEquals(2, moved);
        assertEquals(List.of(1L, 2L), progress);
        for (String id : List.of(ids.get(2), ids.get(3))) {
            assertEquals("waiting", getState(bull, queue, id));
        }
        JsonNode twinAfter = bull.run("dump", bull.args(twin));
        assertEquals(twinAfter.get("raw").get("wait"), bull.run("dump", bull.args(queue)).get("raw").get("wait"));
        JsonNode worked = bull.run("process", bull.args(queue).put("count", 2));
        assertEquals(List.of(ids.get(3), ids.get(2)), texts(worked.get("order")), "oldest failed first");
        JsonNode after = bull.run("dump", bull.args(queue));
        assertEquals(0, after.get("counts").get("failed").asInt());
        assertEquals(5, after.get("counts").get("completed").asInt());
    }

    private static List<String> fieldNames(JsonNode o) {
        List<String> names = new ArrayList<>();
        o.fieldNames().forEachRemaining(names::add);
        names.sort(String::compareTo);
        return names;
    }

    @Test
    void promoteByBullpenIsSeenByBullAndProcessedInBullsOrder() {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("promote");
        String twin = uniqueQueue("promote-bull");
        List<Spec> specs = List.of(
                new Spec("d", "{\"n\":1}", "{\"delay\":50000}"),
                new Spec("d", "{\"n\":2}", "{\"delay\":40000,\"priority\":3}"),
                new Spec("d", "{\"n\":3}", "{\"delay\":30000}"),
                new Spec("d", "{\"n\":4}", "{\"delay\":20000,\"priority\":1}"),
                new Spec("d", "{\"n\":5}", "{\"delay\":60000,\"lifo\":true}"),
                new Spec("w", "{\"n\":6}", "{}"));
        List<String> ids = texts(bull.run("add", withJobs(bull.args(queue), specs)).get("ids"));
        bull.run("add", withJobs(bull.args(twin), specs));
        JobQueue q = connection("bull").queue(queue);

        // one
        q.promote(ids.get(2));
        bull.run("promote", bull.args(twin).put("id", ids.get(2)));
        assertEquals("waiting", getState(bull, queue, ids.get(2)));
        assertEquals("0", q.job(ids.get(2)).orElseThrow().fields().get("delay"));
        assertThrows(QueueException.class, () -> q.promote(ids.get(5)));

        // all, soonest due first; Bull promotes the same jobs one by one in that order
        long moved = q.promoteAllDelayed(2, x -> true);
        assertEquals(4, moved);
        for (String id : List.of(ids.get(3), ids.get(1), ids.get(0), ids.get(4))) {
            bull.run("promote", bull.args(twin).put("id", id));
        }
        JsonNode a = bull.run("dump", bull.args(queue));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertEquals(b.get("raw").get("wait"), a.get("raw").get("wait"));
        assertEquals(b.get("raw").get("priority"), a.get("raw").get("priority"));
        assertEquals(0, a.get("counts").get("delayed").asInt());
        for (JsonNode j : a.get("jobs").get("waiting")) {
            assertEquals("0", j.get("raw").get("delay").asText());
            assertEquals("waiting", j.get("state").asText());
        }
        JsonNode myOrder = bull.run("process", bull.args(queue).put("count", 6)).get("order");
        JsonNode bullOrder = bull.run("process", bull.args(twin).put("count", 6)).get("order");
        assertEquals(bullOrder, myOrder);
    }

    @Test
    void removeByBullpenIsSeenByBullAndRefusesALockedActiveJob() throws Exception {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("remove");
        JobQueue q = connection("bull").queue(queue);
        List<String> done = texts(bull.run("add", withJobs(bull.args(queue), List.of(
                new Spec("ok", "{}", "{}"), new Spec("bad", "{}", "{}")))).get("ids"));
        ObjectNode work = bull.args(queue).put("count", 2);
        work.putArray("failIds").add(done.get(1));
        bull.run("process", work);
        List<String> ids = texts(bull.run("add", withJobs(bull.args(queue), List.of(
                new Spec("w", "{}", "{}"), new Spec("p", "{}", "{\"priority\":2}"),
                new Spec("d", "{}", "{\"delay\":60000}")))).get("ids"));
        try (Jedis j = jedis()) {
            j.rpush("bull:" + queue + ":" + ids.get(0) + ":logs", "a log line");
        }

        for (String id : List.of(done.get(0), done.get(1), ids.get(0), ids.get(1), ids.get(2))) {
            assertEquals(RemoveResult.REMOVED, q.remove(id), id);
            assertTrue(bull.run("getJob", bull.args(queue).put("id", id)).get("job").isNull(), id);
        }
        assertEquals(RemoveResult.NOT_FOUND, q.remove("no-such-job"));
        JsonNode after = bull.run("dump", bull.args(queue));
        for (String s : STATES) {
            assertEquals(0, after.get("counts").get(s).asInt(), s);
        }
        assertEquals(0, after.get("raw").get("priority").size());
        try (Jedis j = jedis()) {
            assertFalse(j.exists("bull:" + queue + ":" + ids.get(0) + ":logs"));
        }

        // an active job held by a Bull worker is refused, and the worker then completes it
        String held = texts(bull.run("add", withJobs(bull.args(queue), List.of(new Spec("slow", "{}", "{}"))))
                .get("ids")).get(0);
        BullNode.Running worker = bull.start("process", bull.args(queue).put("count", 1).put("holdMs", 5000));
        try (Jedis j = jedis()) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!j.exists("bull:" + queue + ":" + held + ":lock") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(j.exists("bull:" + queue + ":" + held + ":lock"), "the Bull worker took the job");
        }
        JsonNode whileActive = dump(bull, queue);
        assertEquals(List.of(held), texts(whileActive.get("ids").get("active")));
        assertBullpenReadsAsBull("bull", queue, whileActive);
        assertEquals(RemoveResult.LOCKED, q.remove(held));
        assertTrue(q.job(held).isPresent());
        assertEquals(List.of(), q.clean(JobState.ACTIVE, 0, 0), "clean leaves a locked active job");
        JsonNode result = worker.await();
        assertEquals("completed", result.get("finished").get(0).get("result").asText(), result.toString());
        assertEquals("completed", getState(bull, queue, held));
    }

    @Test
    void cleanByBullpenRemovesWhatBullsCleanRemoves() {
        BullNode bull = bull("bull");
        long old = System.currentTimeMillis() - 600_000;
        for (String state : List.of("waiting", "delayed", "completed", "failed", "paused")) {
            String mine = uniqueQueue("clean-" + state);
            String twin = uniqueQueue("clean-bull-" + state);
            for (String queue : List.of(mine, twin)) {
                List<Spec> specs = new ArrayList<>();
                for (int i = 0; i < 6; i++) {
                    String delay = state.equals("delayed") ? ",\"delay\":6000000" : "";
                    String ts = i % 3 == 0 ? "" : ",\"timestamp\":" + (old + i);
                    specs.add(new Spec("c", "{\"n\":" + i + "}", "{\"priority\":" + (1 + i % 2) + delay + ts + "}"));
                }
                bull.run("add", withJobs(bull.args(queue), specs));
                if (state.equals("completed") || state.equals("failed")) {
                    bull.run("process", bull.args(queue).put("count", 6).put("failAll", state.equals("failed")));
                }
                if (state.equals("paused")) {
                    bull.run("pause", bull.args(queue));
                }
            }
            JobState s = JobState.parse(state).orElseThrow();
            JobQueue q = connection("bull").queue(mine);
            boolean finished = state.equals("completed") || state.equals("failed");
            // grace: a finished job is as old as its finishing, others as their timestamp
            long grace = finished ? 0 : 60_000;
            List<String> mineFirst = q.clean(s, grace, 1);
            List<String> mineRemoved = new ArrayList<>(mineFirst);
            mineRemoved.addAll(q.clean(s, grace, 0));
            String bullType = state.equals("waiting") ? "wait" : state;
            List<String> bullFirst = texts(bull.run("clean", bull.args(twin).put("grace", grace)
                    .put("type", bullType).put("limit", 1)).get("removed"));
            List<String> bullRemoved = new ArrayList<>(bullFirst);
            bullRemoved.addAll(texts(bull.run("clean", bull.args(twin).put("grace", grace).put("type", bullType)
                    .put("limit", 0)).get("removed")));
            assertEquals(finished ? 6 : 4, mineRemoved.size(), state + " " + mineRemoved);
            assertEquals(1, mineFirst.size(), state);
            if (state.equals("delayed")) {
                // Bull's clean with a limit never matches delayed jobs (it compares ms with ms*4096 scores)
                assertEquals(List.of(), bullFirst);
                assertEquals(new java.util.TreeSet<>(bullRemoved), new java.util.TreeSet<>(mineRemoved), state);
            } else {
                // the same job goes first; then the same set (Bull lists an unlimited clean newest first)
                assertEquals(bullFirst, mineFirst, state);
                assertEquals(new java.util.TreeSet<>(bullRemoved), new java.util.TreeSet<>(mineRemoved), state);
            }
            JsonNode a = bull.run("dump", bull.args(mine));
            JsonNode b = bull.run("dump", bull.args(twin));
            assertEquals(b.get("counts"), a.get("counts"), state);
            assertEquals(b.get("ids"), a.get("ids"), state);
            assertEquals(b.get("raw").get("priority"), a.get("raw").get("priority"), state);
            for (String id : mineRemoved) {
                assertTrue(bull.run("getJob", bull.args(mine).put("id", id)).get("job").isNull(), id);
            }
        }
    }

    @Test
    void pausedByBullpenAQueueIsNotProcessedByABullWorkerUntilResumed() throws Exception {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("pause");
        JobQueue q = connection("bull").queue(queue);
        q.add(NewJob.of("{\"n\":1}"));
        q.pause();
        assertTrue(bull.run("isPaused", bull.args(queue)).get("paused").asBoolean());
        String byBull = texts(bull.run("add", withJobs(bull.args(queue), List.of(new Spec("b", "{}", "{}"))))
                .get("ids")).get(0);
        String byMe = q.add(new NewJob("m", "{}", JobOptions.defaults().priority(1)));
        assertEquals("paused", getState(bull, queue, byBull));
        assertEquals("paused", getState(bull, queue, byMe));

        BullNode.Running worker = bull.start("process", bull.args(queue).put("count", 3));
        Thread.sleep(2_000);
        assertTrue(worker.isAlive(), "the worker is still waiting");
        QueueStatus whilePaused = q.status();
        assertEquals(3, whilePaused.counts().paused());
        assertEquals(0, whilePaused.counts().completed() + whilePaused.counts().active());

        q.resume();
        assertFalse(bull.run("isPaused", bull.args(queue)).get("paused").asBoolean());
        JsonNode done = worker.await();
        assertEquals(List.of(byMe, "1", byBull), texts(done.get("order")));
        assertEquals(3, q.status().counts().completed());
    }

    @Test
    void pauseByBullIsSeenByBullpenAndResumeByBullpenIsSeenByBull() {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("pause-bull");
        JobQueue q = connection("bull").queue(queue);
        q.add(NewJob.of("{}"));
        bull.run("pause", bull.args(queue));
        assertTrue(q.isPaused());
        q.add(NewJob.of("{}"));
        assertEquals(2, q.status().counts().paused());
        q.resume();
        JsonNode dump = bull.run("dump", bull.args(queue));
        assertFalse(dump.get("paused").asBoolean());
        assertEquals(2, dump.get("counts").get("waiting").asInt());
        assertEquals(0, dump.get("raw").get("meta").size());
    }

    @Test
    void emptyByBullpenDeletesWaitingPausedAndDelayedJobsAsBullSeesIt() {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("empty");
        JobQueue q = connection("bull").queue(queue);
        List<String> finished = texts(bull.run("add", withJobs(bull.args(queue), List.of(
                new Spec("ok", "{}", "{}"), new Spec("bad", "{}", "{}")))).get("ids"));
        ObjectNode work = bull.args(queue).put("count", 2);
        work.putArray("failIds").add(finished.get(1));
        bull.run("process", work);
        List<String> ids = texts(bull.run("add", withJobs(bull.args(queue), List.of(
                new Spec("w", "{}", "{}"), new Spec("p", "{}", "{\"priority\":1}"),
                new Spec("d", "{}", "{\"delay\":60000}")))).get("ids"));
        try (Jedis j = jedis()) {
            j.rpush("bull:" + queue + ":" + ids.get(0) + ":logs", "line");
        }
        bull.run("pause", bull.args(queue));
        ids = new ArrayList<>(ids);
        ids.addAll(texts(bull.run("add", withJobs(bull.args(queue), List.of(new Spec("x", "{}", "{}"))))
                .get("ids")));

        q.empty();

        JsonNode dump = bull.run("dump", bull.args(queue));
        for (String s : List.of("waiting", "paused", "delayed")) {
            assertEquals(0, dump.get("counts").get(s).asInt(), s);
        }
        assertEquals(1, dump.get("counts").get("completed").asInt());
        assertEquals(1, dump.get("counts").get("failed").asInt());
        assertEquals(0, dump.get("raw").get("priority").size());
        assertTrue(dump.get("paused").asBoolean(), "the pause state is kept");
        assertTrue(q.status().paused());
        String later = texts(bull.run("add", withJobs(bull.args(queue), List.of(new Spec("y", "{}", "{}"))))
                .get("ids")).get(0);
        assertEquals("paused", getState(bull, queue, later), "meta-paused survives (Bull's empty deletes it)");
        try (Jedis j = jedis()) {
            for (String id : ids) {
                assertFalse(j.exists("bull:" + queue + ":" + id), "hash of " + id + " deleted (delayed too)");
            }
        }
        assertNotNull(q.job(finished.get(0)).orElse(null));
        try (Jedis j = jedis()) {
            assertFalse(j.exists("bull:" + queue + ":" + ids.get(0) + ":logs"), "logs deleted too");
        }
    }

    // ------------------------------------------------------------------ events and timers

    private static void awaitFile(java.nio.file.Path file) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 15_000;
        while (!java.nio.file.Files.exists(file) && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(java.nio.file.Files.exists(file), "bull-tool did not get ready: " + file);
    }

    @Test
    void eventsPublishedByBullpenReachBullsGlobalListeners() throws Exception {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("events");
        JobQueue q = connection("bull").queue(queue);
        java.nio.file.Path ready = java.nio.file.Files.createTempFile("bull-listen", ".ready");
        java.nio.file.Files.delete(ready);
        ObjectNode args = bull.args(queue).put("count", 5).put("durationMs", 15_000)
                .put("readyFile", ready.toString());
        ArrayNode events = args.putArray("events");
        List.of("global:waiting", "global:paused", "global:resumed", "global:duplicated").forEach(events::add);
        BullNode.Running listener = bull.start("listen", args);
        awaitFile(ready);

        String first = q.add(new NewJob("e", "{}", JobOptions.defaults().jobId("ev-1")));
        q.add(new NewJob("e", "{}", JobOptions.defaults().jobId("ev-1")));
        String delayed = q.add(new NewJob("e", "{}", JobOptions.defaults().delay(60_000)));
        q.promote(delayed);
        q.pause();
        q.resume();

        List<String> seen = new ArrayList<>();
        for (JsonNode e : listener.await().get("events")) {
            JsonNode a = e.get("args");
            seen.add(e.get("event").asText() + (a.size() == 0 || a.get(0).isNull() ? "" : " " + a.get(0).asText()));
        }
        assertEquals(List.of("global:waiting " + first, "global:duplicated " + first, "global:waiting " + delayed,
                "global:paused", "global:resumed"), seen);
        java.nio.file.Files.deleteIfExists(ready);
    }

    @Test
    void aRunningBullWorkerTakesADelayedJobAddedByBullpenWhenItIsDue() throws Exception {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("due");
        JobQueue q = connection("bull").queue(queue);
        q.add(NewJob.of("{\"warm\":1}"));
        BullNode.Running worker = bull.start("process", bull.args(queue).put("count", 2));
        long deadline = System.currentTimeMillis() + 15_000;
        while (q.status().counts().completed() < 1 && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(1, q.status().counts().completed(), "the worker is running");

        // the worker's delay timer sleeps up to 5 s; Bullpen's publish on the delayed channel wakes it
        String id = q.add(new NewJob("later", "{}", JobOptions.defaults().delay(1_500)));
        JsonNode done = worker.await();
        assertEquals(List.of("1", id), texts(done.get("order")));
        JobSnapshot job = q.job(id).orElseThrow();
        long due = job.timestamp().orElseThrow() + 1_500;
        long late = job.processedOn().orElseThrow() - due;
        assertTrue(late >= 0 && late < 1_000, "processed " + late + " ms after due");
    }

    @Test
    void cleanOfActiveDeletesStalledJobsAsBullAndKeepsLockedOnes() {
        BullNode bull = bull("bull");
        long old = System.currentTimeMillis() - 600_000;
        String mine = uniqueQueue("clean-active");
        String twin = uniqueQueue("clean-active-bull");
        for (String queue : List.of(mine, twin)) {
            bull.run("add", withJobs(bull.args(queue), List.of(new Spec("a", "{}", "{}"), new Spec("b", "{}", "{}"),
                    new Spec("c", "{}", "{\"timestamp\":" + old + "}"), new Spec("d", "{}", "{}"))));
            try (Jedis j = jedis()) {
                String base = "bull:" + queue + ":";
                for (int i = 0; i < 4; i++) {
                    j.rpoplpush(base + "wait", base + "active");   // taken by a worker that then died
                }
                j.hset(base + "1", "processedOn", Long.toString(old));
                j.hset(base + "2", "processedOn", Long.toString(old));
                j.set(base + "2:lock", "a-live-worker");
            }
        }
        List<String> mineRemoved = connection("bull").queue(mine).clean(JobState.ACTIVE, 60_000, 0);
        List<String> bullRemoved = texts(bull.run("clean", bull.args(twin).put("grace", 60_000).put("type", "active"))
                .get("removed"));
        assertEquals(List.of("1", "3"), mineRemoved.stream().sorted().toList());
        assertEquals(new java.util.TreeSet<>(bullRemoved), new java.util.TreeSet<>(mineRemoved));
        JsonNode a = bull.run("dump", bull.args(mine));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertEquals(b.get("raw").get("active"), a.get("raw").get("active"));
        assertEquals(b.get("counts"), a.get("counts"));
    }

    @Test
    void cliAdministrationHasTheEffectBullExpects() {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("cli-admin");
        String url = server.url();
        List<String> ids = texts(bull.run("add", withJobs(bull.args(queue), List.of(new Spec("ok", "{}", "{}"),
                new Spec("bad", "{}", "{}"), new Spec("bad", "{}", "{}")))).get("ids"));
        ObjectNode work = bull.args(queue).put("count", 3);
        work.putArray("failIds").add(ids.get(1)).add(ids.get(2));
        bull.run("process", work);
        String delayed = texts(bull.run("add", withJobs(bull.args(queue), List.of(
                new Spec("d", "{}", "{\"delay\":60000}")))).get("ids")).get(0);

        assertEquals(0, cli("--redis", url, "jobs", "retry", ids.get(1), "--queue", queue).code());
        assertEquals("waiting", getState(bull, queue, ids.get(1)));
        Cli notFailed = cli("--redis", url, "jobs", "retry", ids.get(0), "--queue", queue);
        assertEquals(1, notFailed.code(), notFailed.all());
        assertEquals("completed", getState(bull, queue, ids.get(0)));

        assertEquals(0, cli("--redis", url, "jobs", "promote", delayed, "--queue", queue).code());
        assertEquals("waiting", getState(bull, queue, delayed));
        Cli notDelayed = cli("--redis", url, "jobs", "promote", delayed, "--queue", queue);
        assertEquals(1, notDelayed.code(), notDelayed.all());

        assertEquals(0, cli("--redis", url, "jobs", "remove", ids.get(2), "--queue", queue).code());
        assertTrue(bull.run("getJob", bull.args(queue).put("id", ids.get(2))).get("job").isNull());

        assertEquals(0, cli("--redis", url, "queue", "pause", "--queue", queue).code());
        assertTrue(bull.run("isPaused", bull.args(queue)).get("paused").asBoolean());
        assertEquals("paused", getState(bull, queue, delayed));
        assertEquals(0, cli("--redis", url, "queue", "resume", "--queue", queue).code());
        assertFalse(bull.run("isPaused", bull.args(queue)).get("paused").asBoolean());

        Cli cleaned = cli("--redis", url, "jobs", "clean", "--queue", queue, "--state", "completed", "--grace", "0",
                "--json");
        assertEquals(0, cleaned.code(), cleaned.all());
        assertEquals(List.of(ids.get(0)), texts(Json.parseStrict(cleaned.out(), "clean").get("removed")));
        assertTrue(bull.run("getJob", bull.args(queue).put("id", ids.get(0))).get("job").isNull());

        assertEquals(0, cli("--redis", url, "queue", "empty", "--queue", queue).code());
        JsonNode dump = bull.run("dump", bull.args(queue));
        assertEquals(0, dump.get("counts").get("waiting").asInt());
        assertEquals(0, dump.get("raw").get("priority").size());
    }

    @Test
    void fractionalDelayAndGivenTimestampAreStoredAndScoredAsBullDoes() {
        BullNode bull = bull("bull");
        String mine = uniqueQueue("frac");
        String twin = uniqueQueue("frac-bull");
        List<Spec> specs = List.of(
                new Spec("f", "{}", "{\"delay\":1500.5,\"timestamp\":1700000000000}"),
                new Spec("f", "{}", "{\"delay\":2.25e4,\"timestamp\":1700000000000.75}"),
                new Spec("f", "{}", "{\"delay\":-5,\"timestamp\":1700000000000}"));
        JobQueue q = connection("bull").queue(mine);
        specs.forEach(sp -> q.add(sp.toNewJob()));
        bull.run("add", withJobs(bull.args(twin), specs));
        JsonNode a = bull.run("dump", bull.args(mine));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertEquals(b.get("raw").get("delayed"), a.get("raw").get("delayed"));
        assertEquals(b.get("raw").get("wait"), a.get("raw").get("wait"));
        for (String s : List.of("waiting", "delayed")) {
            for (int i = 0; i < a.get("jobs").get(s).size(); i++) {
                assertEquals(b.get("jobs").get(s).get(i).get("raw"), a.get("jobs").get(s).get(i).get("raw"));
            }
        }
    }

    @Test
    void cleanComparesTimesAsNumbersWhereBullComparesStrings() {
        // a job stamped 999 ms after the epoch is older than any grace; Bull's string comparison
        // ("999" < "17..." is false) keeps it, Bullpen (deliberately) deletes it
        BullNode bull = bull("bull");
        String mine = uniqueQueue("clean-num");
        String twin = uniqueQueue("clean-num-bull");
        List<Spec> specs = List.of(new Spec("old", "{}", "{\"timestamp\":999}"), new Spec("new", "{}", "{}"));
        bull.run("add", withJobs(bull.args(mine), specs));
        bull.run("add", withJobs(bull.args(twin), specs));
        assertEquals(List.of("1"), connection("bull").queue(mine).clean(JobState.WAITING, 60_000, 0));
        assertEquals(List.of(), texts(bull.run("clean", bull.args(twin).put("grace", 60_000).put("type", "wait"))
                .get("removed")));
        assertEquals(List.of("2"), texts(bull.run("dump", bull.args(mine)).get("ids").get("waiting")));
    }

    @Test
    void workerClientNameIsTheNameBullWorkersUseAndBullListsIt() throws Exception {
        BullNode bull = bull("bull");
        String queue = uniqueQueue("wörk");
        String name = new dev.bullpen.queue.redis.BullKeys("bull", queue).workerClientName();
        connection("bull").queue(queue).add(NewJob.of("{}"));
        BullNode.Running worker = bull.start("process", bull.args(queue).put("count", 1).put("holdMs", 3000));
        try (Jedis j = jedis()) {
            long deadline = System.currentTimeMillis() + 10_000;
            while (!j.clientList().contains("name=" + name + " ") && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            assertTrue(j.clientList().contains("name=" + name + " "), "a Bull worker's connection is named " + name);
            // and the console lists it as a Node worker of that queue
            try (dev.bullpen.monitor.QueueInspector inspector = new dev.bullpen.monitor.QueueInspector(
                    dev.bullpen.queue.RedisEndpoint.parse(server.url()), "bull")) {
                List<dev.bullpen.monitor.ConnectedWorker> listed = inspector.workers(List.of("bull")).stream()
                        .filter(w -> w.queue().equals(queue)).toList();
                assertEquals(1, listed.size(), listed.toString());
                assertEquals(dev.bullpen.monitor.ConnectedWorker.Kind.NODE_BULL, listed.get(0).kind());
            }
        }
        worker.await();

        // and a connection named as Bullpen's worker names its own is listed by Bull's getWorkers()
        try (Jedis j = jedis()) {
            j.clientSetname(new dev.bullpen.queue.redis.BullKeys("bull", queue).bullpenWorkerClientName(4242));
            JsonNode workers = bull.run("workers", bull.args(queue)).get("workers");
            assertEquals(1, workers.size(), workers.toString());
            assertEquals(queue, workers.get(0).get("name").asText());
        }
    }

    @Test
    void pauseAndResumeByBullpenLeaveTheKeysBullLeaves() {
        BullNode bull = bull("bull");
        String mine = uniqueQueue("pause-keys");
        String twin = uniqueQueue("pause-keys-bull");
        List<Spec> specs = List.of(new Spec("a", "{}", "{}"), new Spec("b", "{}", "{\"priority\":1}"),
                new Spec("c", "{}", "{\"lifo\":true}"));
        bull.run("add", withJobs(bull.args(mine), specs));
        bull.run("add", withJobs(bull.args(twin), specs));
        JobQueue q = connection("bull").queue(mine);

        q.pause();
        bull.run("pause", bull.args(twin));
        JsonNode a = bull.run("dump", bull.args(mine));
        JsonNode b = bull.run("dump", bull.args(twin));
        assertTrue(a.get("paused").asBoolean());
        assertEquals(b.get("raw"), a.get("raw"));
        assertEquals(b.get("counts"), a.get("counts"));

        q.resume();
        bull.run("resume", bull.args(twin));
        a = bull.run("dump", bull.args(mine));
        b = bull.run("dump", bull.args(twin));
        assertFalse(a.get("paused").asBoolean());
        assertEquals(b.get("raw"), a.get("raw"));
        assertEquals(b.get("counts"), a.get("counts"));
    }
}
