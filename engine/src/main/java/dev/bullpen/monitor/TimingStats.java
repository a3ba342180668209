package dev.bullpen.monitor;

import dev.bullpen.queue.JobSnapshot;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Wait and run time percentiles of finished jobs, exact over the jobs given (nearest rank, no
 * histogram): wait = processedOn − timestamp (it includes any delay, as the queue table's Wait
 * column), run = finishedOn − processedOn. A job whose times are missing, not numbers or out of
 * order (clocks that disagree) gives no sample for that measure; it is counted in {@code skipped}.
 *
 * @param jobs       jobs read
 * @param skipped    jobs that gave neither a wait nor a run sample
 * @param waitTime   wait time percentiles, ms
 * @param runTime    run time percentiles, ms
 * @param firstFinish earliest finishedOn among the jobs, epoch ms
 * @param lastFinish  latest finishedOn among the jobs, epoch ms
 */
public record TimingStats(int jobs, int skipped, Percentiles waitTime, Percentiles runTime, OptionalLong firstFinish,
                          OptionalLong lastFinish) {

    /**
     * Nearest-rank percentiles of some durations.
     *
     * @param samples how many durations; 0 means no value is meaningful
     */
    public record Percentiles(int samples, long p50, long p90, long p95, long p99, long max) {
        public static Percentiles none() {
            return new Percentiles(0, 0, 0, 0, 0, 0);
        }

        /** The percentiles of these durations (any order). */
        public static Percentiles of(long[] values) {
            if (values.length == 0) {
                return none();
            }
            long[] sorted = values.clone();
            Arrays.sort(sorted);
            return new Percentiles(sorted.length, rank(sorted, 50), rank(sorted, 90), rank(sorted, 95),
                    rank(sorted, 99), sorted[sorted.length - 1]);
        }

        /** The smallest value with at least {@code p} percent of the values at or below it. */
        static long rank(long[] sorted, int p) {
            int n = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, n - 1)];
        }

        public boolean isEmpty() {
            return samples == 0;
        }
    }

    public static TimingStats of(List<JobSnapshot> jobs) {
        List<Long> waits = new ArrayList<>();
        List<Long> runs = new ArrayList<>();
        int skipped = 0;
        OptionalLong first = OptionalLong.empty();
        OptionalLong last = OptionalLong.empty();
        for (JobSnapshot job : jobs) {
            Optional<Long> created = job.timestamp();
            Optional<Long> started = job.processedOn();
            Optional<Long> finished = job.finishedOn();
            boolean any = false;
            if (created.isPresent() && started.isPresent() && started.get() >= created.get()) {
                waits.add(started.get() - created.get());
                any = true;
            }
            if (started.isPresent() && finished.isPresent() && finished.get() >= started.get()) {
                runs.add(finished.get() - started.get());
                any = true;
            }
            skipped += any ? 0 : 1;
            if (finished.isPresent()) {
                long f = finished.get();
                first = first.isEmpty() || f < first.getAsLong() ? OptionalLong.of(f) : first;
                last = last.isEmpty() || f > last.getAsLong() ? OptionalLong.of(f) : last;
            }
        }
        return new TimingStats(jobs.size(), skipped, Percentiles.of(toArray(waits)), Percentiles.of(toArray(runs)),
                first, last);
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
