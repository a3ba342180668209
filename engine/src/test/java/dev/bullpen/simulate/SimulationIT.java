package dev.bullpen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.Purchase;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.Json;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The simulator against a real Redis and a real H2 file: its numbers, its verdicts, its chaos. */
@ExtendWith(RedisServerExtension.class)
class SimulationIT {
    @TempDir
    Path dir;

    record Run(int exit, String out) {
    }

    @Test
    void aKnownCheckoutDelayShowsInThePercentilesAndBoundsTheThroughput(RedisServer redis) throws Exception {
        // given a checkout that takes 150 ms longer than it would
        SimulationSetup setup = setup(redis, 60);
        LoadProfile profile = new LoadProfile(new ArrivalPattern.ClosedLoop(4), null, 40, 5, Duration.ofSeconds(60));
        Simulation simulation = new Simulation(setup, profile, Clock.systemUTC(), real -> id -> {
            sleep(150);
            return real.checkout(id);
        });

        // when 4 customers check out 40 times
        SimulationReport report = simulation.run(SimulationListener.NONE, line -> { });

        // then every successful checkout is measured at 150 ms or more, and 4 customers cannot beat 4 / 0.15 s
        MeasureSummary checkout = report.measures().get("checkout");
        assertEquals(report.checkouts(), checkout.count());
        assertTrue(report.checkouts() >= 30, "checkouts: " + report.checkouts());
        assertTrue(checkout.p50() >= 150 && checkout.p99() >= 150, "checkout: " + checkout);
        assertTrue(report.throughput() <= 4 / 0.150 + 0.5, "throughput: " + report.throughput());
        // and the rewards were all paid and measured
        assertTrue(report.drained());
        assertEquals(report.checkouts(), report.measures().get("end-to-end").count());
        assertTrue(report.auditClean(), String.valueOf(report.audit()));
    }

    @Test
    void theOpenLoopCountsTheWaitBehindAStalledCheckout(RedisServer redis) throws Exception {
        // given arrivals at 40/s, one checkout at a time, and one checkout that stalls for 1 s
        SimulationSetup setup = setup(redis, 80);
        LoadProfile profile = new LoadProfile(new ArrivalPattern.OpenLoop(40, 1), null, 60, 9, Duration.ofSeconds(60));
        AtomicBoolean stalled = new AtomicBoolean();
        Simulation simulation = new Simulation(setup, profile, Clock.systemUTC(), real -> id -> {
            if (stalled.compareAndSet(false, true)) {
                sleep(1000);
            }
            return real.checkout(id);
        });

        // when 60 checkouts arrive
        SimulationReport report = simulation.run(SimulationListener.NONE, line -> { });

        // then the checkouts that arrived during the stall are counted from their intended start (no
        // coordinated omission): far more than one sample is slow
        MeasureSummary checkout = report.measures().get("checkout");
        assertTrue(checkout.max() >= 1000, "checkout: " + checkout);
        assertTrue(checkout.p50() >= 150, "checkout: " + checkout);
        assertTrue(report.auditClean(), String.valueOf(report.audit()));
    }

    @Test
    void aMissedSloExitsOneAndAMetOneWritesASelfContainedHtmlReport(RedisServer redis) throws Exception {
        // when the objective cannot be met
        Run missed = cli(redis, "missed", "simulate", "--customers", "60", "--checkouts", "30", "--concurrency", "4",
                "--slo", "checkout-p99=1us,job-p99=60s");

        // then the run fails with exit code 1 and says which objective was missed
        assertEquals(1, missed.exit(), missed.out());
        assertTrue(missed.out().contains("checkout-p99=0.00ms") && missed.out().contains("MISSED"), missed.out());
        assertTrue(missed.out().contains("audit        clean"), missed.out());

        // when it is generous
        Path html = dir.resolve("report.html");
        Run met = cli(redis, "met", "simulate", "--customers", "60", "--checkouts", "30", "--concurrency", "4",
                "--slo", "checkout-p99=60s", "--report", html.toString());

        // then exit 0, and the report is one HTML file with charts that loads nothing from anywhere
        assertEquals(0, met.exit(), met.out());
        String page = Files.readString(html);
        assertTrue(page.startsWith("<!DOCTYPE html>") && page.contains("<svg") && page.contains("<polyline"), page);
        assertTrue(page.contains("Checkout latency over time") && page.contains("Queue depth over time")
                && page.contains("Latency distribution"), page);
        assertFalse(page.contains("http://") || page.contains("https://") || page.contains("src=")
                || page.contains("<link"), "the page refers to something outside itself");
    }

