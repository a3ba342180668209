package dev.bullpen.queue;

import java.util.List;

/**
 * A job with its state and log lines.
 *
 * @param state Bull's state name: waiting, active, delayed, completed, failed, paused, or
 *              {@code stuck} when the job is in none of them (as Bull's getState says)
 */
public record JobDetail(JobSnapshot job, String state, List<String> logs) {
    public JobDetail {
        logs = List.copyOf(logs);
    }
}
