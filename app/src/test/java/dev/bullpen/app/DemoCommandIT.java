package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code bullpen demo --headless} in a child JVM whose PATH has no redis-server: the demo must start
 * the embedded Redis binary, run checkouts, pay every reward but those failed for good on purpose (they wait in
 * the failed list) and end with a clean audit.
 */
class DemoCommandIT {

    @Test
    void headlessDemoRunsOnTheEmbeddedRedisWhenNoneIsInstalled() throws Exception {
        Path emptyPath = Files.createTempDirectory("no-redis-on-path");
        Path dataDir = Files.createTempDirectory("bullpen-demo-it");
        List<String> cmd = launcher("demo", "--headless", "--duration", "8s", "--rate", "10",
                "--fail-for-good-share", "0.3", "--data-dir", dataDir.toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("PATH", emptyPath.toString());
        pb.environment().remove("REDIS_URL");
        Process p = pb.start();
        // a job failed for good runs 5 attempts with exponential backoff from 1 s: about 15 s after its checkout
        assertTrue(p.waitFor(150, TimeUnit.SECONDS), "demo did not finish in time");
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("bullpen-redis-bin"), "the embedded redis-server binary was used:\n" + out);
        Matcher rewards = Pattern.compile("rewards\\s+(\\d+) of (\\d+) purchases completed, (\\d+) failed for good")
                .matcher(out);
        assertTrue(rewards.find(), out);
        long paid = Long.parseLong(rewards.group(1));
        long purchases = Long.parseLong(rewards.group(2));
        long failedForGood = Long.parseLong(rewards.group(3));
        assertTrue(purchases >= 30, "about 10 checkouts/s for 8 s ran: " + purchases);
        // 0.3 of 30 or more: none failing would happen with a chance below 0.7^30 = 2e-5
        assertTrue(failedForGood > 0, out);
        assertEquals(purchases, paid + failedForGood, "every reward was paid but those failed on purpose");
        assertTrue(out.contains("queue drained"), out);
        assertTrue(out.matches("(?s).*audit\\s+clean \\(" + purchases + " purchases.*"), out);
    }

    @Test
    void headlessDemoServesPrometheusMetricsWhileItRuns() throws Exception {
        Path dataDir = Files.createTempDirectory("bullpen-demo-metrics-it");
        Path log = dataDir.resolve("demo.log");
        int port = dev.bullpen.testing.RedisServer.freePort();
        String url = "http://127.0.0.1:" + port + "/metrics";
        List<String> cmd = launcher("demo", "--headless", "--duration", "6s", "--rate", "10",
                "--data-dir", dataDir.toString(), "--metrics-port", Integer.toString(port));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("REDIS_URL");
        Process p = pb.start();
        try {
            // while the traffic runs, the endpoint shows checkouts and paid rewards
            String text = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (p.isAlive() && System.nanoTime() < deadline) {
                try {
                    String t = dev.bullpen.metrics.Scrape.get(url);
                    if (dev.bullpen.metrics.Scrape.has(t, "bullpen_jobs_completed_total{queue=\"checkout\"}")
                            && dev.bullpen.metrics.Scrape.value(t, "bullpen_jobs_completed_total{queue=\"checkout\"}") > 0
                            && dev.bullpen.metrics.Scrape.has(t, "bullpen_queue_workers{queue=\"checkout\"}")
                            && dev.bullpen.metrics.Scrape.value(t, "bullpen_queue_workers{queue=\"checkout\"}") == 2) {
                        text = t;
                        break;
                    }
                } catch (java.io.IOException notYet) {
                    // not listening yet
                }
                Thread.sleep(200);
            }
            String out = Files.readString(log, StandardCharsets.UTF_8);
            // the demo's two embedded workers are connected (the gauge is read every 5 s)
            assertTrue(text != null, "no checkout metrics and 2 workers while the demo ran:\n" + out);
            assertTrue(out.contains("metrics on " + url), out);
            assertTrue(dev.bullpen.metrics.Scrape.value(text, "bullpen_checkout_seconds_count{outcome=\"ok\"}") > 0,
                    text);
            assertTrue(p.waitFor(90, TimeUnit.SECONDS), "demo did not finish in time");
            assertEquals(0, p.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
        } finally {
            p.destroyForcibly();
        }
    }

    /** {@code java -cp <app jar and its lib folder> Launcher ARGS}, as the packaged console runs. */
    private static List<String> launcher(String... args) throws java.io.IOException {
        Path appTarget = Path.of(System.getProperty("bullpen.projectRoot", "..")).resolve("app/target").toAbsolutePath();
        File jar;
        try (java.util.stream.Stream<Path> files = Files.list(appTarget)) {
            jar = files.filter(p -> p.getFileName().toString().matches("bullpen-app-.*\\.jar"))
                    .filter(p -> !p.getFileName().toString().contains("tests"))
                    .findFirst().orElseThrow(() -> new AssertionError("run after 'package': no app jar in " + appTarget))
                    .toFile();
        }
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", jar + File.pathSeparator + appTarget.resolve("lib") + File.separator + "*",
                "dev.bullpen.app.Launcher"));
        cmd.addAll(List.of(args));
        return cmd;
    }
}
