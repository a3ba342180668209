package dev.bullpen.simulate;

/**
 * One second of the run.
 *
 * @param second            seconds since the load started (end of this interval)
 * @param checkouts         successful checkouts in this interval
 * @param failures          rejected or failed checkouts in this interval
 * @param checkoutP50Ms     checkout latency percentiles in this interval (0 when none)
 * @param checkoutP99Ms     .
 * @param checkoutMaxMs     .
 * @param jobsCompleted     reward jobs that completed in this interval (from the queue's completed count)
 * @param waiting           queue counts at the end of the interval
 */
public record TimelinePoint(double second, long checkouts, long failures, double checkoutP50Ms, double checkoutP99Ms,
        double checkoutMaxMs, long jobsCompleted, long waiting, long active, long delayed, long failed) {
}
