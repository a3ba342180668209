package dev.bullpen.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.queue.Backoff;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.NotFoundException;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import redis.clients.jedis.Jedis;

/** Reading ids and jobs by id, and duplicating jobs, on a real, private Redis. */
@ExtendWith(RedisServerExtension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JobCopyIT {
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

    private JobQueue queue(String what) {
        return connection.queue(what + "-" + QUEUES.incrementAndGet());
    }

    @Test
    void idsAreListedInBullsOrderAndJobsReadByIdToleratingForeignKeys() {
        // given
        JobQueue q = queue("ids");
        List<String> added = q.addBulk(List.of(NewJob.of("{\"a\":1}"), NewJob.of("{\"a\":2}"), NewJob.of("{\"a\":3}")));
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            j.set("bull:" + q.name() + ":odd", "not a hash");
        }

        // when
        List<String> ids = q.ids(JobState.WAITING, 0, -1);
        List<JobSnapshot> jobs = q.jobs(List.of(added.get(1), "odd", "none", added.get(0)));

        // then
        assertEquals(q.jobs(JobState.WAITING, 0, -1).stream().map(JobSnapshot::id).toList(), ids);
        assertEquals(List.of(added.get(2), added.get(1), added.get(0)), ids);
        assertEquals(List.of(added.get(1), "odd", "none", added.get(0)), jobs.stream().map(JobSnapshot::id).toList());
        assertEquals("{\"a\":2}", jobs.get(0).data().orElseThrow());
        assertTrue(jobs.get(1).missing() && jobs.get(2).missing());
        assertEquals(List.of(), q.jobs(List.of()));
        assertEquals(List.of(added.get(1)), q.ids(JobState.WAITING, 1, 1));
    }

    @Test
    void aDuplicateHasTheNameDataAndOptionsButANewIdAndIsCreatedNow() {
        // given a job with a custom id, created long ago, delayed by a minute
        JobQueue q = queue("dup");
        String original = q.add(new NewJob("charge", "{\"cart\":7,\"email\":\"a@b.c\"}", JobOptions.defaults()
                .jobId("order-7").attempts(3).backoff(Backoff.exponential(1_000)).priority(2).delay(60_000)
                .timestamp(1_000)));
        long before = System.currentTimeMillis();

        // when
        String copy = q.duplicate(original);

        // then
        assertEquals("order-7", original);
        assertNotEquals(original, copy);
        JobSnapshot c = q.job(copy).orElseThrow();
        JobSnapshot o = q.job(original).orElseThrow();
        assertEquals("charge", c.name());
        assertEquals(o.data(), c.data());
        JsonNode opts = Json.parseStrict(c.field("opts").orElseThrow(), "opts");
        assertEquals(3, opts.get("attempts").asInt());
        assertEquals("exponential", opts.get("backoff").get("type").asText());
        assertEquals(2, opts.get("priority").asInt());
        assertEquals(60_000, opts.get("delay").asLong());
        assertFalse(opts.has("jobId"));
        assertTrue(opts.get("timestamp").asLong() >= before, "created now, not at the original's time");
        assertEquals("delayed", q.detail(copy).orElseThrow().state());
    }

    @Test
    void aDuplicateOfDataThatIsNotJsonKeepsItAsStored() {
        JobQueue q = queue("raw");
        String id = q.add(NewJob.of("{}"));
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            j.hset("bull:" + q.name() + ":" + id, "data", "<xml>legacy</xml>");
            j.hdel("bull:" + q.name() + ":" + id, "name");
        }

        String copy = q.duplicate(id);

        assertEquals("<xml>legacy</xml>", q.job(copy).orElseThrow().data().orElseThrow());
        assertEquals(NewJob.DEFAULT_NAME, q.job(copy).orElseThrow().name());
        assertEquals("waiting", q.detail(copy).orElseThrow().state());
    }

    @Test
    void aMissingJobOrUnusableOptionsAreClearErrors() {
        JobQueue q = queue("bad");
        String id = q.add(NewJob.of("{}"));
        try (Jedis j = new Jedis("127.0.0.1", server.port())) {
            j.hset("bull:" + q.name() + ":" + id, "opts", "{\"attempts\":\"many\"}");
        }

        NotFoundException missing = assertThrows(NotFoundException.class, () -> q.duplicate("404"));
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> q.duplicate(id));

        assertEquals("job 404 not found in queue " + q.name(), missing.getMessage());
        assertEquals("job " + id + " cannot be duplicated: its stored options are not valid: "
                + "opts.attempts must be an integer, got \"many\"", bad.getMessage());
        assertEquals(1, q.status().counts().waiting());
    }
}
