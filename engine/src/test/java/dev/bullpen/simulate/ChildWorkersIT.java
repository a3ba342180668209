package dev.bullpen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.testing.Procfs;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's worker processes ({@code --chaos kill-worker}) run in sessions of their own, so a terminal's
 * Ctrl-C reaches only the simulator, which stops them itself; the chaos kill and close still reach each one.
 */
@ExtendWith(RedisServerExtension.class)
class ChildWorkersIT {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void workerProcessesRunInSessionsOfTheirOwnAndAreStoppedByTheSimulatorOnly(RedisServer redis) throws Exception {
        String db = "jdbc:h2:file:" + dir.resolve("mall") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
        try (MallStore store = JdbcMallStore.open(db)) {
            store.customers(); // the schema exists before the workers open the database
        }
        Path logs = dir.resolve("logs");
        List<String> args = List.of("--redis", redis.url(), "--prefix", "cw", "worker", "--queue", "checkout",
                "--db", db);
        ChildWorkers workers = new ChildWorkers(args, 2, logs);
        List<Long> first;
        try {
            first = workers.pids();
            awaitStarted(logs, 2);
            for (long pid : first) {
                assertEquals(Optional.of("java"), Procfs.comm(pid), "the Process is the worker JVM, not setsid");
                assertNotEquals(Procfs.pgrp(SELF), Procfs.pgrp(pid), "outside the simulator's process group");
                assertEquals(pid, Procfs.session(pid), "each worker leads a session of its own");
            }

            // chaos: SIGKILL to one worker, which is replaced, again in a session of its own
            workers.killOneAndRestart(new Random(3));
            List<Long> second = workers.pids();
            List<Long> killed = new ArrayList<>(first);
            killed.removeAll(second);
            assertEquals(1, killed.size(), "one worker replaced: " + first + " -> " + second);
            assertTrue(Procfs.exited(killed.get(0)));
            long replacement = second.stream().filter(p -> !first.contains(p)).findFirst().orElseThrow();
            awaitStarted(logs, 3);
            assertEquals(Optional.of("java"), Procfs.comm(replacement));
            assertEquals(replacement, Procfs.session(replacement));
        } finally {
            workers.close();
        }
        // close(): SIGTERM, each worker finishes and says so in its log
        for (long pid : workers.pids()) {
            assertTrue(Procfs.exited(pid), "worker " + pid + " still runs");
        }
        for (int i = 0; i < 2; i++) {
            String log = Files.readString(logs.resolve("worker-" + i + ".log"));
            assertTrue(log.contains("worker stopped: "), log);
        }
    }

    /** Until the two workers' logs hold {@code started} "worker started" lines in all. */
    private static void awaitStarted(Path logs, int started) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (occurrences(logs.resolve("worker-0.log"), "worker started on ")
                + occurrences(logs.resolve("worker-1.log"), "worker started on ") < started) {
            assertTrue(System.nanoTime() < deadline, "the workers did not start:\n"
                    + read(logs.resolve("worker-0.log")) + read(logs.resolve("worker-1.log")));
            Thread.sleep(100);
        }
    }

    private static int occurrences(Path log, String text) throws Exception {
        String s = read(log);
        int n = 0;
        for (int at = s.indexOf(text); at >= 0; at = s.indexOf(text, at + 1)) {
            n++;
        }
        return n;
    }

    private static String read(Path log) throws Exception {
        return Files.exists(log) ? Files.readString(log) : "";
    }
}
