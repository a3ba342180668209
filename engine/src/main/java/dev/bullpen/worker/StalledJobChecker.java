package dev.bullpen.worker;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bull's stalled-job checker: moveStalledJobsToWait once at start and then every stalledInterval.
 * The {@code stalled-check} key makes only one checker per interval effective, across every Java and
 * Node worker of the queue.
 */
final class StalledJobChecker {
    private static final Logger LOG = LoggerFactory.getLogger(StalledJobChecker.class);

    private final WorkerScripts scripts;
    private final WorkerOptions options;

    StalledJobChecker(WorkerScripts scripts, WorkerOptions options) {
        this.scripts = scripts;
        this.options = options;
    }

    void schedule(ScheduledExecutorService scheduler) {
        long every = options.stalledInterval().toMillis();
        if (every > 0) {
            scheduler.scheduleWithFixedDelay(this::runSafely, 0, every, TimeUnit.MILLISECONDS);
        } else {
            scheduler.execute(this::runSafely);
        }
    }

    WorkerScripts.StalledCheck runOnce() {
        WorkerScripts.StalledCheck r = scripts.moveStalledJobsToWait(options.clock().millis());
        for (String id : r.requeued()) {
            LOG.warn("Job(id={}, queue={}) stalled (its worker stopped renewing the lock); moved back to wait",
                    id, scripts.keys().queue());
        }
        for (String id : r.failed()) {
            LOG.error("Job(id={}, queue={}) stalled more than {} time(s); moved to failed",
                    id, scripts.keys().queue(), options.maxStalledCount());
        }
        return r;
    }

    private void runSafely() {
        try {
            runOnce();
        } catch (Throwable t) {
            // an escaped exception would cancel the schedule
            LOG.warn("Worker(queue={}) stalled check failed, will keep running: {}", scripts.keys().queue(), t.toString());
        }
    }
}
