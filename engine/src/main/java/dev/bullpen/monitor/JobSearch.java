package dev.bullpen.monitor;

import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Text search within one state: reads the state page by page (each page one read, in Bull's order)
 * and keeps the jobs whose id, name, data or failed reason contain the text, ignoring case; with a
 * mask, personal fields of the data do not match.
 * Jobs written by other clients may hold anything; a missing hash simply does not match.
 */
public final class JobSearch {

    /** Receives each batch's matches as they are found; returns false to stop before the next batch. */
    @FunctionalInterface
    public interface Listener {
        boolean onBatch(List<JobSnapshot> matches, long scanned, long total);
    }

    /**
     * @param scanned   jobs read
     * @param matched   jobs that matched
     * @param cancelled true when the listener stopped the search
     */
    public record Result(long scanned, long matched, boolean cancelled) {
    }

    private JobSearch() {
    }

    /** True when the job's id, name, data or failed reason contains {@code text}, ignoring case. */
    public static boolean matches(JobSnapshot job, String text) {
        return matches(job, text, PersonalDataMask.NONE);
    }

    /**
     * Like {@link #matches(JobSnapshot, String)}, but the data is matched as the mask shows it: a
     * masked search cannot find a job by an e-mail address or a name that it does not show.
     */
    public static boolean matches(JobSnapshot job, String text, PersonalDataMask mask) {
        if (job.missing()) {
            return false;
        }
        String needle = text.toLowerCase(Locale.ROOT);
        if (contains(job.id(), needle) || contains(job.name(), needle)
                || contains(job.failedReason().orElse(null), needle)) {
            return true;
        }
        String data = job.data().orElse(null);
        // masking parses the data: only for the few jobs whose stored data holds the text at all
        return contains(data, needle) && (mask.masksNothing() || contains(mask.applyToJson(data), needle));
    }

    private static boolean contains(String haystack, String lowerNeedle) {
        return haystack != null && haystack.toLowerCase(Locale.ROOT).contains(lowerNeedle);
    }

    static Result run(QueueInspector inspector, String queue, JobState state, String text, int batchSize,
                      PersonalDataMask mask, Listener listener) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1");
        }
        long total = inspector.read(queue, q -> q.status().counts().of(state));
        long scanned = 0;
        long matched = 0;
        while (true) {
            long start = scanned;
            List<JobSnapshot> page = inspector.read(queue, q -> q.jobs(state, start, start + batchSize - 1));
            List<JobSnapshot> hits = new ArrayList<>();
            for (JobSnapshot job : page) {
                if (matches(job, text, mask)) {
                    hits.add(job);
                }
            }
            scanned += page.size();
            matched += hits.size();
            boolean last = page.size() < batchSize;
            total = Math.max(total, scanned);
            if (!listener.onBatch(List.copyOf(hits), scanned, last ? scanned : total)) {
                return new Result(scanned, matched, !last);
            }
            if (last) {
                return new Result(scanned, matched, false);
            }
        }
    }
}