    @Test
    void workersKilledWithSigkillDuringTheLoadLoseAndDoubleNothing(RedisServer redis) throws Exception {
        // when worker processes are killed every 2 s while customers check out (and some first attempts fail)
        Path json = dir.resolve("chaos.json");
        Run run = cli(redis, "chaos", "simulate", "--customers", "80", "--duration", "7s", "--concurrency", "4",
                "--workers", "2", "--worker-concurrency", "2", "--fail-rate", "0.2", "--chaos", "kill-worker:2s",
                "--report", json.toString());

        // then the run passes: drained, audit clean
        assertEquals(0, run.exit(), run.out());
        Matcher kills = Pattern.compile("chaos: (\\d+) worker process\\(es\\) killed").matcher(run.out());
        assertTrue(kills.find() && Integer.parseInt(kills.group(1)) >= 2, run.out());
        JsonNode report = Json.parseLenient(Files.readString(json)).orElseThrow();
        assertTrue(report.get("audit").get("clean").asBoolean(), report.toString());
        long checkouts = report.get("checkouts").asLong();
        assertTrue(checkouts > 10, "checkouts: " + checkouts);

        // and the database holds exactly one purchase per successful checkout, each with its rewards paid
        try (MallStore store = JdbcMallStore.open(dbUrl("chaos"))) {
            List<Purchase> purchases = store.purchases();
            assertEquals(checkouts, purchases.size());
            assertTrue(purchases.stream().allMatch(Purchase::isCompleted));
            assertEquals(checkouts, report.get("rewardsCompleted").asLong());
        }
    }

    @Test
    void aRedisRestartDuringTheLoadLosesNoRewardAndPaysNoneTwice() throws Exception {
        // given the simulator's own Redis, restarted (SIGKILL, then started again) 1.5 s into the load
        SimulationSetup setup = new SimulationSetup(60, 5, false, dbUrl(), null, prefix(), 1, 2, false, 0.1,
                Chaos.parse(List.of("redis-restart:1500ms")), List.of(), dir.resolve("sim"));
        LoadProfile profile = new LoadProfile(new ArrivalPattern.ClosedLoop(4), Duration.ofSeconds(4), 0, 11,
                Duration.ofSeconds(60));
        List<String> said = new java.util.concurrent.CopyOnWriteArrayList<>();

        // when customers check out through it
        SimulationReport report = new Simulation(setup, profile, Clock.systemUTC(), c -> c)
                .run(SimulationListener.NONE, said::add);

        // then the restart happened, the queue drained, the audit is clean, one completed purchase per checkout
        assertTrue(said.contains("chaos: Redis restarted"), said.toString());
        assertTrue(report.passed(), SummaryTable.render(report));
        try (MallStore store = JdbcMallStore.open(dbUrl())) {
            List<Purchase> purchases = store.purchases();
            assertEquals(report.checkouts(), purchases.size());
            assertTrue(purchases.stream().allMatch(Purchase::isCompleted));
        }
    }

