package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.testing.RedisServer;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QueueInspectorIT {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    private RedisServer redis;
    private RedisEndpoint endpoint;

    @BeforeEach
    void startRedis() {
        redis = RedisServer.start();
        endpoint = RedisEndpoint.resolve(redis.url(), Map.of());
    }

    @AfterEach
    void stopRedis() {
        redis.close();
    }

    private QueueInspector inspector(String prefix) {
        return new QueueInspector(endpoint, prefix, QueueConnection::open, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void overviewListsEveryQueueUnderThePrefixWithCountsAndPauseFlag() {
        // given
        try (QueueConnection c = QueueConnection.open(endpoint, "ov")) {
            c.queue("mail").add(NewJob.of("{\"to\":\"a\"}"));
            c.queue("mail").add(NewJob.of("{\"to\":\"b\"}"));
            c.queue("mail").add(new NewJob(null, "{}", JobOptions.defaults().delay(60_000)));
            c.queue("checkout").add(NewJob.of("{}"));
            c.queue("checkout").pause();
        }
        try (QueueConnection other = QueueConnection.open(endpoint, "elsewhere")) {
            other.queue("ignored").add(NewJob.of("{}"));
        }

        // when
        OverviewSnapshot snapshot;
        try (QueueInspector inspector = inspector("ov")) {
            snapshot = inspector.overview();
        }

        // then
        assertEquals(NOW, snapshot.readAt());
        assertEquals(List.of(
                new QueueStatus("checkout", true, new QueueCounts(0, 0, 0, 0, 0, 1)),
                new QueueStatus("mail", false, new QueueCounts(2, 0, 1, 0, 0, 0))), snapshot.queues());
    }

    @Test
    void unreachableRedisFailsTheReadAndTheNextReadReconnects() {
        try (QueueInspector inspector = inspector("rc")) {
            // given a working inspector
            assertEquals(List.of(), inspector.overview().queues());

            // when Redis dies
            redis.kill();

            // then the read fails with the engine's exception naming host:port
            RedisUnavailableException e = assertThrows(RedisUnavailableException.class, inspector::overview);
            assertTrue(e.getMessage().contains(endpoint.display()), e.getMessage());

            // and once it is back, the next read works without a new inspector
            redis.restart();
            try (QueueConnection c = QueueConnection.open(endpoint, "rc")) {
                c.queue("again").add(NewJob.of("{}"));
            }
            OverviewSnapshot after = inspector.overview();
            assertEquals(1, after.queues().size());
            assertEquals("again", after.queues().get(0).name());
        }
    }

    @Test
    void restartedRedisIsReadOnTheFirstTryThoughPooledConnectionsDied() {
        try (QueueInspector inspector = inspector("rs")) {
            assertEquals(List.of(), inspector.overview().queues());

            redis.restart();

            assertEquals(List.of(), inspector.overview().queues());
        }
    }

    @Test
    void redisDownAtFirstReadIsReportedNotThrownAtConstruction() {
        redis.kill();
        try (QueueInspector inspector = inspector("down")) {
            assertThrows(RedisUnavailableException.class, inspector::overview);
            redis.restart();
            assertEquals(List.of(), inspector.overview().queues());
        }
    }

    @Test
    void closedInspectorRefusesToRead() {
        QueueInspector inspector = inspector("closed");
        inspector.close();
        assertThrows(IllegalStateException.class, inspector::overview);
    }
}
