package dev.bullpen.metrics;

import dev.bullpen.worker.WorkerListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * The job metrics of one queue, fed by the workers of this process: completed, failed, retried and
 * refused attempts, the wait of first attempts and the run time of every attempt.
 */
final class JobMetrics implements WorkerListener {
    /** Queue wait: from sub-second to the 60 s of the "oldest waiting job" alert, and beyond. */
    static final Duration[] WAIT_BUCKETS = BullpenMetrics.millis(5, 10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000,
            10_000, 30_000, 60_000, 120_000, 300_000, 600_000);
    /** Run time: the reward job goal is p99 under 50 ms; Bull's default lock is 30 s. */
    static final Duration[] RUN_BUCKETS = BullpenMetrics.millis(1, 2, 5, 10, 25, 50, 100, 250, 500, 1_000, 2_500,
            5_000, 10_000, 30_000, 60_000);

    private final Counter completed;
    private final Counter failed;
    private final Counter retried;
    private final Counter refused;
    private final Timer wait;
    private final Timer runCompleted;
    private final Timer runFailed;

    JobMetrics(MeterRegistry registry, String queue) {
        completed = Counter.builder("bullpen.jobs.completed").tag("queue", queue)
                .description("Jobs this process's workers moved to completed").register(registry);
        failed = Counter.builder("bullpen.jobs.failed").tag("queue", queue)
                .description("Jobs this process's workers moved to failed (attempts exhausted)").register(registry);
        retried = Counter.builder("bullpen.job.retries").tag("queue", queue)
                .description("Failed attempts that will be retried (backoff or at once)").register(registry);
        refused = Counter.builder("bullpen.job.finishes.refused").tag("queue", queue)
                .description("Finishes Redis refused, nothing applied (lock lost, job gone or not active)")
                .register(registry);
        wait = Timer.builder("bullpen.job.wait").tag("queue", queue)
                .description("First attempts: from the job's due time (created + delay) to its start")
                .serviceLevelObjectives(WAIT_BUCKETS).register(registry);
        runCompleted = run(registry, queue, "completed");
        runFailed = run(registry, queue, "failed");
    }

    private static Timer run(MeterRegistry registry, String queue, String outcome) {
        return Timer.builder("bullpen.job.run").tag("queue", queue).tag("outcome", outcome)
                .description("Attempts: from start (processedOn) to finish")
                .serviceLevelObjectives(RUN_BUCKETS).register(registry);
    }

    @Override
    public void completed(String jobId, Object result) {
        completed.increment();
    }

    @Override
    public void failed(String jobId, String reason, boolean finalFailure) {
        (finalFailure ? failed : retried).increment();
    }

    @Override
    public void refused(String jobId, String why) {
        refused.increment();
    }

    @Override
    public void attemptEnded(String jobId, AttemptTimes times) {
        if (times.firstAttempt() && times.processedOn() > 0 && times.timestamp() > 0) {
            wait.record(Duration.ofMillis(times.waitMs()));
        }
        if (times.processedOn() > 0) {
            (times.completed() ? runCompleted : runFailed).record(Duration.ofMillis(times.runMs()));
        }
    }
}
