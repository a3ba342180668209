package dev.bullpen.checkout;

import java.time.Clock;
import java.time.Duration;

/**
 * A small circuit breaker: closed until {@code failureThreshold} consecutive failures, then open for
 * {@code coolDown} (calls are refused at once), then half-open: one trial call is let through, and its
 * success closes the breaker while its failure opens it again. Thread-safe.
 */
public final class CircuitBreaker {
    /** The breaker's states. */
    public enum State {
        /** Calls go through; failures are counted. */
        CLOSED,
        /** Calls are refused until the cool-down has passed. */
        OPEN,
        /** One trial call is in flight; others are refused. */
        HALF_OPEN
    }

    private final int failureThreshold;
    private final Duration coolDown;
    private final Clock clock;
    private State state = State.CLOSED;
    private int failures;
    private long openedAt;

    public CircuitBreaker(int failureThreshold, Duration coolDown, Clock clock) {
        if (failureThreshold < 1) {
            throw new IllegalArgumentException("failureThreshold must be 1 or more");
        }
        this.failureThreshold = failureThreshold;
        this.coolDown = coolDown;
        this.clock = clock;
    }

    /** True when the caller may try the call now; it must then report the result. */
    public synchronized boolean allowRequest() {
        switch (state) {
            case CLOSED:
                return true;
            case OPEN:
                if (clock.millis() - openedAt >= coolDown.toMillis()) {
                    state = State.HALF_OPEN;
                    return true;
                }
                return false;
            default:
                return false;
        }
    }

    public synchronized void recordSuccess() {
        state = State.CLOSED;
        failures = 0;
    }

    public synchronized void recordFailure() {
        failures++;
        if (state == State.HALF_OPEN || failures >= failureThreshold) {
            state = State.OPEN;
            openedAt = clock.millis();
        }
    }

    public synchronized State state() {
        return state;
    }
}
