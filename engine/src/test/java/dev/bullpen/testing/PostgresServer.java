package dev.bullpen.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests: {@code initdb} into a temporary directory and {@code pg_ctl start}
 * on a free loopback port (socket in /tmp), trust authentication for user {@code bullpen}, stopped and
 * deleted by {@link #close()}. Never touches a server someone else runs.
 *
 * <p>Binaries: {@code $BULLPEN_PG_BIN}, else the newest {@code /usr/lib/postgresql/<v>/bin} (Debian's
 * {@code postgresql} package), else {@code initdb} on the PATH. PostgreSQL refuses to run as root, so
 * as root the data directory is given to the {@code postgres} user and the commands run through
 * {@code runuser -u postgres --}.
 */
public final class PostgresServer implements AutoCloseable {
    public static final String USER = "bullpen";

    private final Path dir;
    private final Path bin;
    private final int port;
    private final boolean asPostgres;

    private PostgresServer(Path dir, Path bin, int port, boolean asPostgres) {
        this.dir = dir;
        this.bin = bin;
        this.port = port;
        this.asPostgres = asPostgres;
    }

    /** Starts a fresh server; fails (never skips) with a message saying how to install PostgreSQL. */
    public static PostgresServer start() {
        Path bin = binDir().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL binaries not found: install Debian's package (apt-get install postgresql) "
                        + "or set BULLPEN_PG_BIN to the directory holding initdb and pg_ctl"));
        boolean root = "root".equals(System.getProperty("user.name"));
        try {
            Path dir = Files.createTempDirectory("bullpen-pg");
            PostgresServer s = new PostgresServer(dir, bin, RedisServer.freePort(), root);
            if (root) {
                s.run(List.of("chown", "postgres:postgres", dir.toString()), false);
            }
            s.run(List.of(bin.resolve("initdb").toString(), "-D", s.data(), "-U", USER, "--auth=trust", "-E", "UTF8",
                    "--no-sync"), true);
            s.run(List.of(bin.resolve("pg_ctl").toString(), "-D", s.data(), "-l", dir.resolve("server.log").toString(),
                    "-w", "-t", "60", "-o", "-p " + s.port + " -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off"
                            + " -c synchronous_commit=off -c full_page_writes=off -c max_connections=100",
                    "start"), true);
            return s;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start PostgreSQL", e);
        }
    }

    private String data() {
        return dir.resolve("data").toString();
    }

    public int port() {
        return port;
    }

    /** JDBC URL of one database on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=" + USER;
    }

    /** Creates an empty database and returns its JDBC URL. */
    public String createDatabase(String name) {
        try (Connection c = DriverManager.getConnection(jdbcUrl("postgres")); Statement st = c.createStatement()) {
            st.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + ": " + e.getMessage(), e);
        }
        return jdbcUrl(name);
    }

    @Override
    public void close() {
        try {
            run(List.of(bin.resolve("pg_ctl").toString(), "-D", data(), "-m", "immediate", "-w", "stop"), true);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException e) {
                // a leftover temp directory is harmless
            }
        }
    }

    private void run(List<String> command, boolean asServerUser) {
        List<String> full = new ArrayList<>();
        if (asServerUser && asPostgres) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        try {
            Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(90, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String log = "";
                Path serverLog = dir.resolve("server.log");
                if (Files.exists(serverLog)) {
                    log = "\nserver.log:\n" + Files.readString(serverLog);
                }
                throw new IllegalStateException("failed: " + String.join(" ", full) + "\n" + out + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + full.get(0), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + full.get(0), e);
        }
    }

    private static Optional<Path> binDir() {
        String env = System.getenv("BULLPEN_PG_BIN");
        if (env != null && !env.isBlank()) {
            return Optional.of(Path.of(env));
        }
        Path debian = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(debian)) {
            try (Stream<Path> versions = Files.list(debian)) {
                Optional<Path> newest = versions.map(v -> v.resolve("bin"))
                        .filter(b -> Files.isExecutable(b.resolve("initdb")))
                        .max(Comparator.comparing(b -> versionOf(b.getParent())));
                if (newest.isPresent()) {
                    return newest;
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (!p.isEmpty() && Files.isExecutable(Path.of(p, "initdb"))) {
                return Optional.of(Path.of(p));
            }
        }
        return Optional.empty();
    }

    private static int versionOf(Path dir) {
        try {
            return Integer.parseInt(dir.getFileName().toString().replaceAll("\\..*", ""));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
