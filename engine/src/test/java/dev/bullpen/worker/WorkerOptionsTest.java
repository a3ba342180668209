package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class WorkerOptionsTest {
    @Test
    void defaultsAreBulls() {
        WorkerOptions o = WorkerOptions.defaults();
        assertEquals(1, o.concurrency());
        assertEquals(Duration.ofMillis(30_000), o.lockDuration());
        assertEquals(Duration.ofMillis(15_000), o.lockRenewTime());
        assertEquals(Duration.ofMillis(30_000), o.stalledInterval());
        assertEquals(1, o.maxStalledCount());
        assertEquals(Duration.ofSeconds(5), o.drainDelay());
        assertEquals(Duration.ofMillis(5_000), o.guardInterval());
        assertTrue(o.limiter().isEmpty());
    }

    @Test
    void lockRenewTimeFollowsLockDurationUnlessSet() {
        assertEquals(Duration.ofMillis(300), WorkerOptions.builder().lockDuration(Duration.ofMillis(600)).build()
                .lockRenewTime());
        assertEquals(Duration.ofMillis(100), WorkerOptions.builder().lockDuration(Duration.ofMillis(600))
                .lockRenewTime(Duration.ofMillis(100)).build().lockRenewTime());
    }

    @Test
    void rejectsSettingsBullCannotHave() {
        assertThrows(IllegalArgumentException.class, () -> WorkerOptions.builder().concurrency(0));
        assertThrows(IllegalArgumentException.class, () -> WorkerOptions.builder().drainDelay(Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> WorkerOptions.builder().limiter(0, Duration.ofSeconds(1)));
    }
}
