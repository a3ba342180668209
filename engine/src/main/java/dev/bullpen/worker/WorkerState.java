package dev.bullpen.worker;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** The worker's lifecycle flags, shared by its threads. */
final class WorkerState {
    private volatile boolean stopping;
    private volatile boolean hardStopped;
    private final CountDownLatch stopSignal = new CountDownLatch(1);
    private final CountDownLatch hardStopSignal = new CountDownLatch(1);

    /** No new jobs are taken. */
    boolean stopping() {
        return stopping;
    }

    /** The grace period is over: running jobs are abandoned to the stalled checker. */
    boolean hardStopped() {
        return hardStopped;
    }

    void stop() {
        stopping = true;
        stopSignal.countDown();
    }

    void hardStop() {
        hardStopped = true;
        stop();
        hardStopSignal.countDown();
    }

    /** Sleeps unless stopping; false when the worker began stopping or the thread was interrupted. */
    boolean sleep(long ms) {
        try {
            return !stopSignal.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sleeps unless the grace period ended; false then, or when the thread was interrupted. */
    boolean sleepWithinGrace(long ms) {
        try {
            return !hardStopSignal.await(ms, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
