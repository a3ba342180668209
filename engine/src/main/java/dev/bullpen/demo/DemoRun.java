package dev.bullpen.demo;

import dev.bullpen.embedded.LocalRedis;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.worker.FailOnRequest;
import dev.bullpen.worker.JobProcessor;
import dev.bullpen.worker.Worker;
import dev.bullpen.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The demo: a Redis (a private one unless a URL is given), a {@code checkout} queue fed with gentle
 * reward-job traffic, and embedded workers processing it (a few jobs fail, some only once).
 */
public final class DemoRun implements AutoCloseable {
    public static final String QUEUE = "checkout";
    private static final Logger LOG = LoggerFactory.getLogger(DemoRun.class);

    private final LocalRedis localRedis;
    private final RedisQueueConnection connection;
    private final List<Worker> workers;
    private final DemoTraffic traffic;

    private DemoRun(LocalRedis localRedis, RedisQueueConnection connection, List<Worker> workers, DemoTraffic traffic) {
        this.localRedis = localRedis;
        this.connection = connection;
        this.workers = workers;
        this.traffic = traffic;
    }

    /** What to run. {@code redis} null: start a private Redis with its files in {@code dataDir}. */
    public record Settings(RedisEndpoint redis, String prefix, Path dataDir, double ratePerSecond, double failShare,
                           int workers, int concurrency, long seed) {
    }

    public static DemoRun start(Settings s) {
        LocalRedis local = s.redis() == null ? LocalRedis.start(s.dataDir()) : null;
        RedisEndpoint endpoint = local == null ? s.redis() : RedisEndpoint.parse(local.url());
        RedisQueueConnection connection = null;
        List<Worker> workers = new ArrayList<>();
        try {
            connection = RedisQueueConnection.open(endpoint, s.prefix());
            for (int i = 0; i < s.workers(); i++) {
                workers.add(new Worker(connection, QUEUE, processor(),
                        WorkerOptions.builder().concurrency(s.concurrency()).build()).start());
            }
            DemoTraffic traffic = new DemoTraffic(connection.queue(QUEUE), s.ratePerSecond(), s.failShare(), s.seed());
            traffic.start();
            LOG.info("Demo running on {}: {} reward jobs/s, {} workers x {}", endpoint.display(), s.ratePerSecond(),
                    s.workers(), s.concurrency());
            return new DemoRun(local, connection, workers, traffic);
        } catch (RuntimeException e) {
            workers.forEach(Worker::close);
            if (connection != null) {
                connection.close();
            }
            if (local != null) {
                local.close();
            }
            throw e;
        }
    }

    /** Reward processing as the demo shows it: 20-150 ms of work with progress and a log line. */
    static JobProcessor processor() {
        return job -> {
            FailOnRequest.check(job);
            int steps = 3;
            for (int i = 1; i <= steps; i++) {
                Thread.sleep(ThreadLocalRandom.current().nextLong(7, 50));
                job.progress(i * 100 / steps);
            }
            job.log("paid rewards for " + job.data().path("purchaseId").asText("?"));
            return Map.of("paid", job.data().path("rewardPoints").asLong());
        };
    }

    /** The Redis the demo uses, e.g. for the console. */
    public RedisEndpoint endpoint() {
        return connection.endpoint();
    }

    public String prefix() {
        return connection.prefix();
    }

    public QueueStatus status() {
        return connection.queue(QUEUE).status();
    }

    public long added() {
        return traffic.added();
    }

    @Override
    public void close() {
        traffic.close();
        for (Worker w : workers) {
            w.close(Duration.ofSeconds(5));
        }
        connection.close();
        if (localRedis != null) {
            localRedis.close();
        }
    }
}
