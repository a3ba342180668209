package dev.bullpen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.Audit;
import dev.bullpen.checkout.AuditReport;
import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.CheckoutOptions;
import dev.bullpen.checkout.CheckoutRejectedException;
import dev.bullpen.checkout.CheckoutService;
import dev.bullpen.checkout.CircuitBreaker;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.Purchase;
import dev.bullpen.checkout.QueueLiveness;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.checkout.Seeder;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code bullpen worker --queue checkout} in its own JVM, fed by real checkouts, stopped with SIGTERM. */
@ExtendWith(RedisServerExtension.class)
class WorkerCommandIT {
    @TempDir
    Path dir;

    @Test
    void workerProcessPaysEveryCheckoutAndRelaysTheOutboxThenStopsCleanlyOnSigterm(RedisServer redis)
            throws Exception {
        // given a seeded mall on an H2 file other processes can open, and a worker process on it
        String db = "jdbc:h2:file:" + dir.resolve("mall") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        String prefix = "wc" + UUID.randomUUID().toString().substring(0, 6);
        Clock clock = Clock.systemUTC();
        Path log = dir.resolve("worker.log");
        try (MallStore store = JdbcMallStore.open(db);
                QueueConnection connection = QueueConnection.open(RedisEndpoint.parse(redis.url()), prefix)) {
            new Seeder(store).seed(40, 5, 7);
            Process worker = Child.start(log, "--redis", redis.url(), "--prefix", prefix, "worker", "--queue",
                    "checkout", "--concurrency", "3", "--db", db, "--fail-rate", "0.3");
            try {
                // when customers check out, one of them while the queue is unreachable (the job stays in the outbox)
                CheckoutService online = service(store, new BullRewardJobPublisher(() -> connection, clock), clock);
                CheckoutService offline = service(store, entry -> {
                    throw new IllegalStateException("Redis down (test)");
                }, clock);
                int purchases = 0;
                int outboxOnly = 0;
                for (long id = 1; id <= 40; id++) {
                    try {
                        boolean queued = (outboxOnly == 0 && id > 5 ? offline : online).checkout(id, null).queued();
                        purchases++;
                        if (!queued) {
                            outboxOnly++;
                        }
                    } catch (CheckoutRejectedException refused) {
                        // some seeded carts hold an inactive product or cost more than the wallet
                    }
                }
                assertTrue(purchases >= 20, "purchases: " + purchases);
                assertEquals(1, outboxOnly);

                // then every purchase gets its rewards from the worker process, including the relayed one
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
                while (store.purchases().stream().anyMatch(p -> !p.isCompleted()) && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                assertTrue(store.purchases().stream().allMatch(Purchase::isCompleted),
                        "not all rewards completed; worker log:\n" + Child.read(log));
                AuditReport audit = new Audit(store).run(QueueLiveness.of(connection.queue(RewardJob.QUEUE)));
                assertTrue(audit.clean(), audit.violations().toString());
                assertEquals(purchases, audit.purchases());
                // the injected first-attempt failures were retried, not lost
                assertEquals(0, connection.queue(RewardJob.QUEUE).status().counts().failed());
            } finally {
                worker.destroy(); // SIGTERM
            }
            // and SIGTERM ends the process gracefully with exit code 0
            assertTrue(worker.waitFor(30, TimeUnit.SECONDS), "worker did not stop");
            String output = Child.read(log);
            assertEquals(0, worker.exitValue(), output);
            assertTrue(output.contains("worker stopped: "), output);
        }
    }

    private static CheckoutService service(MallStore store, dev.bullpen.checkout.RewardJobPublisher publisher,
            Clock clock) {
        return new CheckoutService(store, publisher, new CircuitBreaker(3, Duration.ofSeconds(30), clock),
                RewardSettings.defaults(), CheckoutOptions.defaults(), clock);
    }
}
