package dev.bullpen.queue.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.RedisEndpoint;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

class RedisErrorsTest {
    final RedisEndpoint endpoint = RedisEndpoint.parse("redis://ro:secret-pw@h:1");

    @Test
    void onlyWritesThatCannotHaveRunAreRetryable() {
        JedisConnectionException refused = new JedisConnectionException("Failed to connect to h:1.");
        refused.addSuppressed(new ConnectException("Connection refused"));
        assertTrue(RedisErrors.notExecuted(refused));
        assertTrue(RedisErrors.notExecuted(new JedisDataException("READONLY You can't write against a read only replica.")));
        assertTrue(RedisErrors.notExecuted(new JedisDataException("LOADING Redis is loading the dataset in memory")));
        JedisConnectionException lost = new JedisConnectionException("Unexpected end of stream.");
        assertFalse(RedisErrors.notExecuted(lost), "a lost reply may hide a write that ran");
        assertTrue(RedisErrors.connectionFailure(lost), "but a read may be retried");
        assertFalse(RedisErrors.notExecuted(new JedisDataException("ERR wrong number of arguments")));
    }

    @Test
    void refusedConnectionIsFoundInSuppressedExceptions() {
        JedisConnectionException e = new JedisConnectionException("Failed to connect to h:1.");
        e.addSuppressed(new JedisConnectionException(new ConnectException("Connection refused")));
        assertEquals("cannot reach Redis at h:1: connection refused", RedisErrors.translate(endpoint, e).getMessage());
    }

    @Test
    void noPermIsARefusedCommandNotABadLoginAndHidesThePassword() {
        RuntimeException r = RedisErrors.translate(endpoint, new JedisAccessControlException(
                "NOPERM User ro has no permissions to run the 'evalsha' command secret-pw"));
        assertTrue(r instanceof QueueException, r.getClass().getName());
        assertEquals("the Redis user ro may not write (or run this command): NOPERM User ro has no permissions "
                + "to run the 'evalsha' command ***", r.getMessage());
    }
}
