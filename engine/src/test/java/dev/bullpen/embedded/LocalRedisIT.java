package dev.bullpen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.Procfs;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.Jedis;

class LocalRedisIT {
    private static final long SELF = ProcessHandle.current().pid();

    @TempDir
    Path dir;

    @Test
    void theServerRunsInASessionOfItsOwnAndKillRestartAndCloseStillReachIt() throws Exception {
        Path data = dir.resolve("redis");
        LocalRedis redis = LocalRedis.start(data);
        try {
            // a terminal's Ctrl-C goes to the JVM's process group: the server is in another one, its own session
            long pid = redis.pid();
            assertEquals(Optional.of("redis-server"), Procfs.comm(pid), "the Process is the server itself, not setsid");
            assertNotEquals(Procfs.pgrp(SELF), Procfs.pgrp(pid));
            assertEquals(pid, Procfs.session(pid), "the server leads a session of its own");
            assertEquals(Long.toString(pid), Files.readString(data.resolve("redis.pid")).strip());
            assertEquals("PONG", ping(redis));

            // kill() (SIGKILL) and restart() (chaos redis-restart) hit the server
            redis.restart();
            long second = redis.pid();
            assertTrue(Procfs.exited(pid), "the first server was killed");
            assertNotEquals(pid, second);
            assertEquals(Optional.of("redis-server"), Procfs.comm(second));
            assertNotEquals(Procfs.pgrp(SELF), Procfs.pgrp(second));
            assertEquals("PONG", ping(redis), "the restarted server answers on the same port");
            redis.kill();
            assertTrue(Procfs.exited(second));
            redis.restart();
            long third = redis.pid();
            assertEquals("PONG", ping(redis));

            // close() stops it (SIGTERM): Redis removes its pid file on an orderly shutdown
            redis.close();
            assertTrue(Procfs.exited(third));
            assertFalse(Files.exists(data.resolve("redis.pid")));
        } finally {
            redis.close();
        }
    }

    @Test
    void aServerLeftRunningByAKilledJvmIsStoppedByTheNextStartOnItsDirectory() throws Exception {
        // given a JVM that started a server on the directory and was then killed with SIGKILL
        Path data = dir.resolve("redis");
        Process holder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), LocalRedisHolder.class.getName(), data.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        long left;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line = out.readLine();
            while (line != null && !line.startsWith("pid ")) {
                line = out.readLine();
            }
            assertNotNull(line, "the holder JVM printed no pid");
            left = Long.parseLong(line.substring(4));
            holder.destroyForcibly();
            assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
        }
        assertFalse(Procfs.exited(left), "the server outlives its killed JVM (it is in another session)");
        assertEquals(List.of(left), Procfs.redisServersIn(data));

        // when a new server starts on that directory, the one left behind is stopped
        try (LocalRedis again = LocalRedis.start(data)) {
            assertTrue(Procfs.exited(left), "the server left behind was stopped");
            assertEquals(List.of(again.pid()), Procfs.redisServersIn(data));
            assertEquals("PONG", ping(again));
        }
        assertEquals(List.of(), Procfs.redisServersIn(data));
    }

    @Test
    void aPidFileNamingAProcessThatIsNotThisDirectorysRedisServerLeavesThatProcessAlone() throws Exception {
        Path data = Files.createDirectories(dir.resolve("redis"));
        Path pidFile = data.resolve("redis.pid");
        // a process working in the directory that is not a redis-server
        Process sleep = new ProcessBuilder("sleep", "600").directory(data.toFile()).start();
        // a redis-server working in another directory
        LocalRedis other = LocalRedis.start(dir.resolve("other"));
        try {
            Files.writeString(pidFile, sleep.pid() + "\n");
            try (LocalRedis redis = LocalRedis.start(data)) {
                assertEquals("PONG", ping(redis));
            }
            assertTrue(sleep.isAlive(), "a process that is not a redis-server is never stopped");

            Files.writeString(pidFile, other.pid() + "\n");
            try (LocalRedis redis = LocalRedis.start(data)) {
                assertEquals("PONG", ping(redis));
            }
            assertFalse(Procfs.exited(other.pid()), "a redis-server of another directory is never stopped");
            assertEquals("PONG", ping(other));
        } finally {
            sleep.destroyForcibly();
            other.close();
        }
    }

    private static String ping(LocalRedis redis) {
        try (Jedis j = new Jedis("127.0.0.1", redis.port())) {
            return j.ping();
        }
    }

    @Test
    void embeddedBinaryServesQueuesWhenNoRedisIsInstalled() throws Exception {
        Path bin = EmbeddedRedisBinary.extract();
        assertTrue(Files.isExecutable(bin));
        Path dir = Files.createTempDirectory("bullpen-embedded");
        // run the embedded Redis 6.2 binary itself, as on a machine without redis-server on PATH
        Process p = new ProcessBuilder(bin.toString(), "--version").redirectErrorStream(true).start();
        String version = new String(p.getInputStream().readAllBytes());
        assertTrue(version.contains("v=6.2"), version);
        try (LocalRedis redis = LocalRedis.start(bin.toString(), dir, java.util.List.of());
             QueueConnection c = QueueConnection.open(RedisEndpoint.parse(redis.url()), "bull")) {
            assertTrue(c.serverInfo().get("redis_version").startsWith("6.2"), "runs the embedded binary");
            assertEquals(Optional.of("redis-server"), Procfs.comm(redis.pid()), "what a left-over check looks for");
            assertNotEquals(Procfs.pgrp(SELF), Procfs.pgrp(redis.pid()));
            c.queue("q").add(NewJob.of("{\"a\":1}"));
            assertEquals(1, c.queue("q").status().counts().waiting());
        }
    }
}
