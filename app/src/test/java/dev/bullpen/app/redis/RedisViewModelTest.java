package dev.bullpen.app.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.RedisUnavailableException;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RedisViewModelTest {
    private final RedisViewModel inTest = new RedisViewModel();

    private static Map<String, String> info(String policy) {
        return Map.of("redis_version", "7.2.4", "redis_mode", "standalone", "role", "master",
                "used_memory_human", "1.52M", "used_memory_peak_human", "2.10M", "maxmemory", "0",
                "maxmemory_policy", policy, "connected_clients", "12", "instantaneous_ops_per_sec", "340",
                "uptime_in_seconds", "90061");
    }

    @Test
    void showsTheServerFromInfo() {
        inTest.apply(info("noeviction"));

        assertEquals("7.2.4", inTest.getVersion());
        assertEquals("standalone · master", inTest.getMode());
        assertEquals("1.52M", inTest.getUsedMemory());
        assertEquals("2.10M", inTest.getPeakMemory());
        assertEquals("no limit", inTest.getMaxMemory());
        assertEquals("noeviction", inTest.getEvictionPolicy());
        assertEquals("", inTest.getEvictionWarning());
        assertEquals("12", inTest.getClients());
        assertEquals("340", inTest.getOpsPerSecond());
        assertEquals("1 d 01 h", inTest.getUptime());
    }

    @Test
    void warnsWhenRedisMayEvictQueueKeys() {
        inTest.apply(info("allkeys-lru"));

        assertTrue(inTest.getEvictionWarning().startsWith("Eviction policy is allkeys-lru: "),
                inTest.getEvictionWarning());
        assertTrue(inTest.getEvictionWarning().endsWith("Bull needs maxmemory-policy noeviction."));
    }

    @Test
    void missingFieldsAreDashesAndAFailedReadKeepsTheLastValuesMarkedStale() {
        inTest.apply(Map.of("redis_version", "6.0.0", "used_memory", "1048576"));
        assertEquals("—", inTest.getEvictionPolicy());
        assertEquals("1.0M", inTest.getUsedMemory());
        assertEquals("", inTest.getEvictionWarning());

        inTest.markFailed(new RedisUnavailableException("cannot reach Redis at h:1: refused", null));

        assertTrue(inTest.isStale());
        assertEquals("6.0.0", inTest.getVersion());
        assertEquals("Cannot read INFO: Redis is unreachable: cannot reach Redis at h:1: refused — showing the last values",
                inTest.getStatus());
        inTest.apply(info("noeviction"));
        assertFalse(inTest.isStale());
    }
}
