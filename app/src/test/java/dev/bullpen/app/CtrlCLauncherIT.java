package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.embedded.LocalRedis;
import dev.bullpen.testing.Procfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C in a terminal, as a user does it: {@code ./bullpen simulate} (embedded Redis, embedded H2) runs in a
 * process group of its own, as a terminal's foreground job does, and gets SIGINT sent to that whole group. The
 * run must end the load, drain the queue on its still running Redis, audit, print the summary, exit 0 and leave
 * no redis-server behind.
 */
class CtrlCLauncherIT {
    private static final Pattern CHECKOUTS = Pattern.compile("\\s(\\d+) checkouts\\s");

    @TempDir
    Path dir;

    @Test
    void sigintToTheProcessGroupStopsTheSimulationCleanly() throws Exception {
        Path root = BuiltLauncher.in(dir);
        Path data = dir.resolve("sim");
        Path log = dir.resolve("simulate.log");
        // setsid: the launcher (bash, which execs java) leads a new process group, like a shell's foreground job
        ProcessBuilder pb = new ProcessBuilder("setsid", root.resolve("bullpen").toString(), "simulate",
                "--customers", "50", "--concurrency", "4", "--duration", "60s", "--data-dir", data.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().remove("REDIS_URL");
        pb.environment().remove("BULLPEN_JAVA_OPTS");
        pb.environment().put("BULLPEN_HOME", dir.resolve("home").toString());
        Process p = pb.start();
        long group = p.pid();
        try {
            // when it has done some checkouts
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (checkoutsSoFar(log) == 0) {
                assertTrue(p.isAlive(), "simulate ended before any checkout:\n" + read(log));
                assertTrue(System.nanoTime() < deadline, "no checkouts after 90 s:\n" + read(log));
                Thread.sleep(100);
            }
            assertEquals(Optional.of("java"), Procfs.comm(group), "the launcher execs java in place");
            assertEquals(group, Procfs.pgrp(group), "the JVM leads the process group the terminal would signal");
            List<Long> servers = Procfs.redisServersIn(data.resolve("redis"));
            assertEquals(1, servers.size(), "its own redis-server runs: " + servers);
            long redis = servers.get(0);
            assertNotEquals(group, Procfs.pgrp(redis), "the redis-server is outside the terminal's process group");

            // and Ctrl-C reaches the whole process group
            Process kill = new ProcessBuilder("kill", "-INT", "--", "-" + group).redirectErrorStream(true).start();
            assertTrue(kill.waitFor(10, TimeUnit.SECONDS));
            assertEquals(0, kill.exitValue(), new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8));

            // then it drains on its live Redis, audits, prints the summary and exits 0 (no SLO asked: PASS)
            assertTrue(p.waitFor(150, TimeUnit.SECONDS), "simulate did not end after SIGINT:\n" + read(log));
            String out = read(log);
            assertEquals(0, p.exitValue(), out);
            Matcher load = Pattern.compile("throughput .*\\((\\d+) in ([\\d.]+) s of load\\)").matcher(out);
            assertTrue(load.find(), out);
            assertTrue(Double.parseDouble(load.group(2)) < 60, "the load ended early, at the SIGINT: " + load.group());
            Matcher rewards = Pattern.compile("rewards\\s+(\\d+) of (\\d+) purchases completed; queue drained")
                    .matcher(out);
            assertTrue(rewards.find(), "drained:\n" + out);
            assertEquals(rewards.group(2), rewards.group(1), "every reward paid: " + rewards.group());
            assertEquals(load.group(1), rewards.group(2), "every checkout is a purchase");
            assertTrue(out.matches("(?s).*\\naudit\\s+clean \\(" + rewards.group(2) + " purchases.*"), out);
            assertTrue(out.contains("\nverdict      PASS"), out);
            assertFalse(out.contains("cannot reach Redis"), "Redis stayed up until the end:\n" + out);
            // and no redis-server is left running from its data directory
            assertTrue(Procfs.exited(redis), "redis-server " + redis + " still runs");
            assertEquals(List.of(), Procfs.redisServersIn(data.resolve("redis")));
            assertFalse(Files.exists(data.resolve("redis").resolve("redis.pid")), "Redis shut down in order");
        } finally {
            if (p.isAlive()) {
                new ProcessBuilder("kill", "-KILL", "--", "-" + group).start().waitFor(10, TimeUnit.SECONDS);
            }
            LocalRedis.stopLeftover(data.resolve("redis"));
        }
    }

    private static long checkoutsSoFar(Path log) {
        Matcher m = CHECKOUTS.matcher(read(log));
        long n = 0;
        while (m.find()) {
            n = Math.max(n, Long.parseLong(m.group(1)));
        }
        return n;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
