package dev.bullpen.simulate;

import dev.bullpen.embedded.OwnSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bullpen worker} processes started by the simulator on this JVM's own java command and class path, so
 * that they can be killed with SIGKILL as a crash would; each one's output goes to {@code worker-N.log}.
 *
 * <p>They run in a session of their own ({@link OwnSession}): a terminal's Ctrl-C reaches only this JVM, which
 * stops them with {@link #close()} once the load is over, in its own order (decision 0016). Should this JVM exit
 * without closing them (the terminal hung up), a shutdown hook sends them SIGTERM.
 */
public final class ChildWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildWorkers.class);
    private static final String MAIN = "dev.bullpen.cli.MainCommand";

    private final List<String> args;
    private final Path logDir;
    private final Process[] processes;
    private final Thread hook;
    private int kills;

    /** @param args the arguments after the main class, e.g. {@code --redis URL worker --queue checkout ...} */
    public ChildWorkers(List<String> args, int count, Path logDir) {
        this.args = List.copyOf(args);
        this.logDir = logDir;
        this.processes = new Process[count];
        try {
            Files.createDirectories(logDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + logDir, e);
        }
        for (int i = 0; i < count; i++) {
            processes[i] = launch(i);
        }
        this.hook = new Thread(this::terminateAll, "child-workers-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** This JVM's java binary, then {@code -cp <class path> dev.bullpen.cli.MainCommand}. */
    static List<String> javaCommand() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        return List.of(java, "-cp", System.getProperty("java.class.path"), MAIN);
    }

    private Process launch(int i) {
        List<String> cmd = new ArrayList<>(javaCommand());
        cmd.addAll(args);
        try {
            Path log = logDir.resolve("worker-" + i + ".log");
            return new ProcessBuilder(OwnSession.command(cmd)).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start a worker process", e);
        }
    }

    /** Kills one worker (chosen by {@code random}) with SIGKILL and starts a new one in its place. */
    public synchronized void killOneAndRestart(Random random) {
        int i = random.nextInt(processes.length);
        Process p = processes[i];
        long pid = p.pid();
        p.destroyForcibly();
        try {
            p.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        kills++;
        processes[i] = launch(i);
        LOG.info("Chaos: worker process {} killed (SIGKILL), replaced by {}", pid, processes[i].pid());
    }

    public synchronized int kills() {
        return kills;
    }

    /** The workers' pids (each the worker JVM's own, also when started through setsid). */
    synchronized List<Long> pids() {
        return java.util.Arrays.stream(processes).map(Process::pid).toList();
    }

    private synchronized void terminateAll() {
        for (Process p : processes) {
            p.destroy();
        }
    }

    /** SIGTERM to every worker (they finish their jobs), then SIGKILL to any still running after 30 s. */
    @Override
    public synchronized void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
        terminateAll();
        for (Process p : processes) {
            try {
                if (!p.waitFor(30, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                p.destroyForcibly();
            }
        }
    }
}
