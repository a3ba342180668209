package dev.bullpen.simulate;

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
 */
public final class ChildWorkers implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChildWorkers.class);
    private static final String MAIN = "dev.bullpen.cli.MainCommand";

    private final List<String> args;
    private final Path logDir;
    private final Process[] processes;
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
            return new ProcessBuilder(cmd).redirectErrorStream(true)
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

    /** SIGTERM to every worker (they finish their jobs), then SIGKILL to any still running after 30 s. */
    @Override
    public synchronized void close() {
        for (Process p : processes) {
            p.destroy();
        }
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