    @Test
    void jobsFailedForGoodWaitInTheFailedListCountAsRetryableAndAManualRetryPaysThem(RedisServer redis)
            throws Exception {
        // given a share of reward jobs that fail every attempt
        String prefix = prefix();
        SimulationSetup setup = new SimulationSetup(60, 5, false, dbUrl(), redis.url(), prefix, 1, 2, false, 0.1, 0.3,
                Chaos.none(), List.of(), dir.resolve("sim"));
        LoadProfile profile = new LoadProfile(new ArrivalPattern.ClosedLoop(4), null, 30, 3, Duration.ofSeconds(90));

        // when 30 checkouts run
        SimulationReport report = new Simulation(setup, profile, Clock.systemUTC(), c -> c)
                .run(SimulationListener.NONE, line -> { });

        // then the run drains with a clean audit: those jobs failed for good and wait, retryable, in the failed list
        String summary = SummaryTable.render(report);
        assertTrue(report.passed(), summary);
        assertTrue(report.rewardsFailed() > 0, "0.3 of 30 jobs failed for good: " + summary);
        assertEquals(report.checkouts(), report.rewardsCompleted() + report.rewardsFailed(), summary);
        try (MallStore store = JdbcMallStore.open(dbUrl());
             dev.bullpen.queue.redis.RedisQueueConnection c = dev.bullpen.queue.redis.RedisQueueConnection.open(
                     dev.bullpen.queue.RedisEndpoint.parse(redis.url()), prefix)) {
            dev.bullpen.queue.JobQueue queue = c.queue(dev.bullpen.checkout.RewardJob.QUEUE);
            List<String> failed = store.purchases().stream().filter(p -> !p.isCompleted()).map(Purchase::id).toList();
            assertEquals(report.rewardsFailed(), failed.size());
            for (String id : failed) {
                dev.bullpen.queue.JobDetail job = queue.detail(id).orElseThrow();
                assertEquals("failed", job.state(), id);
                assertEquals(Optional.of(5L), job.job().attemptsMade(), id);
                assertTrue(job.job().failedReason().orElse("").contains("simulated failure for good"), id);
            }
            dev.bullpen.checkout.Audit audit = new dev.bullpen.checkout.Audit(store);
            assertTrue(audit.run(dev.bullpen.checkout.QueueLiveness.of(queue)).clean());

            // when support removes one of them instead of retrying it, the audit names its purchase
            queue.remove(failed.get(0));
            dev.bullpen.checkout.AuditReport lost = audit.run(dev.bullpen.checkout.QueueLiveness.of(queue));
            assertEquals(1, lost.violations().size(), lost.toString());
            assertTrue(lost.violations().get(0).startsWith("purchase " + failed.get(0) + ": rewards"), lost.toString());

            // when the others are retried by hand, with a worker that fails every job for good: those jobs have
            // used up their attempts, so this run succeeds
            List<String> retried = failed.subList(1, failed.size());
            retried.forEach(queue::retry);
            try (RewardWorkers workers = new RewardWorkers(store, c, 1,
                    dev.bullpen.worker.WorkerOptions.builder().concurrency(2).build(),
                    dev.bullpen.checkout.RewardListener.NONE, new InjectedFailures.Rates(0, 1, 7), Clock.systemUTC())) {
                awaitPaid(store, retried);
            }
            // and when reconcile adds the removed one again, a worker pays it
            assertEquals(List.of(failed.get(0)), new dev.bullpen.checkout.Reconcile(store, queue, Clock.systemUTC())
                    .run(false).stream().map(dev.bullpen.checkout.Reconcile.Item::purchaseId).toList());
            try (RewardWorkers workers = new RewardWorkers(store, c, 1,
                    dev.bullpen.worker.WorkerOptions.builder().concurrency(2).build(),
                    dev.bullpen.checkout.RewardListener.NONE, InjectedFailures.Rates.NONE, Clock.systemUTC())) {
                awaitPaid(store, failed);
            }

            // then every reward is paid and the audit is clean
            assertTrue(store.purchases().stream().allMatch(Purchase::isCompleted));
            assertTrue(audit.run(dev.bullpen.checkout.QueueLiveness.of(queue)).clean());
        }
    }

    private static void awaitPaid(MallStore store, List<String> purchaseIds) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!store.purchases().stream().filter(p -> purchaseIds.contains(p.id())).allMatch(Purchase::isCompleted)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not paid within 60 s: " + purchaseIds);
            }
            sleep(100);
        }
    }

    private SimulationSetup setup(RedisServer redis, int customers) {
        return new SimulationSetup(customers, 5, false, dbUrl(), redis.url(), prefix(), 1, 2, false, 0, Chaos.none(),
                List.of(), dir.resolve("sim"));
    }

    private String dbUrl() {
        return dbUrl("mall");
    }

    private String dbUrl(String name) {
        return "jdbc:h2:file:" + dir.resolve(name) + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    }

    private static String prefix() {
        return "sim" + UUID.randomUUID().toString().substring(0, 6);
    }

    private Run cli(RedisServer redis, String db, String... args) {
        List<String> all = new ArrayList<>(List.of("--redis", redis.url(), "--prefix", prefix()));
        all.addAll(List.of(args));
        all.addAll(List.of("--db", dbUrl(db), "--data-dir",
                dir.resolve("sim").toString()));
        CommandLine cl = MainCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString());
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
