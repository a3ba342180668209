package dev.bullpen.metrics;

import dev.bullpen.checkout.CheckoutRejectedException;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.simulate.LoadSimulator;
import dev.bullpen.simulate.SimulationObserver;
import dev.bullpen.worker.WorkerListener;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The metrics of {@code simulate} and {@code demo}: the {@code checkout} queue's gauges and the outbox
 * backlog while the simulation runs, its checkout latency, and the job metrics of the workers it runs
 * in this process (worker child processes of {@code kill-worker} chaos serve none).
 */
public final class SimulationMetrics implements SimulationObserver {
    private static final Logger LOG = LoggerFactory.getLogger(SimulationMetrics.class);

    private final BullpenMetrics metrics;
    private AutoCloseable watching;

    public SimulationMetrics(BullpenMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public synchronized void started(RedisQueueConnection connection, MallStore store) {
        watching = metrics.watch(connection, List.of(RewardJob.QUEUE), Optional.of(store));
    }

    @Override
    public LoadSimulator.Checkout checkout(LoadSimulator.Checkout real) {
        return customer -> {
            long t0 = System.nanoTime();
            BullpenMetrics.CheckoutOutcome outcome = BullpenMetrics.CheckoutOutcome.ERROR;
            try {
                var answer = real.checkout(customer);
                outcome = BullpenMetrics.CheckoutOutcome.OK;
                return answer;
            } catch (CheckoutRejectedException e) {
                outcome = BullpenMetrics.CheckoutOutcome.REJECTED;
                throw e;
            } finally {
                metrics.checkoutEnded(Duration.ofNanos(System.nanoTime() - t0), outcome);
            }
        };
    }

    @Override
    public WorkerListener workerListener() {
        return metrics.workerListener(RewardJob.QUEUE);
    }

    @Override
    public synchronized void stopping() {
        if (watching != null) {
            try {
                watching.close();
            } catch (Exception e) {
                LOG.debug("Metrics: stopping the queue gauges failed: {}", e.toString());
            }
            watching = null;
        }
    }
}
