package dev.bullpen.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** What Linux's {@code /proc} says about a process: its name, working directory, process group and session. */
public final class Procfs {
    private Procfs() {
    }

    /** {@code /proc/PID/comm}, e.g. {@code redis-server}; empty when there is no such process. */
    public static Optional<String> comm(long pid) {
        try {
            return Optional.of(Files.readString(proc(pid).resolve("comm"), StandardCharsets.UTF_8).strip());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code /proc/PID/cwd}; empty when there is no such process. */
    public static Optional<Path> cwd(long pid) {
        try {
            return Optional.of(Files.readSymbolicLink(proc(pid).resolve("cwd")));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The process group id (field 5 of {@code /proc/PID/stat}). */
    public static long pgrp(long pid) {
        return Long.parseLong(statFields(pid)[2]);
    }

    /** The session id (field 6 of {@code /proc/PID/stat}). */
    public static long session(long pid) {
        return Long.parseLong(statFields(pid)[3]);
    }

    /** No such process any more, or a zombie waiting to be reaped by whoever adopted it. */
    public static boolean exited(long pid) {
        try {
            return stat(pid).startsWith("Z");
        } catch (IOException e) {
            return true;
        }
    }

    /** The pids of the live redis-server processes whose working directory is {@code dir}. */
    public static List<Long> redisServersIn(Path dir) throws IOException {
        Path real = dir.toRealPath();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            return procs.map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d+")).map(Long::parseLong)
                    .filter(pid -> comm(pid).filter("redis-server"::equals).isPresent())
                    .filter(pid -> cwd(pid).filter(real::equals).isPresent())
                    .filter(pid -> !exited(pid)).sorted().toList();
        }
    }

    /** The fields after the command name: state, ppid, pgrp, session... */
    private static String[] statFields(long pid) {
        try {
            return stat(pid).split(" ");
        } catch (IOException e) {
            throw new IllegalStateException("no process " + pid, e);
        }
    }

    private static String stat(long pid) throws IOException {
        String stat = Files.readString(proc(pid).resolve("stat"), StandardCharsets.UTF_8);
        return stat.substring(stat.lastIndexOf(')') + 2);
    }

    private static Path proc(long pid) {
        return Path.of("/proc", Long.toString(pid));
    }
}
