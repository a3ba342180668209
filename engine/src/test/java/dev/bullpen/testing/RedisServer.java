package dev.bullpen.testing;

import dev.bullpen.embedded.LocalRedis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.util.List;

/**
 * A private redis-server for tests: the one on PATH, else the binary shipped by embedded-redis,
 * on a free loopback port, without persistence. Never touches anyone else's Redis.
 */
public final class RedisServer implements AutoCloseable {
    private final LocalRedis redis;

    private RedisServer(LocalRedis redis) {
        this.redis = redis;
    }

    /** Starts a server on a free port, with extra redis-server arguments. */
    public static RedisServer start(String... extraArgs) {
        try {
            return new RedisServer(LocalRedis.start(Files.createTempDirectory("bullpen-redis"), List.of(extraArgs)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start redis-server", e);
        }
    }

    public int port() {
        return redis.port();
    }

    public String url() {
        return redis.url();
    }

    /** Path to the redis-server binary in use. */
    public static String binary() {
        return LocalRedis.binary();
    }

    /** Stops the server abruptly (SIGKILL), as a crash would. */
    public void kill() {
        redis.kill();
    }

    /** Starts the server again on the same port (data is lost: no persistence). */
    public void restart() {
        redis.restart();
    }

    @Override
    public void close() {
        redis.close();
    }

    public static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
