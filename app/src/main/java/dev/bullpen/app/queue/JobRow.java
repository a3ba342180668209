package dev.bullpen.app.queue;

import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.Json;
import java.time.format.DateTimeFormatter;

/**
 * One job in the queue table, formatted once when the page arrives.
 *
 * @param job the stored job (for actions and the detail pane)
 */
public record JobRow(JobSnapshot job, String id, String name, String created, String attempts, String progress,
                     String waitTime, String runTime, String failedReason) {

    static JobRow of(JobSnapshot job, DateTimeFormatter times) {
        if (job.missing()) {
            return new JobRow(job, job.id(), "(missing: no hash)", Durations.NONE, Durations.NONE, Durations.NONE,
                    Durations.NONE, Durations.NONE, "");
        }
        return new JobRow(job, job.id(), job.name(), Durations.time(job.timestamp(), times),
                job.attemptsMade().map(String::valueOf).orElse("0"),
                progress(job.field("progress").orElse(null)),
                Durations.between(job.timestamp(), job.processedOn()),
                Durations.between(job.processedOn(), job.finishedOn()),
                firstLine(job.failedReason().orElse("")));
    }

    /** Bull stores progress as JSON: a number is a percentage, anything else is shown as it is. */
    static String progress(String raw) {
        if (raw == null || raw.isBlank()) {
            return "0 %";
        }
        return Json.parseLenient(raw)
                .map(n -> n.isNumber() ? n.asText() + " %" : abbreviate(n.toString(), 40))
                .orElse(abbreviate(raw, 40));
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return abbreviate(nl < 0 ? s : s.substring(0, nl), 300);
    }

    static String abbreviate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
