/**
 * A Bull 4 compatible worker: takes jobs from a Bull queue as a Node Bull worker does (BRPOPLPUSH,
 * lock, renewal, finish, retries with backoff, delay timer, stalled checker, rate limiter) so that
 * Java and Node workers can share one queue. The Redis side is in the {@code *.lua} scripts next to
 * the queue client's; this package owns {@code moveToActive}, {@code moveToFinished},
 * {@code extendLock}, {@code moveToDelayed}, {@code retryJob}, {@code updateDelaySet},
 * {@code moveStalledJobsToWait}, {@code updateProgress} and {@code addLog}.
 */
package dev.bullpen.worker;
