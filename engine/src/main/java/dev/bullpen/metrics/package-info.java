/**
 * Prometheus metrics of a Bullpen process ({@code worker}, {@code simulate}, {@code demo} with
 * {@code --metrics-port}): queue depth and health read from Redis in the background, counters and
 * histograms of the jobs this process's workers finish, checkout latency, the outbox backlog, and the
 * process's CPU and memory, served as Prometheus text by {@link dev.bullpen.metrics.MetricsServer}.
 * Every metric is listed in {@code docs/operations.md}.
 */
package dev.bullpen.metrics;
