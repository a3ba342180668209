package dev.bullpen.embedded;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Redis that Bullpen starts for itself (demo, simulator): {@code redis-server} from PATH when
 * present, else the binary shipped by embedded-redis; on a free loopback port; stopped by
 * {@link #close()} and, as a last resort, by a shutdown hook.
 *
 * <p>The server runs in a session of its own ({@link OwnSession}), so a terminal's Ctrl-C does not stop it under
 * the JVM's orderly shutdown; it writes {@code redis.pid} in its data directory, so a server left running by a
 * JVM that was killed (SIGKILL) is stopped by the next start on that directory (decision 0016).
 */
public final class LocalRedis implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LocalRedis.class);

    /** The server's pid file, in its data directory; Redis removes it when it shuts down cleanly. */
    static final String PID_FILE = "redis.pid";

    private final Path dataDir;
    private final int port;
    private final String binary;
    private Process process;
    private final Thread hook;

    private final List<String> extraArgs;

    private LocalRedis(Path dataDir, int port, String binary, List<String> extraArgs) {
        this.extraArgs = List.copyOf(extraArgs);
        this.dataDir = dataDir;
        this.port = port;
        this.binary = binary;
        this.hook = new Thread(this::stopProcess, "local-redis-stop");
    }

    /** Starts a server whose files live in {@code dataDir}. */
    public static LocalRedis start(Path dataDir) {
        return start(dataDir, List.of());
    }

    /** Starts a server with extra redis-server arguments (e.g. {@code --requirepass x}). */
    public static LocalRedis start(Path dataDir, List<String> extraArgs) {
        return start(binary(), dataDir, extraArgs);
    }

    /** Starts the given redis-server binary. */
    public static LocalRedis start(String binary, Path dataDir, List<String> extraArgs) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dataDir, e);
        }
        stopLeftover(dataDir);
        LocalRedis r = new LocalRedis(dataDir, freePort(), binary, extraArgs);
        r.launch();
        Runtime.getRuntime().addShutdownHook(r.hook);
        return r;
    }

    /** redis-server on PATH, else the embedded binary. */
    public static String binary() {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            File f = new File(dir, "redis-server");
            if (!dir.isEmpty() && f.canExecute()) {
                return f.getAbsolutePath();
            }
        }
        return EmbeddedRedisBinary.extract().toString();
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    /** Which binary runs: a path to redis-server on PATH or to the extracted embedded one. */
    public String binaryPath() {
        return binary;
    }

    private void launch() {
        List<String> cmd = new java.util.ArrayList<>(List.of(binary, "--port", Integer.toString(port),
                "--bind", "127.0.0.1", "--dir", dataDir.toString(), "--save", "", "--appendonly", "no",
                "--protected-mode", "no", "--maxmemory-policy", "noeviction",
                "--pidfile", dataDir.toAbsolutePath().resolve(PID_FILE).toString()));
        cmd.addAll(extraArgs);
        try {
            process = new ProcessBuilder(OwnSession.command(cmd)).redirectErrorStream(true)
                    .redirectOutput(dataDir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + binary, e);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("redis-server exited at start; see " + dataDir.resolve("redis.log"));
            }
            if (answers()) {
                LOG.info("Local Redis started on 127.0.0.1:{} ({})", port, binary);
                return;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while starting redis-server", e);
            }
        }
        stopProcess();
        throw new IllegalStateException("redis-server did not answer on port " + port + " within 10 s");
    }

    /** True once the server answers PING (with +PONG, or -NOAUTH when it wants a password). */
    private boolean answers() {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(500);
            s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[5];
            String head = s.getInputStream().read(buf) == 5 ? new String(buf, StandardCharsets.US_ASCII) : "";
            return head.equals("+PONG") || head.startsWith("-NOAU");
        } catch (IOException notYet) {
            return false;
        }
    }

    /**
     * Stops a redis-server that an earlier run left running on {@code dataDir} (its JVM was killed, so nothing
     * stopped it): the process named by the directory's {@code redis.pid} when it is alive, is a
     * {@code redis-server} and works in {@code dataDir}; SIGTERM, then SIGKILL after 5 s. A process that fails
     * either check is never touched. Needs {@code /proc} (Linux); elsewhere nothing is stopped.
     */
    public static void stopLeftover(Path dataDir) {
        LeftoverRedis.find(dataDir).ifPresent(p -> {
            LOG.warn("A redis-server (pid {}) was still running in {}, left by an earlier run that did not stop it "
                    + "(its JVM was killed?): stopping it", p.pid(), dataDir);
            LeftoverRedis.stop(p);
        });
    }

    /** The pid of the process started last (the redis-server itself, also when started through setsid). */
    long pid() {
        return process.pid();
    }

    /** Kills the server with SIGKILL, as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** Kills the server and starts it again on the same port; data is lost. */
    public void restart() {
        kill();
        launch();
    }

    private void stopProcess() {
        if (process != null && process.isAlive()) {
            process.destroy();
            waitFor();
            if (process.isAlive()) {
                process.destroyForcibly();
            }
        }
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
