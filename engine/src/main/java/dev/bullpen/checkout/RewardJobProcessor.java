package dev.bullpen.checkout;

import dev.bullpen.worker.JobContext;
import dev.bullpen.worker.JobProcessor;

/**
 * The {@link JobProcessor} of the {@code checkout} queue: reads the job's data as a {@link RewardJob} and
 * applies it with {@link RewardProcessor#process(RewardJob)} (one database transaction; a job delivered twice
 * changes nothing the second time). Returns {@code {"applied": true|false}} as the job's return value.
 */
public final class RewardJobProcessor implements JobProcessor {
    private final RewardProcessor rewards;

    public RewardJobProcessor(RewardProcessor rewards) {
        this.rewards = rewards;
    }

    /**
     * @throws IllegalArgumentException when the data is not a reward job (the attempt fails with that reason)
     * @throws UnknownPurchaseException when no purchase has the job's purchase id
     * @throws MallStoreException       when the database fails (the job is retried by its backoff)
     */
    @Override
    public Object process(JobContext job) {
        RewardOutcome outcome = rewards.process(RewardJob.fromJson(job.dataJson()));
        return java.util.Map.of("applied", outcome.applied());
    }
}
