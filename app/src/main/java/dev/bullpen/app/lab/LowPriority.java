package dev.bullpen.app.lab;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a load-test run below the console's own threads: the run's thread lowers its OS scheduling priority before
 * it starts (nice {@value #NICE} on Linux) and every thread it then creates (customers, workers, the embedded
 * database, their Redis connections) inherits it, so that on a busy machine the FX thread gets a core first.
 *
 * <p>Java's {@link Thread#setPriority} does nothing on Linux unless the JVM runs with
 * {@code -XX:ThreadPriorityPolicy=1}, which prints a warning at every start for a non-root user and raises the JVM's
 * own threads above normal for root; so the thread renices itself instead ({@code renice} on its thread id, from
 * {@code /proc/thread-self}), which needs no privilege to lower a priority. Where that is not possible (no
 * {@code /proc}, no {@code renice}) the run goes at normal priority, as before; it is logged at debug.
 */
public final class LowPriority {
    /** The nice value of a run's threads (the console's own threads stay at 0). */
    public static final int NICE = 4;
    private static final Logger LOG = LoggerFactory.getLogger(LowPriority.class);

    private LowPriority() {
    }

    /**
     * Lowers the calling thread's priority (Java's and the OS's).
     *
     * @return whether the OS priority was lowered
     */
    public static boolean lowerCurrentThread() {
        Thread.currentThread().setPriority(Thread.MIN_PRIORITY);
        Path self = Path.of("/proc/thread-self");
        if (!Files.isDirectory(self)) {
            return false;
        }
        try {
            String tid = Files.readSymbolicLink(self).getFileName().toString();
            Process renice = new ProcessBuilder("renice", "-n", String.valueOf(NICE), "-p", tid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!renice.waitFor(10, TimeUnit.SECONDS)) {
                renice.destroy();
                return false;
            }
            return renice.exitValue() == 0 && nice(tid) == NICE;
        } catch (IOException | RuntimeException e) {
            LOG.debug("LowPriority: the run keeps the normal priority: {}", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The nice value of a thread of this process (field 19 of {@code /proc/self/task/<tid>/stat}), or 0. */
    public static int nice(String tid) throws IOException {
        String stat = Files.readString(Path.of("/proc/self/task", tid, "stat"));
        String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Integer.parseInt(after[16]);
    }
}
