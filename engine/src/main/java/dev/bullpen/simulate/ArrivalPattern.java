package dev.bullpen.simulate;

import java.util.Random;

/** How checkouts arrive: a fixed number of customers each checking out again when answered, or a rate. */
public sealed interface ArrivalPattern {

    /** Closed loop: {@code concurrency} customers, each starts the next checkout when the last one answered. */
    record ClosedLoop(int concurrency) implements ArrivalPattern {
        public ClosedLoop {
            if (concurrency < 1) {
                throw new IllegalArgumentException("concurrency must be 1 or more");
            }
        }
    }

    /**
     * Open loop: checkouts start at Poisson arrival times ({@code ratePerSecond} on average) whether or not the
     * earlier ones answered. Latency is counted from the intended start (no coordinated omission).
     *
     * @param maxInFlight at most this many checkouts run at once; later arrivals wait, and the wait counts
     */
    record OpenLoop(double ratePerSecond, int maxInFlight) implements ArrivalPattern {
        public OpenLoop {
            if (!(ratePerSecond > 0) || maxInFlight < 1) {
                throw new IllegalArgumentException("rate must be positive and maxInFlight 1 or more");
            }
        }

        /** The gap to the next arrival, exponentially distributed with mean 1/rate. */
        public long nextGapNanos(Random random) {
            return (long) (-Math.log(1.0 - random.nextDouble()) / ratePerSecond * 1e9);
        }
    }
}
