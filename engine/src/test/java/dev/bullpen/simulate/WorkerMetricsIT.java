package dev.bullpen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.CheckoutOptions;
import dev.bullpen.checkout.CheckoutRejectedException;
import dev.bullpen.checkout.CheckoutService;
import dev.bullpen.checkout.CircuitBreaker;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.Purchase;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.checkout.Seeder;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.metrics.Scrape;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * {@code bullpen worker --metrics-port P} in its own JVM: its {@code /metrics} over HTTP shows the queue's depth
 * moving, its worker connected, and counters and histograms that match the jobs it processed.
 */
@ExtendWith(RedisServerExtension.class)
class WorkerMetricsIT {
    private static final String Q = "{queue=\"checkout\"";

    @TempDir
    Path dir;

    @Test
    void workerServesItsJobCountsHistogramsAndTheQueueDepthOverHttp(RedisServer redis) throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("mall") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        String prefix = "wm" + UUID.randomUUID().toString().substring(0, 6);
        Clock clock = Clock.systemUTC();
        Path log = dir.resolve("worker.log");
        int port = RedisServer.freePort();
        String url = "http://127.0.0.1:" + port + "/metrics";
        try (MallStore store = JdbcMallStore.open(db);
                QueueConnection connection = QueueConnection.open(RedisEndpoint.parse(redis.url()), prefix)) {
            new Seeder(store).seed(40, 5, 3);
            JobQueue queue = connection.queue(RewardJob.QUEUE);
            queue.pause(); // jobs wait in Bull's paused list until we look at them
            Process worker = Child.start(log, "--redis", redis.url(), "--prefix", prefix, "worker", "--queue",
                    "checkout", "--concurrency", "3", "--db", db, "--fail-rate", "0.3", "--metrics-port",
                    Integer.toString(port), "--bull-metrics-max-data-points", "60");
            try {
                String first = awaitScrape(url, log, t -> Scrape.has(t, "bullpen_queue_workers" + Q + "}")
                        && Scrape.value(t, "bullpen_queue_workers" + Q + "}") == 1);
                assertTrue(Child.read(log).contains("metrics on " + url), Child.read(log));
                assertEquals(1, Scrape.value(first, "bullpen_redis_up"));
                assertEquals(1, Scrape.value(first, "bullpen_queue_paused" + Q + "}"));
                assertTrue(Scrape.value(first, "process_cpu_usage") >= 0);
                assertTrue(Scrape.value(first, "process_resident_memory_bytes") > 0);

                // given customers checking out while the queue is paused
                CheckoutService service = new CheckoutService(store, new BullRewardJobPublisher(() -> connection,
                        clock), new CircuitBreaker(3, Duration.ofSeconds(30), clock), RewardSettings.defaults(),
                        CheckoutOptions.defaults(), clock);
                int purchases = 0;
                for (long id = 1; id <= 40; id++) {
                    try {
                        service.checkout(id, null);
                        purchases++;
                    } catch (CheckoutRejectedException refused) {
                        // some seeded carts hold an inactive product or cost more than the wallet
                    }
                }
                assertTrue(purchases >= 20, "purchases: " + purchases);
                int n = purchases;

                // then the depth shows them paused
                awaitScrape(url, log, t -> Scrape.value(t, "bullpen_queue_jobs" + Q + ",state=\"paused\"}") == n);

                // when the queue is resumed and the worker pays every purchase
                queue.resume();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (store.purchases().stream().anyMatch(p -> !p.isCompleted()) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(store.purchases().stream().allMatch(Purchase::isCompleted), Child.read(log));

                // then depth, counters and histograms agree with what happened
                String text = awaitScrape(url, log,
                        t -> Scrape.value(t, "bullpen_queue_jobs" + Q + ",state=\"completed\"}") == n
                                && Scrape.value(t, "bullpen_jobs_completed_total" + Q + "}") == n);
                assertEquals(0, Scrape.value(text, "bullpen_queue_jobs" + Q + ",state=\"paused\"}"));
                assertEquals(0, Scrape.value(text, "bullpen_queue_jobs" + Q + ",state=\"waiting\"}"));
                assertEquals(0, Scrape.value(text, "bullpen_queue_paused" + Q + "}"));
                assertEquals(0, Scrape.value(text, "bullpen_jobs_failed_total" + Q + "}"));
                double retries = Scrape.value(text, "bullpen_job_retries_total" + Q + "}");
                assertTrue(retries >= 1, "a 30% first-attempt failure rate failed some: " + retries);
                assertEquals(n, Scrape.value(text, "bullpen_job_wait_seconds_count" + Q + "}"),
                        "one wait per first attempt");
                assertEquals(n, Scrape.value(text,
                        "bullpen_job_run_seconds_count{outcome=\"completed\",queue=\"checkout\"}"));
                assertEquals(retries, Scrape.value(text,
                        "bullpen_job_run_seconds_count{outcome=\"failed\",queue=\"checkout\"}"));
                assertEquals(n, Scrape.value(text,
                        "bullpen_job_run_seconds_bucket{outcome=\"completed\",queue=\"checkout\",le=\"+Inf\"}"));
                assertEquals(0, Scrape.value(text, "bullpen_outbox_pending"));
                assertEquals(1, Scrape.value(text, "bullpen_redis_up"));
                // and Bull's own per-minute metrics were kept, as asked
                try (Jedis j = new Jedis(new HostAndPort("127.0.0.1", redis.port()))) {
                    assertEquals(Integer.toString(n), j.hget(prefix + ":checkout:metrics:completed", "count"));
                }
            } finally {
                worker.destroy(); // SIGTERM
            }
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "worker did not stop");
            assertEquals(0, worker.exitValue(), Child.read(log));
            assertThrows(IOException.class, () -> Scrape.get(url), "the endpoint closes with the worker");
        }
    }

    /** Scrapes until the text passes {@code check} (the gauges refresh every 5 s), at most 30 s. */
    private static String awaitScrape(String url, Path log, Predicate<String> check) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String last = "(nothing scraped)";
        while (System.nanoTime() < deadline) {
            try {
                last = Scrape.get(url);
                if (check.test(last)) {
                    return last;
                }
            } catch (IOException | AssertionError notYet) {
                // not listening yet, or a gauge not read yet
            }
            Thread.sleep(250);
        }
        throw new AssertionError("metrics never showed what was expected; last scrape:\n" + last + "\nworker log:\n"
                + Child.read(log));
    }
}
