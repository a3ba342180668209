package dev.bullpen.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.monitor.ConnectedWorker;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.simulate.ArrivalPattern;
import dev.bullpen.simulate.LoadProfile;
import dev.bullpen.simulate.SimulationListener;
import dev.bullpen.simulate.SimulationReport;
import dev.bullpen.simulate.Slo;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

/** The lab's runs on its own prefix and database, its guard against other workers, and its embedded workers. */
@ExtendWith(RedisServerExtension.class)
class LabIT {
    @TempDir
    Path dir;

    private final String prefix = "lab" + UUID.randomUUID().toString().substring(0, 6);

    @Test
    void aRunSeedsTheLabMallClearsTheLeftoversOfAnEarlierRunAndDrains(RedisServer redis) throws Exception {
        // given a job left in the lab's queue by an earlier run
        RedisEndpoint endpoint = RedisEndpoint.parse(redis.url());
        try (QueueConnection c = QueueConnection.open(endpoint, prefix)) {
            c.queue("checkout").add(NewJob.of("{\"purchaseId\":\"gone\"}"));
        }
        Lab lab = new Lab(endpoint, prefix, dir);

        // when a small run goes
        SimulationReport report = lab.prepare(plan(2), Clock.systemUTC()).run(SimulationListener.NONE, s -> { });

        // then it drained with a clean audit, on the lab's own database, and the old job is gone
        assertTrue(report.passed(), dev.bullpen.simulate.SummaryTable.render(report));
        assertTrue(lab.defaultDbUrl().contains(dir.resolve("mall").toString()), lab.defaultDbUrl());
        assertEquals(JdbcUrl.of(lab.defaultDbUrl()), report.parameters().get("database"));
        assertEquals(report.checkouts(), report.rewardsCompleted());
        assertTrue(report.parameters().get("redis").startsWith("redis://127.0.0.1:"), report.parameters().toString());
    }

    @Test
    void aWorkerOfAnotherProcessOnTheLabQueueStopsTheRunBeforeAnything(RedisServer redis) {
        // given a connection named as a Node Bull worker of the lab's checkout queue
        RedisEndpoint endpoint = RedisEndpoint.parse(redis.url());
        try (Jedis node = new Jedis(endpoint.host(), endpoint.port())) {
            node.clientSetname(prefix + ":" + java.util.Base64.getEncoder().encodeToString("checkout".getBytes()));

            // when / then
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> new Lab(endpoint, prefix, dir).prepare(plan(1), Clock.systemUTC()));
            assertTrue(e.getMessage().startsWith("1 worker(s) of other processes serve queue 'checkout' under the "
                    + "lab's prefix " + prefix + " (Node (Bull) at 127.0.0.1:"), e.getMessage());
        }
    }

    @Test
    void embeddedWorkersStartScaleAndStopAndShowInTheClientList(RedisServer redis) throws Exception {
        RedisEndpoint endpoint = RedisEndpoint.parse(redis.url());
        Lab lab = new Lab(endpoint, prefix, dir);
        try (EmbeddedWorkers workers = EmbeddedWorkers.onDatabase(endpoint, prefix, lab.defaultDbUrl());
             QueueInspector inspector = new QueueInspector(endpoint, "bull")) {
            // when two workers of 2 slots start
            workers.scale(2, 2);
            // then two Bullpen workers of this process serve the lab's checkout queue
            awaitTrue(() -> inspector.workers(List.of(prefix)).size() == 2);
            assertTrue(inspector.workers(List.of(prefix)).stream().allMatch(w -> w.thisProcess()
                    && w.kind() == ConnectedWorker.Kind.BULLPEN && w.queue().equals("checkout")));
            assertEquals(List.of(1, 2), workers.status().stream().map(EmbeddedWorkers.WorkerStatus::number).toList());

            // when scaled to one worker of 3 slots
            workers.scale(1, 3);
            // then the first is restarted with 3 slots and the second stopped
            assertEquals(1, workers.status().size());
            assertEquals(3, workers.status().get(0).concurrency());
            awaitTrue(() -> inspector.workers(List.of(prefix)).size() == 1);

            // when stopped
            workers.stopAll();
            // then none is connected
            assertEquals(List.of(), workers.status());
            awaitTrue(() -> inspector.workers(List.of(prefix)).isEmpty());
            assertThrows(IllegalArgumentException.class, () -> workers.scale(-1, 2));
            assertThrows(IllegalArgumentException.class, () -> workers.scale(1, 0));
        }
    }

    private static Lab.Plan plan(int workers) {
        LoadProfile profile = new LoadProfile(new ArrivalPattern.ClosedLoop(2), null, 20, 3, Duration.ofSeconds(60));
        return new Lab.Plan(40, 4, null, false, workers, 2, 0, 0, Slo.parseList("checkout-p99=60s"), profile);
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(50);
        }
    }

    /** The database as the report names it (no password). */
    private static final class JdbcUrl {
        static String of(String url) {
            return dev.bullpen.checkout.jdbc.JdbcMallStore.safe(url);
        }
    }
}
