package dev.bullpen.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A redis-server (or redis-server --sentinel) process for tests whose readiness cannot be checked
 * with a plain-text PING (TLS only, sentinel, cluster): started with the given arguments, ready
 * when its log contains a line. Killed by {@link #close()}.
 */
public final class RedisProcess implements AutoCloseable {
    private final List<String> command;
    private final Path log;
    private final String readyLine;
    private Process process;
    private final int port;

    private RedisProcess(List<String> command, Path log, String readyLine, int port) {
        this.command = command;
        this.log = log;
        this.readyLine = readyLine;
        this.port = port;
    }

    /** redis-server with these arguments (after {@code --dir dir}); ready at "Ready to accept connections". */
    public static RedisProcess server(Path dir, int port, List<String> args) {
        return start(dir, port, false, args, "Ready to accept connections");
    }

    /** A sentinel with the given config file content; ready once it monitors its master. */
    public static RedisProcess sentinel(Path dir, int port, String config) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("sentinel.conf"), config);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return start(dir, port, true, List.of(), "+monitor master");
    }

    private static RedisProcess start(Path dir, int port, boolean sentinel, List<String> args, String ready) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(RedisServer.binary());
        if (sentinel) {
            cmd.addAll(List.of(dir.resolve("sentinel.conf").toString(), "--sentinel"));
        } else {
            cmd.addAll(List.of("--dir", dir.toString(), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no",
                    "--protected-mode", "no"));
        }
        if (!sentinel && !args.contains("--port")) {
            cmd.addAll(List.of("--port", Integer.toString(port)));
        }
        cmd.addAll(args);
        RedisProcess p = new RedisProcess(cmd, dir.resolve("redis-" + port + ".log"), ready, port);
        p.launch();
        return p;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    private void launch() {
        try {
            Files.deleteIfExists(log);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                if (Files.exists(log) && Files.readString(log).contains(readyLine)) {
                    return;
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("redis exited at start: " + command + "\n" + Files.readString(log));
                }
                Thread.sleep(50);
            }
            throw new IllegalStateException("redis not ready in 10 s: " + command + "\n" + Files.readString(log));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL, as a crash would. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    public boolean alive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }
}
