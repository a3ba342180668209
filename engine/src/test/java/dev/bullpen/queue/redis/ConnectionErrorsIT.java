package dev.bullpen.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.testing.RedisServer;
import org.junit.jupiter.api.Test;

/** What an operator reads when Redis dies under a pooled connection, then stays down. */
class ConnectionErrorsIT {

    @Test
    void firstFailureIsConnectionLostThenConnectionRefused() {
        try (RedisServer redis = RedisServer.start();
                QueueConnection c = QueueConnection.open(RedisEndpoint.parse(redis.url()), "bull")) {
            JobQueue q = c.queue("errors");
            q.add(NewJob.of("{}"));
            assertEquals(1, q.status().counts().waiting());
            redis.kill();
            String where = "cannot reach Redis at 127.0.0.1:" + redis.port() + ": ";
            RedisUnavailableException lost = assertThrows(RedisUnavailableException.class, q::status);
            assertEquals(where + "connection lost (Redis stopped or closed the connection)", lost.getMessage());
            RedisUnavailableException refused = assertThrows(RedisUnavailableException.class, q::status);
            assertEquals(where + "connection refused", refused.getMessage());
        }
    }
}
