package dev.bullpen.simulate;

/**
 * The numbers of a running simulation, as a progress line or a console screen shows them.
 *
 * @param elapsedSeconds since the load started
 * @param checkouts      successful checkouts so far
 * @param perSecond      successful checkouts per second over the last interval
 * @param failures       rejected or failed checkouts so far
 * @param checkoutP99Ms  checkout p99 so far
 * @param phase          "load", "drain" or "done"
 * @param point          the last second in detail (percentiles, jobs completed, queue depth, job wait), as in the
 *                       report's timeline
 */
public record LiveSnapshot(double elapsedSeconds, long checkouts, double perSecond, long failures,
        double checkoutP99Ms, long waiting, long active, long delayed, long failed, String phase,
        TimelinePoint point) {

    /** One line: {@code 12.0 s  3456 checkouts  287/s  0 failed  p99 4.12 ms  queue w 3 a 4 d 0 f 0}. */
    public String line() {
        return String.format(java.util.Locale.ROOT,
                "%6.1f s  %7d checkouts  %6.0f/s  %4d rejected/failed  p99 %-9s  queue waiting %d active %d delayed %d "
                        + "failed %d  [%s]",
                elapsedSeconds, checkouts, perSecond, failures, DurationText.millis(checkoutP99Ms), waiting, active,
                delayed, failed, phase);
    }
}
