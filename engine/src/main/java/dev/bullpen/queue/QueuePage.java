package dev.bullpen.queue;

import java.util.List;

/**
 * What one monitoring poll reads in one round trip: the queue's status and one page of one state.
 *
 * @param status counts and pause flag
 * @param state  the state the page lists
 * @param jobs   the page, in Bull's getJobs(desc) order
 */
public record QueuePage(QueueStatus status, JobState state, List<JobSnapshot> jobs) {
    public QueuePage {
        jobs = List.copyOf(jobs);
    }
}
