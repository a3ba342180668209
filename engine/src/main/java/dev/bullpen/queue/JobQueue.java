package dev.bullpen.queue;

import java.util.List;
import java.util.Optional;

/**
 * One Bull 4 queue: produce, inspect and administer with the semantics of npm {@code bull} 4.16.5.
 * Implementations are thread-safe.
 */
public interface JobQueue {

    /** The queue name (without prefix). */
    String name();

    /** The key prefix, {@code bull} by default. */
    String prefix();

    /**
     * Adds one job as Bull's {@code queue.add} does.
     *
     * @return the job id; for a custom {@code jobId} that already exists, that id (nothing is changed)
     */
    String add(NewJob job);

    /** Adds many jobs in one pipelined round trip, in order; returns their ids. */
    List<String> addBulk(List<NewJob> jobs);

    /** Counts of every state and the pause flag, in one round trip. */
    QueueStatus status();

    /** True when the queue is globally paused ({@code meta-paused} or {@code meta.paused}). */
    boolean isPaused();

    /** True when any key of this queue exists. */
    boolean exists();

    /**
     * Jobs in one state, in the order of Bull's {@code getJobs([state], start, end, false)}:
     * lists newest first, sorted sets by descending score. {@code start}/{@code end} are inclusive
     * and may be negative as in Redis ranges.
     */
    List<JobSnapshot> jobs(JobState state, long start, long end);

    /**
     * The monitoring read, in one round trip whatever the queue's size: counts, pause flag and a
     * page of one state. Without {@code withData}, the jobs' {@code data}, {@code stacktrace} and
     * {@code returnvalue} fields are not read (payloads can be megabytes).
     */
    QueuePage page(JobState state, long start, long end, boolean withData);

    /**
     * The ids of one state in the order of {@link #jobs(JobState, long, long)}, without reading the
     * hashes: one round trip whatever the state's size.
     */
    List<String> ids(JobState state, long start, long end);

    /**
     * The stored jobs with these ids, in the given order, in one pipelined round trip. An id whose
     * hash does not exist (or whose key another client made something else) gives a job with no
     * fields ({@link JobSnapshot#missing()}).
     */
    List<JobSnapshot> jobs(List<String> ids);

    /** The stored job, or empty when no hash exists. */
    Optional<JobSnapshot> job(String id);

    /** The job with its state (Bull's getState order) and its log lines. */
    Optional<JobDetail> detail(String id);

    /**
     * Retries one failed job as Bull's {@code job.retry()}.
     *
     * @throws NotFoundException when the job does not exist
     * @throws QueueException    when it is locked or not failed
     */
    void retry(String id);

    /** Moves every failed job back to waiting in batches; returns how many were moved. */
    long retryAllFailed(int batchSize, BatchProgress progress);

    /**
     * Promotes one delayed job to waiting now.
     *
     * @throws QueueException when it is not delayed
     */
    void promote(String id);

    /** Promotes every delayed job in batches; returns how many were moved. */
    long promoteAllDelayed(int batchSize, BatchProgress progress);

    /** Removes a job as Bull's {@code job.remove()}: refused while the job is locked. */
    RemoveResult remove(String id);

    /**
     * Deletes jobs of one state whose finishedOn (or processedOn, or timestamp) is older than now - grace,
     * as Bull's {@code queue.clean(grace, state, limit)}.
     *
     * @param limit at most this many (0: no limit)
     * @return the deleted ids
     */
    List<String> clean(JobState state, long graceMs, int limit);

    /**
     * Adds a copy of a stored job: same name, data and options, but a new id (the custom
     * {@code jobId}, {@code repeat}, {@code debounce}, {@code timestamp} and {@code prevMillis}
     * options are dropped, so the copy is a plain job created now). See {@link NewJob#copyOf}.
     *
     * @return the new job's id
     * @throws NotFoundException     when the job does not exist
     * @throws InvalidInputException when its stored options cannot be used for a new job
     */
    default String duplicate(String id) {
        JobSnapshot job = job(id).orElseThrow(() -> new NotFoundException("job " + id + " not found in queue "
                + name()));
        return add(NewJob.copyOf(job));
    }

    /** Global pause: workers of every process stop taking jobs. */
    void pause();

    void resume();

    /** Bull's {@code queue.empty()}: deletes waiting, paused and delayed jobs; active and finished stay. */
    void empty();

    // ---------------------------------------------------------------- charts and alerts (read-only)

    /**
     * The overview's read: counts, pause flag and recent activity in one round trip, whatever the
     * queue's size (ZCOUNTs on the finished sets, the ends of the wait and paused lists).
     *
     * @param nowMs         the time the activity is relative to, epoch ms
     * @param failedMinutes how many sliding minutes of failure counts to read (1 to 60)
     */
    QueueHealth health(long nowMs, int failedMinutes);

    /**
     * Completed and failed jobs per wall-clock minute over the {@code minutes} minutes ending with
     * the current one, in one round trip of {@code 2 * minutes} ZCOUNTs (O(log n) each).
     *
     * @param minutes 1 to 1440
     */
    Throughput throughput(long nowMs, int minutes);

    /**
     * The newest {@code count} jobs of a finished state with only {@code timestamp}, {@code processedOn}
     * and {@code finishedOn} read (never the data), in one round trip; a missing hash reads as a job
     * without fields.
     *
     * @param count 1 to 10,000
     */
    List<JobSnapshot> newestTimes(JobState state, int count);

    /** Bull's own metrics keys for completed and failed jobs, with at most {@code points} data points each. */
    BullMetrics bullMetrics(int points);
}
