package dev.bullpen.simulate;

import java.time.Duration;
import java.util.Optional;

/**
 * One simulated load.
 *
 * @param arrivals     closed or open loop
 * @param duration     how long to start checkouts, or null for "until {@code checkouts}"
 * @param checkouts    at most this many checkouts (0: no limit; then {@code duration} is needed)
 * @param seed         seeds every random choice (customers, carts, arrivals)
 * @param drainTimeout after the load, how long to wait for the queue to drain
 */
public record LoadProfile(ArrivalPattern arrivals, Duration duration, long checkouts, long seed,
        Duration drainTimeout) {
    public LoadProfile {
        if (duration == null && checkouts <= 0) {
            throw new IllegalArgumentException("give a duration or a number of checkouts");
        }
        if (checkouts < 0) {
            throw new IllegalArgumentException("checkouts must not be negative");
        }
    }

    public Optional<Duration> durationLimit() {
        return Optional.ofNullable(duration);
    }
}
