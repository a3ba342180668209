package dev.bullpen.simulate;

/**
 * One second of the run.
 *
 * @param second            seconds since the load started (end of this interval)
 * @param checkouts         successful checkouts in this interval
 * @param failures          rejected or failed checkouts in this interval
 * @param checkoutP50Ms     checkout latency percentiles in this interval (0 when none)
 * @param checkoutP95Ms     .
 * @param checkoutP99Ms     .
 * @param checkoutMaxMs     .
 * @param jobsCompleted     reward jobs that completed in this interval (from the queue's completed count)
 * @param waiting           queue counts at the end of the interval
 * @param oldestWaitMs      how long the oldest waiting reward job had been waiting at the end of the interval
 *                          (the queue's latency, as Sidekiq shows it); 0 when nothing waits
 */
public record TimelinePoint(double second, long checkouts, long failures, double checkoutP50Ms, double checkoutP95Ms,
        double checkoutP99Ms, double checkoutMaxMs, long jobsCompleted, long waiting, long active, long delayed,
        long failed, double oldestWaitMs) {
}
