package dev.bullpen.simulate;

import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.OutboxRelay;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.checkout.RewardJobProcessor;
import dev.bullpen.checkout.RewardListener;
import dev.bullpen.checkout.RewardProcessor;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.worker.JobProcessor;
import dev.bullpen.worker.Worker;
import dev.bullpen.worker.WorkerOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;

/**
 * What one process runs to work the {@code checkout} queue: {@code count} Bull workers whose processor applies
 * rewards with a {@link RewardProcessor}, and the {@link OutboxRelay} on a schedule (every process that checks
 * out or works jobs runs one). Used by {@code bullpen worker} and by the simulator's embedded workers. It does
 * not own the store nor the connection: close this first, then them.
 */
public final class RewardWorkers implements AutoCloseable {
    /** How often the relay looks for pending outbox rows. */
    public static final Duration RELAY_PERIOD = Duration.ofSeconds(1);
    /**
     * The relay leaves rows younger than this to the {@link dev.bullpen.checkout.OutboxPusher} of the process that
     * checked out; it pushes those that were not pushed (Redis down, process gone).
     */
    public static final Duration RELAY_MIN_AGE = Duration.ofSeconds(2);

    private final List<Worker> workers = new ArrayList<>();
    private final ScheduledExecutorService relayScheduler;
    private final ScheduledFuture<?> relay;
    private final BullRewardJobPublisher publisher;

    /**
     * Starts the workers and the relay.
     *
     * @param count    how many workers (each with its own token and slots)
     * @param options  worker options (concurrency, lock duration, listener...)
     * @param failures shares of jobs failed on purpose ({@link InjectedFailures.Rates#NONE}: none)
     */
    public RewardWorkers(MallStore store, RedisQueueConnection connection, int count, WorkerOptions options,
            RewardListener listener, InjectedFailures.Rates failures, Clock clock) {
        JobProcessor processor = new RewardJobProcessor(
                new RewardProcessor(store, RewardSettings.defaults(), clock, listener));
        if (failures.any()) {
            processor = new InjectedFailures(processor, failures);
        }
        for (int i = 0; i < count; i++) {
            workers.add(new Worker(connection, RewardJob.QUEUE, processor, options).start());
        }
        this.publisher = new BullRewardJobPublisher(() -> connection, clock);
        this.relayScheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bullpen-outbox-relay");
            t.setDaemon(true);
            return t;
        });
        this.relay = new OutboxRelay(store, publisher, clock, 200, RELAY_MIN_AGE)
                .schedule(relayScheduler, RELAY_PERIOD);
    }

    /**
     * Stops the relay, then closes every worker, letting running jobs finish within {@code grace}.
     *
     * @return true when every running job finished in time
     */
    public boolean close(Duration grace) {
        relay.cancel(false);
        relayScheduler.shutdownNow();
        boolean clean = true;
        for (Worker w : workers) {
            clean &= w.close(grace);
        }
        return clean;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }
}
