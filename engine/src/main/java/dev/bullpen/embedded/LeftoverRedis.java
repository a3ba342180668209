package dev.bullpen.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A redis-server left running on a {@link LocalRedis} data directory by a run that could not stop it: named by
 * the directory's pid file, alive, called {@code redis-server} and working in that directory. Both checks read
 * {@code /proc}; where it is missing (not Linux) nothing is found.
 */
final class LeftoverRedis {
    private static final Logger LOG = LoggerFactory.getLogger(LeftoverRedis.class);
    static final long TERM_WAIT_SECONDS = 5;

    private LeftoverRedis() {
    }

    /** The process named by {@code dataDir/redis.pid} if it passes both checks. */
    static Optional<ProcessHandle> find(Path dataDir) {
        Path pidFile = dataDir.resolve(LocalRedis.PID_FILE);
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).strip());
        } catch (IOException | NumberFormatException e) {
            LOG.debug("Ignoring {}: not a pid ({})", pidFile, e.getMessage());
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty() || exited(pid) || pid == ProcessHandle.current().pid()) {
            return Optional.empty();
        }
        Optional<String> comm = comm(pid);
        Optional<Path> cwd = cwd(pid);
        Optional<Path> dir = realPath(dataDir);
        if (comm.filter("redis-server"::equals).isPresent() && cwd.isPresent() && cwd.equals(dir)) {
            return handle;
        }
        LOG.debug("{} names pid {} ({}, working in {}), not a redis-server of {}: left alone", pidFile, pid,
                comm.orElse("?"), cwd.map(Path::toString).orElse("?"), dataDir);
        return Optional.empty();
    }

    /** SIGTERM, then SIGKILL when it has not exited after {@link #TERM_WAIT_SECONDS}. */
    static void stop(ProcessHandle p) {
        p.destroy();
        if (!waitForExit(p.pid(), TERM_WAIT_SECONDS)) {
            p.destroyForcibly();
            waitForExit(p.pid(), TERM_WAIT_SECONDS);
        }
    }

    /**
     * Waits until the process is gone or a zombie (it is not our child: whoever adopted it reaps it, and
     * {@link ProcessHandle#isAlive()} counts a zombie as alive).
     */
    private static boolean waitForExit(long pid, long seconds) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!exited(pid)) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return exited(pid);
            }
        }
        return true;
    }

    /** No such process, or a zombie ({@code /proc/PID/stat} state Z); without /proc, as {@code ProcessHandle} says. */
    static boolean exited(long pid) {
        if (!Files.isDirectory(Path.of("/proc/self"))) {
            return ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
        }
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.UTF_8);
            return stat.substring(stat.lastIndexOf(')') + 1).strip().startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** The process's command name ({@code /proc/PID/comm}), e.g. {@code redis-server}. */
    static Optional<String> comm(long pid) {
        try {
            return Optional.of(Files.readString(Path.of("/proc", Long.toString(pid), "comm"), StandardCharsets.UTF_8)
                    .strip());
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }

    /** The process's working directory ({@code /proc/PID/cwd}). */
    static Optional<Path> cwd(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "cwd")));
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.empty();
        }
    }

    private static Optional<Path> realPath(Path dir) {
        try {
            return Optional.of(dir.toRealPath());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
