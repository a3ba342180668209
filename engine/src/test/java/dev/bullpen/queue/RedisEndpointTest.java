package dev.bullpen.queue;

import dev.bullpen.testing.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisEndpointTest {
    private final String typed = TestSecrets.password("typed");

    @Test
    void parsesUserPasswordHostPortAndDatabase() {
        RedisEndpoint e = RedisEndpoint.parse("redis://app:s3cr%40t@cache.local:6380/2");
        assertEquals("cache.local", e.host());
        assertEquals(6380, e.port());
        assertEquals("app", e.user());
        assertEquals("s3cr@t", e.password());
        assertEquals(2, e.database());
        assertFalse(e.tls());
    }

    @Test
    void passwordOnlyAndTlsScheme() {
        RedisEndpoint e = RedisEndpoint.parse("rediss://:pw@10.0.0.1");
        assertNull(e.user());
        assertEquals("pw", e.password());
        assertEquals(6379, e.port());
        assertTrue(e.tls());
    }

    @Test
    void neverPrintsThePassword() {
        RedisEndpoint e = RedisEndpoint.parse("redis://app:" + typed + "@h:1");
        assertFalse(e.toString().contains(typed));
        assertFalse(e.safeUrl().contains(typed));
        assertEquals("h:1", e.display());
        InvalidInputException bad = assertThrows(InvalidInputException.class,
                () -> RedisEndpoint.parse("http://app:" + typed + "@h:1"));
        assertFalse(bad.getMessage().contains(typed), bad.getMessage());
    }

    @Test
    void rejectsBadUrlsNamingTheProblem() {
        assertTrue(assertThrows(InvalidInputException.class, () -> RedisEndpoint.parse("redis://h:1/x"))
                .getMessage().contains("database"));
        assertTrue(assertThrows(InvalidInputException.class, () -> RedisEndpoint.parse("redis://h:99999"))
                .getMessage().contains("port"));
    }

    @Test
    void resolvesExplicitThenUrlThenHostPortThenDefault() {
        assertEquals("a", RedisEndpoint.resolve("redis://a:1", Map.of("REDIS_URL", "redis://b:2")).host());
        assertEquals("b", RedisEndpoint.resolve(null, Map.of("REDIS_URL", "redis://b:2")).host());
        RedisEndpoint hp = RedisEndpoint.resolve(null, Map.of("REDIS_HOST", "c", "REDIS_PORT", "7000",
                "REDIS_PASSWORD", "pw"));
        assertEquals("c:7000", hp.display());
        assertEquals("pw", hp.password());
        assertEquals("127.0.0.1:6379", RedisEndpoint.resolve(null, Map.of()).display());
        assertThrows(InvalidInputException.class, () -> RedisEndpoint.resolve(null, Map.of("REDIS_PORT", "x")));
    }

    @Test
    void sentinelUrlListsSentinelsAndTheMasterName() {
        RedisEndpoint e = RedisEndpoint.parse("redis-sentinel://app:pw%2F1@s1:26379,s2,[::1]:26380/mymaster/3");
        assertEquals(RedisEndpoint.Kind.SENTINEL, e.kind());
        assertEquals(java.util.List.of("s1:26379", "s2:26379", "[::1]:26380"), e.nodes());
        assertEquals("mymaster", e.masterName());
        assertEquals(3, e.database());
        assertEquals("pw/1", e.password());
        assertEquals("redis-sentinel://app:***@s1:26379,s2:26379,[::1]:26380/mymaster/3", e.safeUrl());
        assertFalse(e.toString().contains("pw"));
        InvalidInputException noMaster = assertThrows(InvalidInputException.class,
                () -> RedisEndpoint.parse("redis-sentinel://:" + typed + "@s1:26379"));
        assertTrue(noMaster.getMessage().contains("master name"), noMaster.getMessage());
        assertFalse(noMaster.getMessage().contains(typed), noMaster.getMessage());
    }

    @Test
    void clusterUrlListsSeedNodesAndHasNoDatabase() {
        RedisEndpoint e = RedisEndpoint.parse("rediss-cluster://n1:7000,n2:7001");
        assertEquals(RedisEndpoint.Kind.CLUSTER, e.kind());
        assertTrue(e.tls());
        assertEquals("n1", e.host());
        assertEquals(7000, e.port());
        assertEquals("cluster n1:7000,n2:7001", e.display());
        assertThrows(InvalidInputException.class, () -> RedisEndpoint.parse("redis-cluster://n1:7000/2"));
        assertThrows(InvalidInputException.class, () -> RedisEndpoint.parse("redis-cluster://n1:70000"));
    }
}
