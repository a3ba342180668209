package dev.bullpen.monitor;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes jobs to a JSON or CSV file, streaming: the ids of a state are read a page at a time
 * ({@value #ID_BATCH} per round trip, in Bull's getJobs order, no SCAN), their hashes in pipelines
 * of {@value #HASH_BATCH}, and each batch is written before the next is read, so memory stays flat
 * whatever the state's size. The file is written next to the target under a temporary name and
 * moved into place at the end: a cancelled or failed export leaves no file, and an existing file is
 * replaced only by a complete one. Personal fields of data and return value are masked with the
 * given {@link PersonalDataMask}.
 *
 * <p>The state is read while it may change: a job that moves in or out during the export may be
 * missed or, when it arrives on the page boundary, is written once (ids of the previous page are
 * skipped); a job whose hash is gone by the time it is read is left out and counted in
 * {@link Result#gone()}.
 */
public final class JobExport {
    private static final Logger LOG = LoggerFactory.getLogger(JobExport.class);
    static final int ID_BATCH = 1_000;
    static final int HASH_BATCH = 100;

    /** The file formats; see {@link ExportFile} for their exact shape. */
    public enum Format {
        /** An array of job objects as {@code jobs show --json} prints them, plus {@code state}; one per line. */
        JSON,
        /** RFC 4180: id,name,state,timestamp,processedOn,finishedOn,attemptsMade,failedReason,data. */
        CSV;

        /** The file name extension, without the dot. */
        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** Parses {@code json} or {@code csv}, ignoring case. */
        public static Format parse(String text) {
            return Arrays.stream(values()).filter(f -> f.extension().equalsIgnoreCase(text.trim())).findFirst()
                    .orElseThrow(() -> new InvalidInputException("--format must be json or csv, not '" + text + "'"));
        }

        /** The format a file name's extension names, if any. */
        public static Optional<Format> ofFileName(Path file) {
            String name = file.getFileName() == null ? "" : file.getFileName().toString();
            int dot = name.lastIndexOf('.');
            String ext = dot < 0 ? "" : name.substring(dot + 1);
            return Arrays.stream(values()).filter(f -> f.extension().equalsIgnoreCase(ext)).findFirst();
        }
    }

    /** Told after each batch written; returns false to cancel (nothing is left on disk). */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (written, total) -> true;

        /**
         * @param written jobs written so far
         * @param total   jobs expected (the state's count when the export started, or the ids asked for)
         */
        boolean onBatch(long written, long total);
    }

    /**
     * @param file      the file written, or the target that was not written when cancelled
     * @param written   jobs written
     * @param gone      jobs listed whose hash no longer existed when read (left out)
     * @param cancelled true when the progress listener cancelled: no file was written
     */
    public record Result(Path file, long written, long gone, boolean cancelled) {
    }

    private final Format format;
    private final PersonalDataMask mask;

    public JobExport(Format format, PersonalDataMask mask) {
        this.format = format;
        this.mask = mask;
    }

    /**
     * Every job of one state, in Bull's {@code getJobs([state], 0, -1, false)} order.
     *
     * @throws InvalidInputException        when the target's folder does not exist or the target is a folder
     * @throws java.io.UncheckedIOException when the file cannot be written (nothing is left behind)
     */
    public Result state(JobQueue queue, JobState state, Path target, Progress progress) {
        long total = queue.status().counts().of(state);
        try (ExportFile out = ExportFile.open(target, format, mask)) {
            long written = 0;
            long gone = 0;
            Set<String> previousPage = Set.of();
            for (long start = 0; ; start += ID_BATCH) {
                List<String> page = queue.ids(state, start, start + ID_BATCH - 1);
                Set<String> seen = previousPage;
                List<String> fresh = page.stream().filter(id -> !seen.contains(id)).toList();
                for (int from = 0; from < fresh.size(); from += HASH_BATCH) {
                    List<JobSnapshot> jobs = queue.jobs(fresh.subList(from, Math.min(fresh.size(), from + HASH_BATCH)));
                    for (JobSnapshot job : jobs) {
                        if (job.missing()) {
                            gone++;
                        } else {
                            out.write(job, state.bullName());
                            written++;
                        }
                    }
                    total = Math.max(total, written);
                    if (!progress.onBatch(written, total)) {
                        return cancelled(queue, target, written, gone);
                    }
                }
                if (page.size() < ID_BATCH) {
                    out.commit();
                    return done(queue, written, state.bullName(), target, gone);
                }
                previousPage = new HashSet<>(page);
            }
        }
    }

    /**
     * The jobs with these ids, in this order, each labelled with {@code state} (the state they were
     * listed in). Ids whose hash is gone are left out and counted.
     */
    public Result jobs(JobQueue queue, List<String> ids, String state, Path target, Progress progress) {
        try (ExportFile out = ExportFile.open(target, format, mask)) {
            long written = 0;
            long gone = 0;
            for (int from = 0; from < ids.size(); from += HASH_BATCH) {
                for (JobSnapshot job : queue.jobs(ids.subList(from, Math.min(ids.size(), from + HASH_BATCH)))) {
                    if (job.missing()) {
                        gone++;
                    } else {
                        out.write(job, state);
                        written++;
                    }
                }
                if (!progress.onBatch(written, ids.size())) {
                    return cancelled(queue, target, written, gone);
                }
            }
            out.commit();
            return done(queue, written, "of " + ids.size() + " selected", target, gone);
        }
    }

    /** @param what what was written, after the count: "failed", "of 4 selected" */
    private Result done(JobQueue queue, long written, String what, Path target, long gone) {
        LOG.info("Queue(name={}, prefix={}) exported {} {} jobs as {} to {} ({})", queue.name(), queue.prefix(),
                written, what, format, target, mask.masksNothing() ? "personal fields NOT masked" : "masked");
        return new Result(target, written, gone, false);
    }

    private Result cancelled(JobQueue queue, Path target, long written, long gone) {
        LOG.info("Queue(name={}, prefix={}) export to {} cancelled after {} jobs; nothing written", queue.name(),
                queue.prefix(), target, written);
        return new Result(target, written, gone, true);
    }
}
