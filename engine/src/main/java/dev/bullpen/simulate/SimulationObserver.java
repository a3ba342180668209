package dev.bullpen.simulate;

import dev.bullpen.checkout.MallStore;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.worker.WorkerListener;

/**
 * What a {@link Simulation} shows of its parts to an observer (the metrics endpoint of
 * {@code simulate} and {@code demo}). Called on the simulation's thread, except the worker listener.
 */
public interface SimulationObserver {
    SimulationObserver NONE = new SimulationObserver() {
    };

    /** The Redis connection and the mall store are open; the load has not started. */
    default void started(RedisQueueConnection connection, MallStore store) {
    }

    /** Wraps each checkout of the load (after the simulation's own decorator). */
    default LoadSimulator.Checkout checkout(LoadSimulator.Checkout real) {
        return real;
    }

    /** Told what the workers the simulation runs in this process finish. */
    default WorkerListener workerListener() {
        return WorkerListener.NONE;
    }

    /** The run is over; the connection and the store close next. */
    default void stopping() {
    }
}
