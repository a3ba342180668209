package dev.bullpen.checkout;

import dev.bullpen.queue.Backoff;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Publishes reward jobs to a Bull queue. The connection is opened on first use and again after a
 * failed open, so a publisher made while Redis is down starts working when Redis is back.
 */
public final class BullRewardJobPublisher implements RewardJobPublisher, AutoCloseable {
    public static final int ATTEMPTS = 5;
    public static final long BACKOFF_MS = 1_000;

    private final Supplier<QueueConnection> connector;
    private final Clock clock;
    private QueueConnection connection;

    public BullRewardJobPublisher(Supplier<QueueConnection> connector, Clock clock) {
        this.connector = connector;
        this.clock = clock;
    }

    private synchronized JobQueue queue(String name) {
        if (connection == null) {
            connection = connector.get();
        }
        return connection.queue(name);
    }

    /** The Bull job for an outbox row (job id = purchase id, retried with exponential backoff). */
    public static NewJob jobOf(OutboxEntry e, long now) {
        JobOptions o = JobOptions.defaults().jobId(e.purchaseId()).attempts(ATTEMPTS)
                .backoff(Backoff.exponential(BACKOFF_MS));
        if (e.priority() > 0) {
            o = o.priority(e.priority());
        }
        if (e.notBefore() > now) {
            o = o.delay(e.notBefore() - now);
        }
        return new NewJob(RewardJob.JOB_NAME, e.payload(), o);
    }

    @Override
    public void publish(OutboxEntry entry) {
        queue(entry.queue()).add(jobOf(entry, clock.millis()));
    }

    /** One script call per queue and up to 200 jobs ({@link JobQueue#addBulk}). */
    @Override
    public void publishAll(List<OutboxEntry> entries) {
        long now = clock.millis();
        Map<String, List<NewJob>> byQueue = new LinkedHashMap<>();
        for (OutboxEntry e : entries) {
            byQueue.computeIfAbsent(e.queue(), q -> new ArrayList<>()).add(jobOf(e, now));
        }
        byQueue.forEach((name, jobs) -> queue(name).addBulk(jobs));
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            connection.close();
            connection = null;
        }
    }
}
