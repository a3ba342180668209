package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** Exports against a real, private Redis; files in a temporary folder. */
@ExtendWith(RedisServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobExportIT {
    private static final AtomicInteger QUEUES = new AtomicInteger();

    private RedisServer server;
    private QueueConnection connection;
    @TempDir
    Path dir;

    @BeforeAll
    void open(RedisServer server) {
        this.server = server;
        this.connection = QueueConnection.open(RedisEndpoint.parse(server.url()), "bull");
    }

    @AfterAll
    void close() {
        connection.close();
    }

    /** {@code n} failed jobs as a Bull worker leaves them, job i for customer{i}@example.com, finished at 1000 + i. */
    private JobQueue failedQueue(String what, int n) {
        String name = what + "-" + QUEUES.incrementAndGet();
        try (Jedis j = new Jedis("127.0.0.1", server.port()); Pipeline p = j.pipelined()) {
            for (int i = 1; i <= n; i++) {
                String key = "bull:" + name + ":" + i;
                p.hset(key, Map.of("name", "charge", "data",
                        "{\"email\":\"customer" + i + "@example.com\",\"cart\":" + i + "}",
                        "opts", "{\"attempts\":1}", "timestamp", Long.toString(900 + i),
                        "processedOn", Long.toString(950 + i), "finishedOn", Long.toString(1000 + i),
                        "attemptsMade", "1", "failedReason", i % 2 == 0 ? "card declined, try later" : "boom",
                        "stacktrace", "[\"Error: boom\\n    at x (y.js:1:1)\"]"));
                p.zadd("bull:" + name + ":failed", 1000 + i, Integer.toString(i));
            }
            p.sync();
        }
        return connection.queue(name);
    }

    private List<Path> leftovers() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".part")).toList();
        }
    }

    @Test
    void exportsEveryFailedJobAsCsvInBullsOrderWithPersonalFieldsMasked() throws IOException {
        // given 2,345 failed jobs: three pages of ids, 24 pipelines of hashes
        JobQueue q = failedQueue("csv", 2_345);
        Path target = dir.resolve("failed.csv");
        List<long[]> progress = new ArrayList<>();

        // when
        JobExport.Result r = new JobExport(JobExport.Format.CSV, PersonalDataMask.DEFAULT).state(q, JobState.FAILED,
                target, (written, total) -> progress.add(new long[] {written, total}));

        // then
        assertEquals(new JobExport.Result(target, 2_345, 0, false), r);
        List<List<String>> records = Csv.parse(Files.readString(target, StandardCharsets.UTF_8));
        assertEquals(List.of("id", "name", "state", "timestamp", "processedOn", "finishedOn", "attemptsMade",
                "failedReason", "data"), records.get(0));
        assertEquals(2_346, records.size());
        assertEquals(q.ids(JobState.FAILED, 0, -1), records.stream().skip(1).map(rec -> rec.get(0)).toList());
        assertEquals(List.of("2345", "charge", "failed", "3245", "3295", "3345", "1", "boom",
                "{\"email\":\"***\",\"cart\":2345}"), records.get(1));
        assertEquals("card declined, try later", records.get(2).get(7));
        assertFalse(Files.readString(target).contains("@example.com"), "no e-mail address in a masked export");
        assertTrue(Files.readString(target).contains("\r\n"), "CRLF line ends");
        assertEquals(24, progress.size());
        assertEquals(2_345, progress.get(23)[0]);
        assertTrue(progress.stream().allMatch(p -> p[1] == 2_345));
        assertEquals(List.of(), leftovers());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(target)), "only the owner may read what may hold personal data");
    }

    @Test
    void jsonExportIsAnArrayOfJobsUnmaskedOnlyWhenAsked() throws IOException {
        JobQueue q = failedQueue("json", 3);
        Path masked = dir.resolve("masked.json");
        Path plain = dir.resolve("plain.json");

        new JobExport(JobExport.Format.JSON, PersonalDataMask.DEFAULT).state(q, JobState.FAILED, masked,
                JobExport.Progress.NONE);
        new JobExport(JobExport.Format.JSON, PersonalDataMask.NONE).state(q, JobState.FAILED, plain,
                JobExport.Progress.NONE);

        JsonNode jobs = Json.parseStrict(Files.readString(masked), "export");
        assertEquals(3, jobs.size());
        JsonNode first = jobs.get(0);
        assertEquals("3", first.get("id").asText());
        assertEquals("***", first.get("data").get("email").asText());
        assertEquals(3, first.get("data").get("cart").asInt());
        assertEquals(1003, first.get("finishedOn").asLong());
        assertEquals("Error: boom\n    at x (y.js:1:1)", first.get("stacktrace").get(0).asText());
        assertEquals("failed", first.get("state").asText());
        assertEquals(4, Files.readAllLines(masked).size() - 1, "one job a line between [ and ]");
        assertEquals("customer3@example.com",
                Json.parseStrict(Files.readString(plain), "export").get(0).get("data").get("email").asText());
    }

    @Test
    void anEmptyStateGivesAnEmptyFile() throws IOException {
        JobQueue q = connection.queue("empty-" + QUEUES.incrementAndGet());
        q.add(NewJob.of("{}"));

        new JobExport(JobExport.Format.JSON, PersonalDataMask.DEFAULT).state(q, JobState.FAILED,
                dir.resolve("none.json"), JobExport.Progress.NONE);
        new JobExport(JobExport.Format.CSV, PersonalDataMask.DEFAULT).state(q, JobState.FAILED,
                dir.resolve("none.csv"), JobExport.Progress.NONE);

        assertEquals(0, Json.parseStrict(Files.readString(dir.resolve("none.json")), "export").size());
        assertEquals(ExportFile.CSV_HEADER + "\r\n", Files.readString(dir.resolve("none.csv")));
    }

    @Test
    void aCancelledExportLeavesNoFileAndKeepsTheOneThatWasThere() throws IOException {
        JobQueue q = failedQueue("cancel", 450);
        Path target = dir.resolve("keep.csv");
        Files.writeString(target, "an earlier export");

        JobExport.Result r = new JobExport(JobExport.Format.CSV, PersonalDataMask.DEFAULT).state(q, JobState.FAILED,
                target, (written, total) -> written < 200);

        assertTrue(r.cancelled());
        assertEquals(200, r.written());
        assertEquals("an earlier export", Files.readString(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void aFailingReadLeavesNoFileBehind() throws IOException {
        JobQueue q = failedQueue("fail", 250);
        Path target = dir.resolve("broken.json");
        try (QueueConnection other = QueueConnection.open(RedisEndpoint.parse(server.url()), "bull")) {
            JobQueue doomed = other.queue(q.name());
            JobExport export = new JobExport(JobExport.Format.JSON, PersonalDataMask.DEFAULT);

            assertThrows(RuntimeException.class, () -> export.state(doomed, JobState.FAILED, target,
                    (written, total) -> {
                        other.close(); // the connection goes away after the first batch
                        return true;
                    }));
        }

        assertFalse(Files.exists(target));
        assertEquals(List.of(), leftovers());
    }

    @Test
    void jobsOfOtherClientsAndVanishedHashesDoNotBreakTheExport() throws IOException {
        JobQueue q = failedQueue("foreign", 3);
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            j.hset("bull:" + q.name() + ":2", "data", "<xml>not json</xml>");
            j.zadd("bull:" + q.name() + ":failed", 5000, "gone");
            j.zadd("bull:" + q.name() + ":failed", 5001, "str");
            j.set("bull:" + q.name() + ":str", "a string, not a hash");
        }
        Path target = dir.resolve("foreign.csv");

        JobExport.Result r = new JobExport(JobExport.Format.CSV, PersonalDataMask.DEFAULT).state(q, JobState.FAILED,
                target, JobExport.Progress.NONE);

        assertEquals(3, r.written());
        assertEquals(2, r.gone());
        List<List<String>> records = Csv.parse(Files.readString(target));
        assertEquals(List.of("3", "2", "1"), records.stream().skip(1).map(rec -> rec.get(0)).toList());
        assertEquals("<xml>not json</xml>", records.get(2).get(8));
    }

    @Test
    void selectedJobsAreExportedInTheGivenOrder() throws IOException {
        JobQueue q = failedQueue("selected", 10);
        Path target = dir.resolve("selected.json");

        JobExport.Result r = new JobExport(JobExport.Format.JSON, PersonalDataMask.DEFAULT).jobs(q,
                List.of("4", "9", "nope", "1"), "failed", target, JobExport.Progress.NONE);

        assertEquals(3, r.written());
        assertEquals(1, r.gone());
        JsonNode jobs = Json.parseStrict(Files.readString(target), "export");
        assertEquals(List.of("4", "9", "1"), List.of(jobs.get(0).get("id").asText(), jobs.get(1).get("id").asText(),
                jobs.get(2).get("id").asText()));
    }

    @Test
    void aTargetInAMissingFolderOrAFolderIsAClearError() {
        JobQueue q = failedQueue("where", 1);
        JobExport export = new JobExport(JobExport.Format.CSV, PersonalDataMask.DEFAULT);

        InvalidInputException noFolder = assertThrows(InvalidInputException.class, () -> export.state(q,
                JobState.FAILED, dir.resolve("no/such/x.csv"), JobExport.Progress.NONE));
        InvalidInputException folder = assertThrows(InvalidInputException.class, () -> export.state(q,
                JobState.FAILED, dir, JobExport.Progress.NONE));

        assertTrue(noFolder.getMessage().endsWith("no/such does not exist"), noFolder.getMessage());
        assertTrue(folder.getMessage().endsWith("it is a folder; give a file name"), folder.getMessage());
    }

    // ------------------------------------------------------------------ CLI

    private record Cli(int code, String out, String err) {
    }

    private Cli cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = MainCommand.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--redis", server.url()));
        all.addAll(List.of(args));
        int code = cl.execute(all.toArray(String[]::new));
        return new Cli(code, out.toString(), err.toString());
    }

    @Test
    void cliExportsAStateMaskedUnlessUnmaskIsGiven() throws IOException {
        JobQueue q = failedQueue("cli", 12_000);
        Path csv = dir.resolve("cli.csv");
        Path json = dir.resolve("cli.json");

        Cli masked = cli("jobs", "export", "--queue", q.name(), "--state", "failed", "--out", csv.toString());
        Cli unmasked = cli("--unmask", "jobs", "export", "--queue", q.name(), "--state", "failed", "--format", "JSON",
                "--out", json.toString());

        assertEquals(0, masked.code(), masked.err());
        assertEquals("exported 12000 failed jobs to " + csv + "; personal fields masked (--unmask to export them)\n",
                masked.out());
        assertEquals("… 10000 of 12000 written\n", masked.err());
        assertEquals(12_001, Csv.parse(Files.readString(csv)).size());
        assertFalse(Files.readString(csv).contains("@example.com"));
        assertEquals(0, unmasked.code(), unmasked.err());
        assertEquals("exported 12000 failed jobs to " + json + "\n", unmasked.out());
        assertEquals("customer12000@example.com",
                Json.parseStrict(Files.readString(json), "export").get(0).get("data").get("email").asText());
    }

    @Test
    void cliSaysWhatIsWrong() {
        JobQueue q = failedQueue("cli-bad", 1);

        Cli noFormat = cli("jobs", "export", "--queue", q.name(), "--state", "failed", "--out",
                dir.resolve("x.txt").toString());
        Cli badFormat = cli("jobs", "export", "--queue", q.name(), "--state", "failed", "--format", "xml", "--out",
                dir.resolve("x.xml").toString());
        Cli noQueue = cli("jobs", "export", "--queue", "nothing-here", "--state", "failed", "--out",
                dir.resolve("x.csv").toString());

        assertEquals(2, noFormat.code());
        assertEquals("error: give --format json or csv (the name x.txt ends in neither)\n", noFormat.err());
        assertEquals(2, badFormat.code());
        assertEquals("error: --format must be json or csv, not 'xml'\n", badFormat.err());
        assertEquals(4, noQueue.code());
        assertFalse(Files.exists(dir.resolve("x.csv")));
    }

    /** A strict RFC 4180 reader for the tests: quoted fields, doubled quotes, CRLF records. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> records = new ArrayList<>();
            List<String> record = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    record.add(field.toString());
                    field.setLength(0);
                } else if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    record.add(field.toString());
                    field.setLength(0);
                    records.add(record);
                    record = new ArrayList<>();
                    i++;
                } else {
                    field.append(c);
                }
            }
            assertTrue(field.isEmpty() && record.isEmpty(), "the file ends with CRLF");
            return records;
        }
    }
}
