package dev.bullpen.metrics;

import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.redis.BullKeys;
import dev.bullpen.queue.redis.RedisQueueConnection;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;

/**
 * The reads behind the queue gauges, a few round trips per queue whatever its size: the status
 * (counts and pause flag, one script), the ends of the wait list and their jobs' times, and
 * {@code CLIENT LIST}.
 */
final class QueueProbe {
    private final RedisQueueConnection connection;

    QueueProbe(RedisQueueConnection connection) {
        this.connection = connection;
    }

    /** One queue's reading. */
    record Reading(QueueStatus status, OptionalLong oldestWaitingSince, OptionalInt workers) {
    }

    /**
     * Reads one queue.
     *
     * @throws dev.bullpen.queue.RedisUnavailableException when Redis cannot be reached
     */
    Reading read(String queue) {
        QueueStatus status = connection.queue(queue).status();
        BullKeys keys = new BullKeys(connection.prefix(), queue);
        OptionalLong since = status.counts().waiting() == 0 ? OptionalLong.empty() : oldestWaitingSince(keys);
        return new Reading(status, since, workers(keys));
    }

    /**
     * When the oldest of the jobs at both ends of the wait list became due (created + delay): the next
     * to be taken and the last added, so exact for FIFO and LIFO queues; with priorities, the list's
     * order is by priority and a lower-priority job in the middle may be older. Empty when the list is
     * empty or its jobs have no readable timestamp (jobs from other clients may hold anything).
     */
    OptionalLong oldestWaitingSince(BullKeys keys) {
        return connection.call(true, () -> {
            List<String> ends = new ArrayList<>();
            try (AbstractPipeline p = connection.redis().pipelined()) {
                Response<String> last = p.lindex(keys.waitList(), -1);
                Response<String> first = p.lindex(keys.waitList(), 0);
                p.sync();
                for (Response<String> r : List.of(last, first)) {
                    if (r.get() != null && !ends.contains(r.get())) {
                        ends.add(r.get());
                    }
                }
            }
            if (ends.isEmpty()) {
                return OptionalLong.empty();
            }
            List<Response<List<String>>> times = new ArrayList<>();
            try (AbstractPipeline p = connection.redis().pipelined()) {
                for (String id : ends) {
                    times.add(p.hmget(keys.job(id), "timestamp", "delay"));
                }
                p.sync();
            }
            OptionalLong oldest = OptionalLong.empty();
            for (Response<List<String>> r : times) {
                long created = number(r.get().get(0));
                if (created <= 0) {
                    continue;
                }
                long due = created + Math.max(0, number(r.get().get(1)));
                if (oldest.isEmpty() || due < oldest.getAsLong()) {
                    oldest = OptionalLong.of(due);
                }
            }
            return oldest;
        });
    }

    /**
     * Connections named as Bull names a worker's ({@code P:base64(Q)}, Bullpen's with {@code :bullpen:<pid>}
     * after it), as Bull's {@code getWorkers()} counts them: one per Node or Bullpen worker. Empty when {@code CLIENT LIST} is not allowed (an
     * ACL user without {@code +client}).
     */
    OptionalInt workers(BullKeys keys) {
        return connection.workerCounts().map(perQueue -> OptionalInt.of(perQueue.getOrDefault(keys.queue(), 0)))
                .orElse(OptionalInt.empty());
    }

    private static long number(String s) {
        if (s == null) {
            return 0;
        }
        try {
            return (long) Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
