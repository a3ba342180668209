package dev.bullpen.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.monitor.TimingStats;
import dev.bullpen.queue.BullMetrics;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.Throughput;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The console's charts read what real Node Bull 4.16.5 leaves: a Bull worker (opened with the
 * metrics option) works jobs added by Bullpen, and Bullpen's throughput, activity, job times and
 * metrics reads agree with the finished sets and with Bull's own {@code queue.getMetrics()}.
 */
@ExtendWith(RedisServerExtension.class)
class ChartsInteropIT {

    @Test
    void chartsReadWhatABullWorkerWithMetricsLeaves(RedisServer server) {
        // given 12 jobs added by Bullpen, 3 of which the Bull worker fails
        String prefix = "chartsinterop";
        BullNode bull = new BullNode(server.url(), prefix);
        List<String> ids;
        try (QueueConnection c = QueueConnection.open(RedisEndpoint.parse(server.url()), prefix)) {
            List<NewJob> jobs = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                jobs.add(NewJob.of("{\"n\":" + i + "}"));
            }
            ids = c.queue("work").addBulk(jobs);
        }
        long before = System.currentTimeMillis();

        // when a Bull worker with metrics works them all
        ObjectNode work = bull.args("work").put("count", 12).put("concurrency", 3);
        work.putArray("failIds").add(ids.get(1)).add(ids.get(5)).add(ids.get(9));
        work.putObject("metrics").put("maxDataPoints", 60);
        bull.run("process", work);
        JsonNode nodeCompleted = bull.run("metrics", bull.args("work").put("type", "completed"));
        JsonNode nodeFailed = bull.run("metrics", bull.args("work").put("type", "failed"));
        long now = System.currentTimeMillis();

        // then
        try (QueueConnection c = QueueConnection.open(RedisEndpoint.parse(server.url()), prefix)) {
            JobQueue q = c.queue("work");

            Throughput t = q.throughput(now, 60);
            assertEquals(9, t.completed().stream().mapToLong(Long::longValue).sum());
            assertEquals(3, t.failed().stream().mapToLong(Long::longValue).sum());
            assertEquals(9, t.completedLastMinute());
            assertEquals(3, t.failedLastMinute());

            QueueActivity a = q.health(now, 5).activity();
            assertEquals(9, a.completedLastMinute());
            assertEquals(3, a.failedIn(5));
            assertEquals(OptionalLong.empty(), a.oldestWaitingSince(), "nothing waits");

            TimingStats times = TimingStats.of(q.newestTimes(JobState.COMPLETED, 500));
            assertEquals(9, times.jobs());
            assertEquals(9, times.waitTime().samples());
            assertEquals(9, times.runTime().samples());
            assertTrue(times.firstFinish().getAsLong() >= before && times.lastFinish().getAsLong() <= now,
                    times.toString());

            BullMetrics m = q.bullMetrics(60);
            assertTrue(m.present());
            assertSame(nodeCompleted, m.completed());
            assertSame(nodeFailed, m.failed());
            assertEquals(9, m.completed().count());
            assertEquals(3, m.failed().count());
        }
    }

    /** Bullpen's reading of one type equals Node Bull's {@code getMetrics(type)}. */
    private static void assertSame(JsonNode node, BullMetrics.Series ours) {
        assertEquals(node.get("meta").get("count").asLong(), ours.count(), node.toString());
        assertEquals(node.get("meta").get("prevTS").asLong(), ours.prevTS().orElse(0), node.toString());
        assertEquals(node.get("meta").get("prevCount").asLong(), ours.prevCount(), node.toString());
        List<Long> data = new ArrayList<>();
        node.get("data").forEach(d -> data.add(Long.parseLong(d.asText())));
        assertEquals(data, ours.data(), node.toString());
        assertEquals(node.get("count").asLong(), ours.dataPoints(), node.toString());
    }
}
