package dev.bullpen.worker;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Renews the locks of the worker's running jobs, as Bull's per-job {@code lockExtender} does: a job's
 * lock is extended lockRenewTime after it became active and every lockRenewTime after that, until it
 * ends or a renewal finds the lock is no longer ours.
 *
 * <p>One periodic task for all jobs (ticking every lockRenewTime / 8, at least 10 ms) instead of a
 * timer per job: starting and ending a job only adds and removes an entry, so a busy worker does not
 * schedule and cancel a timer (and wake the timer thread) per job. A renewal is at most one tick late,
 * so a lock is renewed at the latest after 9/16 of lockDuration with Bull's default lockRenewTime.
 */
final class LockRenewer {
    private static final Logger LOG = LoggerFactory.getLogger(LockRenewer.class);

    /** One running job's renewal state. */
    static final class Lease {
        private final String id;
        private volatile long dueNanos;
        private volatile boolean lost;

        private Lease(String id, long dueNanos) {
            this.id = id;
            this.dueNanos = dueNanos;
        }

        /** True once a renewal found the lock was no longer ours (it is then not renewed again). */
        boolean lost() {
            return lost;
        }
    }

    private final WorkerScripts scripts;
    private final long everyNanos;
    private final long tickMillis;
    private final Set<Lease> leases = ConcurrentHashMap.newKeySet();

    LockRenewer(WorkerScripts scripts, WorkerOptions options) {
        this.scripts = scripts;
        long everyMillis = Math.max(1, options.lockRenewTime().toMillis());
        this.everyNanos = TimeUnit.MILLISECONDS.toNanos(everyMillis);
        this.tickMillis = Math.max(10, everyMillis / 8);
    }

    void schedule(ScheduledExecutorService scheduler) {
        scheduler.scheduleWithFixedDelay(this::renewDue, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
    }

    /** Starts renewing a job's lock (first renewal lockRenewTime from now). */
    Lease start(String id) {
        Lease lease = new Lease(id, System.nanoTime() + everyNanos);
        leases.add(lease);
        return lease;
    }

    /** Stops renewing; a renewal already under way may still complete. */
    void end(Lease lease) {
        leases.remove(lease);
    }

    private void renewDue() {
        for (Lease lease : leases) {
            long now = System.nanoTime();
            if (now - lease.dueNanos < 0) {
                continue;
            }
            lease.dueNanos = now + everyNanos;
            try {
                if (!scripts.extendLock(lease.id)) {
                    lease.lost = true;
                    leases.remove(lease);
                }
            } catch (RuntimeException e) {
                LOG.warn("Job(id={}, queue={}) lock extension failed, will try again: {}", lease.id,
                        scripts.keys().queue(), e.toString());
            }
        }
    }
}
