package dev.bullpen.app;

import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import java.util.List;
import redis.clients.jedis.Jedis;

/**
 * Jobs in states the engine's queue API cannot produce without a worker. A job is added through the
 * engine, then moved the way Bull's {@code moveToFinished} leaves a failed job: out of {@code wait},
 * into the {@code failed} zset scored by finishedOn, with failedReason, stacktrace (a JSON array, one
 * trace per attempt, oldest first), processedOn, finishedOn and attemptsMade on its hash.
 */
final class BullFixtures {
    private BullFixtures() {
    }

    static String failedJob(int port, JobQueue queue, String dataJson, String reason, List<String> stacktraces) {
        String id = queue.add(NewJob.of(dataJson));
        long now = System.currentTimeMillis();
        String key = queue.prefix() + ":" + queue.name() + ":";
        StringBuilder traces = new StringBuilder("[");
        for (int i = 0; i < stacktraces.size(); i++) {
            traces.append(i == 0 ? "" : ",").append('"').append(stacktraces.get(i).replace("\n", "\\n")).append('"');
        }
        traces.append(']');
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.lrem(key + "wait", 0, id);
            jedis.zadd(key + "failed", now, id);
            jedis.hset(key + id, java.util.Map.of(
                    "failedReason", reason,
                    "stacktrace", traces.toString(),
                    "processedOn", String.valueOf(now - 1_500),
                    "finishedOn", String.valueOf(now),
                    "attemptsMade", String.valueOf(stacktraces.size())));
        }
        return id;
    }

    /** Overwrites a job's data as a client that does not write JSON would. */
    static void rawData(int port, JobQueue queue, String id, String data) {
        try (Jedis jedis = new Jedis("127.0.0.1", port)) {
            jedis.hset(queue.prefix() + ":" + queue.name() + ":" + id, "data", data);
        }
    }
}
