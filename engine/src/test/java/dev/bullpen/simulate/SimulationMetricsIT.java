package dev.bullpen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.cli.MainCommand;
import dev.bullpen.metrics.BullpenMetrics;
import dev.bullpen.metrics.MetricsServer;
import dev.bullpen.metrics.Scrape;
import dev.bullpen.metrics.SimulationMetrics;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The simulator's metrics: checkout latency and its workers' job metrics agree with its own report. */
@ExtendWith(RedisServerExtension.class)
class SimulationMetricsIT {
    @TempDir
    Path dir;

    @Test
    void checkoutLatencyAndJobMetricsMatchTheSimulationReport(RedisServer redis) throws Exception {
        // given a simulation whose checkouts, workers and queue are measured, served on a free port
        SimulationSetup setup = new SimulationSetup(60, 5, false, "jdbc:h2:file:" + dir.resolve("mall")
                + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000", redis.url(), "sm" + UUID.randomUUID().toString()
                .substring(0, 6), 1, 2, false, 0.2, Chaos.none(), List.of(), dir.resolve("sim"));
        LoadProfile profile = new LoadProfile(new ArrivalPattern.ClosedLoop(3), null, 60, 4, Duration.ofSeconds(60));
        try (BullpenMetrics metrics = new BullpenMetrics()) {
            MetricsServer server = metrics.serve(MetricsServer.DEFAULT_BIND, 0);
            Simulation simulation = new Simulation(setup, profile, Clock.systemUTC(), UnaryOperator.identity(),
                    new SimulationMetrics(metrics));

            // when it runs 60 checkouts, a fifth of the reward jobs failing their first attempt
            SimulationReport report = simulation.run(SimulationListener.NONE, line -> { });

            // then the scrape counts each checkout and each job the report counts
            assertTrue(report.passed(), report.toJson());
            String text = Scrape.get(server.url());
            long ok = report.checkouts();
            assertTrue(ok >= 30, "checkouts: " + ok);
            assertEquals(ok, Scrape.value(text, "bullpen_checkout_seconds_count{outcome=\"ok\"}"));
            assertEquals(ok, Scrape.value(text, "bullpen_checkout_seconds_bucket{outcome=\"ok\",le=\"+Inf\"}"));
            if (report.rejected() > 0) {
                assertEquals(report.rejected(), Scrape.value(text, "bullpen_checkout_seconds_count{outcome=\"rejected\"}"));
            }
            assertEquals(report.rewardsCompleted(), Scrape.value(text, "bullpen_jobs_completed_total{queue=\"checkout\"}"));
            assertEquals(ok, Scrape.value(text, "bullpen_job_wait_seconds_count{queue=\"checkout\"}"));
            double retries = Scrape.value(text, "bullpen_job_retries_total{queue=\"checkout\"}");
            assertTrue(retries >= 1, "retries: " + retries);
            assertEquals(retries, Scrape.value(text,
                    "bullpen_job_run_seconds_count{outcome=\"failed\",queue=\"checkout\"}"));
            assertEquals(1, Scrape.value(text, "bullpen_redis_up"));
            assertTrue(Scrape.has(text, "bullpen_queue_jobs{queue=\"checkout\",state=\"completed\"}"), text);
            assertTrue(Scrape.has(text, "bullpen_outbox_pending"), text);
            everyMetricIsDocumentedAndEveryAlertRuleUsesOne(text);
        }
    }

    /** The runbook lists every bullpen_ metric served; the example alert rules name only metrics that exist. */
    private static void everyMetricIsDocumentedAndEveryAlertRuleUsesOne(String scrape) throws IOException {
        java.util.Set<String> families = new java.util.TreeSet<>();
        Matcher type = Pattern.compile("(?m)^# TYPE (bullpen_\\w+) ").matcher(scrape);
        while (type.find()) {
            families.add(type.group(1));
        }
        assertTrue(families.size() >= 15, families.toString());
        Path root = dev.bullpen.interop.BullNode.projectRoot();
        String runbook = java.nio.file.Files.readString(root.resolve("docs/operations.md"));
        for (String f : families) {
            String documented = f.endsWith("_max") ? f.substring(0, f.length() - 4) : f; // histograms' _max gauge
            assertTrue(runbook.contains("`" + documented + "`"), documented + " is not in docs/operations.md");
        }
        String rules = java.nio.file.Files.readString(root.resolve("docs/prometheus/bullpen-alerts.yml"));
        Matcher used = Pattern.compile("\\b(bullpen_\\w+)").matcher(rules);
        int n = 0;
        while (used.find()) {
            String name = used.group(1).replaceAll("_(bucket|count|sum)$", "");
            assertTrue(families.contains(name), "the alert rules use " + name + ", which is not served");
            n++;
        }
        assertTrue(n >= 5, "metrics named in the rules: " + n);
    }

    @Test
    void simulateCommandServesMetricsWhileItRunsAndClosesThePortAtTheEnd(RedisServer redis) throws Exception {
        CommandLine cl = MainCommand.commandLine();
        StringWriter out = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        int exit = cl.execute("--redis", redis.url(), "--prefix", "smc" + UUID.randomUUID().toString().substring(0, 6),
                "simulate", "--customers", "40", "--checkouts", "15", "--concurrency", "2", "--db", "jdbc:h2:file:"
                        + dir.resolve("cli") + ";AUTO_SERVER=TRUE", "--data-dir", dir.resolve("sim").toString(),
                "--metrics-port", "0");
        assertEquals(0, exit, out.toString());
        Matcher url = Pattern.compile("metrics on (http://127\\.0\\.0\\.1:\\d+/metrics)").matcher(out.toString());
        assertTrue(url.find(), out.toString());
        assertThrows(IOException.class, () -> Scrape.get(url.group(1)), "the port is closed after the run");

        // and a port that is taken is refused up front, naming it
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getByName("127.0.0.1"))) {
            StringWriter err = new StringWriter();
            CommandLine again = MainCommand.commandLine();
            again.setOut(new PrintWriter(err, true));
            again.setErr(new PrintWriter(err, true));
            int refused = again.execute("--redis", redis.url(), "simulate", "--checkouts", "1", "--metrics-port",
                    Integer.toString(taken.getLocalPort()), "--data-dir", dir.resolve("sim2").toString());
            assertEquals(2, refused, err.toString());
            assertTrue(err.toString().contains("cannot serve metrics on 127.0.0.1:" + taken.getLocalPort()),
                    err.toString());
        }
    }
}
