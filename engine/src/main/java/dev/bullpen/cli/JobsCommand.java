package dev.bullpen.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.monitor.JobExport;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobJson;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.NotFoundException;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.RemoveResult;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "jobs", mixinStandardHelpOptions = true, description = "List, show, add and administer jobs.",
        subcommands = {JobsCommand.ListJobs.class, JobsCommand.Show.class, JobsCommand.Add.class,
            JobsCommand.Retry.class, JobsCommand.Promote.class, JobsCommand.Remove.class, JobsCommand.Clean.class,
            JobsCommand.Export.class})
final class JobsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Shared by the job subcommands: the queue option, connection and output. */
    abstract static class QueueCommand implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--queue", paramLabel = "Q", required = true, description = "Queue name")
        String queueName;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        /** Opens the queue; with {@code mustExist}, exit 4 when it has no keys at all. */
        <T> T withQueue(boolean mustExist, java.util.function.Function<JobQueue, T> action) {
            try (QueueConnection c = GlobalOptions.of(spec).connect()) {
                JobQueue q = c.queue(queueName);
                if (mustExist && !q.exists()) {
                    throw new NotFoundException("queue " + queueName + " not found under prefix " + c.prefix());
                }
                return action.apply(q);
            }
        }
    }

    static JobState parseState(String s) {
        return JobState.parse(s).orElseThrow(() -> new InvalidInputException(
                "unknown state '" + s + "': use waiting, active, delayed, completed, failed or paused"));
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "Jobs of one state in the order of Bull's getJobs([S], start, end, false).")
    static final class ListJobs extends QueueCommand {
        @Option(names = "--state", required = true, paramLabel = "S",
                description = "waiting, active, delayed, completed, failed or paused")
        String state;

        @Option(names = "--start", defaultValue = "0", description = "First index, inclusive (default 0)")
        long start;

        @Option(names = "--end", defaultValue = "49", description = "Last index, inclusive (default 49)")
        long end;

        @Option(names = "--json", description = "Print {\"jobs\":[...]}")
        boolean json;

        @Override
        public Integer call() {
            JobState s = parseState(state);
            List<JobSnapshot> jobs = withQueue(true, q -> q.jobs(s, start, end));
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                ArrayNode arr = root.putArray("jobs");
                PersonalDataMask mask = GlobalOptions.of(spec).mask();
                jobs.forEach(j -> arr.add(mask.applyToJob(JobJson.toJson(j))));
                Output.json(out(), root);
            } else {
                List<List<String>> rows = new ArrayList<>();
                for (JobSnapshot j : jobs) {
                    rows.add(List.of(j.id(), Output.cell(j.name(), 24),
                            j.timestamp().map(t -> Instant.ofEpochMilli(t).toString()).orElse(""),
                            j.attemptsMade().map(String::valueOf).orElse("0"),
                            Output.cell(j.failedReason().orElse(""), 50)));
                }
                Output.table(out(), List.of("ID", "NAME", "CREATED", "ATTEMPTS", "FAILED REASON"), rows);
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One job with its state and logs.")
    static final class Show extends QueueCommand {
        @Parameters(paramLabel = "ID", description = "Job id")
        String id;

        @Option(names = "--json", description = "Print the job as JSON")
        boolean json;

        @Override
        public Integer call() {
            JobDetail d = withQueue(false, q -> q.detail(id)).orElseThrow(
                    () -> new NotFoundException("job " + id + " not found in queue " + queueName));
            ObjectNode node = GlobalOptions.of(spec).mask().applyToJob(JobJson.toJson(d));
            if (json) {
                Output.json(out(), node);
            } else {
                PrintWriter o = out();
                node.fields().forEachRemaining(f -> {
                    JsonNode v = f.getValue();
                    String text = v.isTextual() ? v.asText() : v.isNull() ? "" : v.toPrettyString();
                    o.printf("%-13s %s%n", f.getKey() + ":", text.replace("\n", "\n              "));
                });
                o.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add one job, as Bull's queue.add.")
    static final class Add extends QueueCommand {
        @Option(names = "--name", description = "Job name (default __default__)")
        String name;

        @Option(names = "--data", required = true, paramLabel = "JSON", description = "Job data (JSON)")
        String data;

        @Option(names = "--opts", paramLabel = "JSON",
                description = "Bull options: delay, priority, attempts, backoff, jobId, lifo, timeout, "
                        + "removeOnComplete, removeOnFail, stackTraceLimit")
        String opts;

        @Option(names = "--json", description = "Print {\"id\":\"...\"}")
        boolean json;

        @Override
        public Integer call() {
            String dataJson = Json.stringify(Json.parseStrict(data, "--data"));
            JobOptions options = opts == null ? JobOptions.defaults() : JobOptions.fromJson(opts);
            String id = withQueue(false, q -> q.add(new NewJob(name, dataJson, options)));
            if (json) {
                Output.json(out(), Json.MAPPER.createObjectNode().put("id", id));
            } else {
                out().println(id);
                out().flush();
            }
            return ExitCodes.OK;
        }
    }

    /** Runs an action on each id, reporting each; exit 4 if any was missing, 1 if any was refused. */
    static int eachId(PrintWriter out, PrintWriter err, List<String> ids, String verb, Consumer<String> action) {
        int code = ExitCodes.OK;
        for (String id : ids) {
            try {
                action.accept(id);
                out.println(verb + " " + id);
            } catch (NotFoundException e) {
                err.println("error: " + e.getMessage());
                code = Math.max(code, ExitCodes.NOT_FOUND);
            } catch (QueueException e) {
                err.println("error: " + e.getMessage());
                code = code == ExitCodes.OK ? ExitCodes.REFUSED : code;
            }
        }
        out.flush();
        err.flush();
        return code;
    }

    @Command(name = "retry", mixinStandardHelpOptions = true,
            description = "Move failed jobs back to waiting (one by one as job.retry(), or --all-failed in batches).")
    static final class Retry extends QueueCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Parameters(paramLabel = "ID", arity = "1..*", description = "Failed job ids")
            List<String> ids;

            @Option(names = "--all-failed", required = true, description = "Retry every failed job, in batches")
            boolean all;
        }

        @Option(names = "--batch", defaultValue = "1000", description = "Batch size for --all-failed (default 1000)")
        int batch;

        @Override
        public Integer call() {
            if (target.all) {
                long n = withQueue(true, q -> q.retryAllFailed(batch, BatchPrinter.to(spec)));
                out().println("retried " + n + " failed jobs");
                out().flush();
                return ExitCodes.OK;
            }
            return withQueue(false, q -> eachId(out(), spec.commandLine().getErr(), target.ids, "retried",
                    q::retry));
        }
    }

    @Command(name = "promote", mixinStandardHelpOptions = true,
            description = "Move delayed jobs to waiting now (ids, or --all-delayed).")
    static final class Promote extends QueueCommand {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Parameters(paramLabel = "ID", arity = "1..*", description = "Delayed job ids")
            List<String> ids;

            @Option(names = "--all-delayed", required = true, description = "Promote every delayed job")
            boolean all;
        }

        @Override
        public Integer call() {
            if (target.all) {
                long n = withQueue(true, q -> q.promoteAllDelayed(1000, BatchPrinter.to(spec)));
                out().println("promoted " + n + " delayed jobs");
                out().flush();
                return ExitCodes.OK;
            }
            return withQueue(false, q -> eachId(out(), spec.commandLine().getErr(), target.ids, "promoted",
                    q::promote));
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Remove jobs with their logs; a locked (active) job is refused, as in Bull.")
    static final class Remove extends QueueCommand {
        @Parameters(paramLabel = "ID", arity = "1..*", description = "Job ids")
        List<String> ids;

        @Override
        public Integer call() {
            return withQueue(false, q -> eachId(out(), spec.commandLine().getErr(), ids, "removed", id -> {
                RemoveResult r = q.remove(id);
                if (r == RemoveResult.NOT_FOUND) {
                    throw new NotFoundException("job " + id + " not found in queue " + queueName);
                }
                if (r == RemoveResult.LOCKED) {
                    throw new QueueException("job " + id + " is locked by a worker: not removed");
                }
            }));
        }
    }

    @Command(name = "clean", mixinStandardHelpOptions = true,
            description = "Delete jobs of one state older than a grace period, as Bull's queue.clean.")
    static final class Clean extends QueueCommand {
        @Option(names = "--state", required = true, paramLabel = "S", description = "State to clean")
        String state;

        @Option(names = "--grace", required = true, paramLabel = "MS", description = "Keep jobs younger than this")
        long grace;

        @Option(names = "--limit", defaultValue = "0", description = "At most this many (0: no limit)")
        int limit;

        @Option(names = "--json", description = "Print {\"removed\":[ids]}")
        boolean json;

        @Override
        public Integer call() {
            JobState s = parseState(state);
            List<String> removed = withQueue(true, q -> q.clean(s, grace, limit));
            if (json) {
                ObjectNode root = Json.MAPPER.createObjectNode();
                removed.forEach(root.putArray("removed")::add);
                Output.json(out(), root);
            } else {
                out().println("removed " + removed.size() + " " + s.bullName() + " jobs");
                out().flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = {"Write every job of one state to a JSON or CSV file, streaming in batches.",
                "Personal fields of job data are masked unless --unmask. The file is written",
                "under a temporary name in the same folder and moved into place when complete",
                "(an existing file is replaced)."})
    static final class Export extends QueueCommand {
        /** Progress lines on stderr: one per this many jobs. */
        static final long PROGRESS_EVERY = 10_000;

        @Option(names = "--state", required = true, paramLabel = "S",
                description = "waiting, active, delayed, completed, failed or paused")
        String state;

        @Option(names = "--format", paramLabel = "json|csv",
                description = "json (an array of job objects as 'jobs show --json' prints them, plus state) or csv "
                        + "(id,name,state,timestamp,processedOn,finishedOn,attemptsMade,failedReason,data); "
                        + "default: from the extension of --out")
        String format;

        @Option(names = "--out", required = true, paramLabel = "FILE", description = "The file to write")
        java.nio.file.Path out;

        @Override
        public Integer call() {
            JobState s = parseState(state);
            JobExport.Format f = format != null ? JobExport.Format.parse(format)
                    : JobExport.Format.ofFileName(out).orElseThrow(() -> new InvalidInputException(
                            "give --format json or csv (the name " + out.getFileName() + " ends in neither)"));
            PersonalDataMask mask = GlobalOptions.of(spec).mask();
            PrintWriter err = spec.commandLine().getErr();
            long[] reported = {0};
            JobExport.Result r = withQueue(true, q -> new JobExport(f, mask).state(q, s, out, (written, total) -> {
                if (written - reported[0] >= PROGRESS_EVERY) {
                    reported[0] = written;
                    err.printf("… %d of %d written%n", written, total);
                    err.flush();
                }
                return true;
            }));
            out().println("exported " + r.written() + " " + s.bullName() + " jobs to " + r.file()
                    + (r.gone() > 0 ? " (" + r.gone() + " removed while exporting were left out)" : "")
                    + (mask.masksNothing() ? "" : "; personal fields masked (--unmask to export them)"));
            out().flush();
            return ExitCodes.OK;
        }
    }
}
