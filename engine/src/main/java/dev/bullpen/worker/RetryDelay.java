package dev.bullpen.worker;

/** Back-off for connection problems: 100 ms, doubling up to 5 s; {@link #reset()} after a success. */
final class RetryDelay {
    static final long FIRST_MS = 100;
    static final long MAX_MS = 5_000;

    private long next = FIRST_MS;

    /** The delay to wait now; the following one doubles. */
    long next() {
        long d = next;
        next = Math.min(MAX_MS, next * 2);
        return d;
    }

    void reset() {
        next = FIRST_MS;
    }
}
