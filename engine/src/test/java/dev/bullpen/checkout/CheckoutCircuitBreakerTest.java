package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import dev.bullpen.testing.SettableClock;
import org.junit.jupiter.api.Test;

/** The circuit breaker around the checkout's Redis push. */
class CheckoutCircuitBreakerTest {
    private final SettableClock clock = new SettableClock(1_767_225_600_000L);
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(30), clock);

    @Test
    void opensAfterConsecutiveFailuresOnly() {
        breaker.recordFailure();
        breaker.recordFailure();
        breaker.recordSuccess();
        breaker.recordFailure();
        breaker.recordFailure();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());

        breaker.recordFailure();

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        assertFalse(breaker.allowRequest());
    }

    @Test
    void letsOneTrialThroughAfterTheCoolDownAndClosesOnItsSuccess() {
        openIt();
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.allowRequest());

        clock.advance(Duration.ofSeconds(1));

        assertTrue(breaker.allowRequest());
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state());
        assertFalse(breaker.allowRequest(), "only one trial at a time");
        breaker.recordSuccess();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state());
        assertTrue(breaker.allowRequest());
    }

    @Test
    void aFailedTrialOpensItAgainForAnotherCoolDown() {
        openIt();
        clock.advance(Duration.ofSeconds(30));
        assertTrue(breaker.allowRequest());

        breaker.recordFailure();

        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
        clock.advance(Duration.ofSeconds(29));
        assertFalse(breaker.allowRequest());
        clock.advance(Duration.ofSeconds(1));
        assertTrue(breaker.allowRequest());
    }

    private void openIt() {
        for (int i = 0; i < 3; i++) {
            breaker.recordFailure();
        }
        assertEquals(CircuitBreaker.State.OPEN, breaker.state());
    }

    /** A clock that moves only when told. */
}
