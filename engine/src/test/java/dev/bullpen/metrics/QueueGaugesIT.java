package dev.bullpen.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.CheckoutOptions;
import dev.bullpen.checkout.CheckoutRejectedException;
import dev.bullpen.checkout.CheckoutService;
import dev.bullpen.checkout.CircuitBreaker;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.checkout.Seeder;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.BullKeys;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.SettableClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/** The queue gauges read from a real Redis (and a real H2 mall), refreshed by hand with a settable clock. */
class QueueGaugesIT {
    private static final long T0 = 1_700_000_000_000L;

    @Test
    void gaugesShowDepthOldestWaitingAgeWorkersOutboxAndARedisThatStops() throws Exception {
        SettableClock clock = new SettableClock(T0);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (RedisServer redis = RedisServer.start();
                RedisQueueConnection c = RedisQueueConnection.open(RedisEndpoint.parse(redis.url()), "mg", clock);
                MallStore store = JdbcMallStore.open("jdbc:h2:mem:gauges-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
                Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", redis.port()));
                QueueGauges gauges = new QueueGauges(registry, new QueueProbe(c), List.of("mail", "idle"),
                        Optional.of(store), clock)) {
            // given no read yet: nothing is known
            assertTrue(Double.isNaN(Scrape.value(registry.scrape(), "bullpen_redis_up")));

            // given 3 jobs added 10 s apart, a delayed one, and a waiting id whose hash is gone
            JobQueue mail = c.queue("mail");
            for (int i = 0; i < 3; i++) {
                mail.add(NewJob.of("{\"i\":" + i + "}"));
                clock.advance(10_000);
            }
            mail.add(new NewJob("later", "{}", JobOptions.defaults().delay(600_000)));
            BullKeys keys = new BullKeys("mg", "mail");
            jedis.lpush(keys.waitList(), "ghost");
            // and two outbox rows left by checkouts whose push failed, 30 and 35 s after the first job
            new Seeder(store).seed(12, 3, 5);
            CheckoutService offline = new CheckoutService(store, e -> {
                throw new IllegalStateException("Redis down (test)");
            }, new CircuitBreaker(100, Duration.ofSeconds(1), clock), RewardSettings.defaults(),
                    CheckoutOptions.defaults(), clock);
            int rows = 0;
            for (long customer = 1; customer <= 12 && rows < 2; customer++) {
                try {
                    offline.checkout(customer, null);
                    rows++;
                    clock.advance(5_000);
                } catch (CheckoutRejectedException refused) {
                    // a seeded cart that cannot be bought
                }
            }
            assertEquals(2, rows);

            // when the gauges are read 90 s after the first job was added
            clock.advance(90_000 - 30_000 - 10_000);
            gauges.refreshSafely();
            String text = registry.scrape();

            // then
            assertEquals(1, Scrape.value(text, "bullpen_redis_up"));
            assertEquals(4, Scrape.value(text, "bullpen_queue_jobs{queue=\"mail\",state=\"waiting\"}"));
            assertEquals(1, Scrape.value(text, "bullpen_queue_jobs{queue=\"mail\",state=\"delayed\"}"));
            assertEquals(0, Scrape.value(text, "bullpen_queue_jobs{queue=\"mail\",state=\"completed\"}"));
            assertEquals(0, Scrape.value(text, "bullpen_queue_paused{queue=\"mail\"}"));
            assertEquals(90, Scrape.value(text, "bullpen_queue_oldest_waiting_age_seconds{queue=\"mail\"}"), 1e-9);
            assertEquals(0, Scrape.value(text, "bullpen_queue_workers{queue=\"mail\"}"));
            assertEquals(0, Scrape.value(text, "bullpen_queue_jobs{queue=\"idle\",state=\"waiting\"}"));
            assertEquals(0, Scrape.value(text, "bullpen_queue_oldest_waiting_age_seconds{queue=\"idle\"}"));
            assertEquals(2, Scrape.value(text, "bullpen_outbox_pending"));
            assertEquals(60, Scrape.value(text, "bullpen_outbox_oldest_pending_age_seconds"), 1e-9);

            // when a worker connects as Bull names it, the queue is paused, and time passes (no new read)
            try (Jedis worker = new Jedis(new HostAndPort("127.0.0.1", redis.port()))) {
                worker.clientSetname(keys.workerClientName());
                mail.pause();
                clock.advance(30_000);
                assertEquals(120, Scrape.value(registry.scrape(),
                        "bullpen_queue_oldest_waiting_age_seconds{queue=\"mail\"}"), 1e-9, "the age grows between reads");
                gauges.refreshSafely();
                text = registry.scrape();
                assertEquals(1, Scrape.value(text, "bullpen_queue_workers{queue=\"mail\"}"));
                assertEquals(1, Scrape.value(text, "bullpen_queue_paused{queue=\"mail\"}"));
                assertEquals(4, Scrape.value(text, "bullpen_queue_jobs{queue=\"mail\",state=\"paused\"}"));
                assertEquals(0, Scrape.value(text, "bullpen_queue_oldest_waiting_age_seconds{queue=\"mail\"}"),
                        "a paused queue's jobs are not waiting");
            }

            // when Redis dies
            redis.kill();
            gauges.refreshSafely();
            text = registry.scrape();
            assertEquals(0, Scrape.value(text, "bullpen_redis_up"));
            assertTrue(Double.isNaN(Scrape.value(text, "bullpen_queue_jobs{queue=\"mail\",state=\"waiting\"}")),
                    "no stale depth");
            assertTrue(Double.isNaN(Scrape.value(text, "bullpen_queue_workers{queue=\"mail\"}")));
            assertEquals(2, Scrape.value(text, "bullpen_outbox_pending"), "the database still answers");

            // and comes back (empty: no persistence)
            redis.restart();
            gauges.refreshSafely();
            text = registry.scrape();
            assertEquals(1, Scrape.value(text, "bullpen_redis_up"));
            assertEquals(0, Scrape.value(text, "bullpen_queue_jobs{queue=\"mail\",state=\"waiting\"}"));
        }
    }

    @Test
    void jobsFromOtherClientsWithGarbageTimesDoNotBreakTheAge() throws Exception {
        SettableClock clock = new SettableClock(T0);
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (RedisServer redis = RedisServer.start();
                RedisQueueConnection c = RedisQueueConnection.open(RedisEndpoint.parse(redis.url()), "mg", clock);
                Jedis jedis = new Jedis(new HostAndPort("127.0.0.1", redis.port()));
                QueueGauges gauges = new QueueGauges(registry, new QueueProbe(c), List.of("odd"), Optional.empty(),
                        clock)) {
            BullKeys keys = new BullKeys("mg", "odd");
            jedis.hset(keys.job("a"), Map.of("timestamp", "not a number", "delay", "x", "data", "\u0000"));
            jedis.hset(keys.job("b"), Map.of("timestamp", Long.toString(T0 - 5_000), "delay", "-20"));
            jedis.rpush(keys.waitList(), "a");
            jedis.lpush(keys.waitList(), "b");

            gauges.refreshSafely();
            String text = registry.scrape();

            assertEquals(1, Scrape.value(text, "bullpen_redis_up"));
            assertEquals(2, Scrape.value(text, "bullpen_queue_jobs{queue=\"odd\",state=\"waiting\"}"));
            assertEquals(5, Scrape.value(text, "bullpen_queue_oldest_waiting_age_seconds{queue=\"odd\"}"), 1e-9);
            assertTrue(!Scrape.has(text, "bullpen_outbox_pending"), "no store, no outbox gauge");
        }
    }
}
