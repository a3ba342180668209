package dev.bullpen.app;

import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.testfx.api.FxToolkit;

/**
 * The frame of the queue screen's UI tests: a private redis-server per test class, the TestFX
 * toolkit, a key prefix of its own and one {@link ConsoleRobot} per test (its window closed after the
 * test), and the engine on the same Redis and prefix to set up and check queues.
 */
abstract class ConsoleRedisUiTest {
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    static RedisServer redis;

    final String prefix = "ui-" + getClass().getSimpleName() + "-" + PREFIXES.incrementAndGet();
    final ConsoleRobot console = new ConsoleRobot();
    private QueueConnection engine;

    @BeforeAll
    static void startRedisAndToolkit() throws TimeoutException {
        redis = RedisServer.start();
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeWindowAndEngine() throws TimeoutException {
        console.close();
        if (engine != null) {
            engine.close();
        }
    }

    /** A queue of this test's prefix, through the engine. */
    JobQueue queue(String name) {
        if (engine == null) {
            engine = QueueConnection.open(RedisEndpoint.parse(redis.url()), prefix);
        }
        return engine.queue(name);
    }
}
