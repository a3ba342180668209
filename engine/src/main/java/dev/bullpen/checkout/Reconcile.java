package dev.bullpen.checkout;

import dev.bullpen.queue.JobQueue;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-enqueues the reward jobs of purchases whose rewards are not completed and whose job is neither
 * waiting, active, delayed nor paused: a missing job is added again, a failed one retried, a finished
 * or stuck one removed and added again. With {@code dryRun} it only reports.
 */
public final class Reconcile {
    private static final Logger LOG = LoggerFactory.getLogger(Reconcile.class);

    /** What reconcile did (or would do) for one purchase. */
    public enum Action {
        ADD, RETRY, REPLACE
    }

    /** One purchase acted on. */
    public record Item(String purchaseId, Optional<String> jobState, Action action) {
    }

    private final MallStore store;
    private final JobQueue queue;
    private final Clock clock;

    public Reconcile(MallStore store, JobQueue queue, Clock clock) {
        this.store = store;
        this.queue = queue;
        this.clock = clock;
    }

    /** Runs once; returns the purchases acted on (or that would be, with {@code dryRun}). */
    public List<Item> run(boolean dryRun) {
        return run(dryRun, id -> false);
    }

    /**
     * Runs once, leaving alone the purchases {@code leaveAlone} names (e.g. the simulator's jobs failed on purpose,
     * which must stay failed for support to retry).
     */
    public List<Item> run(boolean dryRun, java.util.function.Predicate<String> leaveAlone) {
        List<Item> items = new ArrayList<>();
        for (Purchase p : store.purchases()) {
            if (p.isCompleted() || leaveAlone.test(p.id())) {
                continue;
            }
            Optional<String> state = QueueLiveness.state(queue, p.id());
            if (state.isPresent() && QueueLiveness.RUNNABLE.contains(state.get())) {
                continue;
            }
            Action action = state.isEmpty() ? Action.ADD : state.get().equals("failed") ? Action.RETRY : Action.REPLACE;
            items.add(new Item(p.id(), state, action));
            if (dryRun) {
                continue;
            }
            switch (action) {
                case RETRY -> queue.retry(p.id());
                case REPLACE -> {
                    queue.remove(p.id());
                    queue.add(BullRewardJobPublisher.jobOf(outboxOf(p), clock.millis()));
                }
                case ADD -> queue.add(BullRewardJobPublisher.jobOf(outboxOf(p), clock.millis()));
            }
            store.markOutboxSent(p.id(), clock.millis());
            LOG.info("Purchase(id={}) reward job {} (was {})", p.id(), action, state.orElse("missing"));
        }
        return items;
    }

    private OutboxEntry outboxOf(Purchase p) {
        return store.outbox(p.id()).orElseGet(() -> new OutboxEntry(p.id(), RewardJob.QUEUE,
                new RewardJob(p.id(), p.customerId(), p.shares()).toJson(), 0, 0, OutboxEntry.PENDING, 0, null,
                clock.millis()));
    }
}
