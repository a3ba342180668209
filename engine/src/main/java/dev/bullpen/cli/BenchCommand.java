package dev.bullpen.cli;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks driven by bench/.",
        subcommands = {BenchCommand.Produce.class, BenchCommand.Poll.class, WorkerBenchCommand.class})
final class BenchCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "produce", mixinStandardHelpOptions = true,
            description = "Add exactly N small jobs, K in flight (pipelined), and print jobs/s.")
    static final class Produce implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--queue", required = true, paramLabel = "Q")
        String queueName;

        @Option(names = "--jobs", required = true, paramLabel = "N")
        int jobs;

        @Option(names = "--in-flight", defaultValue = "100", paramLabel = "K",
                description = "Adds per pipelined round trip (default 100)")
        int inFlight;

        @Override
        public Integer call() throws InterruptedException {
            if (jobs < 1 || inFlight < 1) {
                throw new InvalidInputException("--jobs and --in-flight must be 1 or more");
            }
            try (var c = GlobalOptions.of(spec).connect()) {
                JobQueue q = c.queue(queueName);
                // K adds in flight: two lanes of K/2 adds per bulk round trip, so that Redis runs one
                // lane's script while the other lane prepares its next batch
                int lanes = inFlight >= 2 ? 2 : 1;
                int perLane = Math.max(1, inFlight / lanes);
                AtomicInteger next = new AtomicInteger();
                AtomicInteger added = new AtomicInteger();
                long t0 = System.nanoTime();
                List<Thread> threads = new ArrayList<>();
                for (int l = 0; l < lanes; l++) {
                    Thread lane = new Thread(() -> {
                        while (true) {
                            int from = next.getAndAdd(perLane);
                            if (from >= jobs) {
                                return;
                            }
                            int n = Math.min(perLane, jobs - from);
                            List<NewJob> batch = new ArrayList<>(n);
                            for (int i = 0; i < n; i++) {
                                batch.add(NewJob.of("{\"n\":" + (from + i) + "}"));
                            }
                            added.addAndGet(q.addBulk(batch).size());
                        }
                    }, "produce-lane-" + l);
                    lane.start();
                    threads.add(lane);
                }
                for (Thread t : threads) {
                    t.join();
                }
                if (added.get() != jobs) {
                    throw new CliRefusal("added " + added.get() + " of " + jobs + " jobs (a lane failed; see log)");
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                spec.commandLine().getOut().printf("added %d jobs in %.3f s: %.0f jobs/s%n", added.get(), secs, added.get() / secs);
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }

    @Command(name = "poll", mixinStandardHelpOptions = true,
            description = "Time the console's monitoring poll (all counts + a page of failed jobs) and count "
                    + "the Redis commands it costs.")
    static final class Poll implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--queue", required = true, paramLabel = "Q")
        String queueName;

        @Option(names = "--iterations", defaultValue = "500", paramLabel = "N")
        int iterations;

        @Option(names = "--page-size", defaultValue = "50")
        int pageSize;

        @Override
        public Integer call() {
            try (var c = GlobalOptions.of(spec).connect()) {
                JobQueue q = c.queue(queueName);
                for (int i = 0; i < 50; i++) {
                    q.page(dev.bullpen.queue.JobState.FAILED, 0, pageSize - 1, false); // warm-up
                }
                long before = totalCommands(c);
                long evalBefore = scriptCalls(c);
                org.HdrHistogram.Histogram h = new org.HdrHistogram.Histogram(3);
                dev.bullpen.queue.QueuePage last = null;
                for (int i = 0; i < iterations; i++) {
                    long t = System.nanoTime();
                    last = q.page(dev.bullpen.queue.JobState.FAILED, 0, pageSize - 1, false);
                    h.recordValue((System.nanoTime() - t) / 1_000);
                }
                long commands = totalCommands(c) - before - 1; // the INFO call itself counts once
                long roundTrips = scriptCalls(c) - evalBefore;
                var counts = last.status().counts();
                spec.commandLine().getOut().printf(
                        "queue %s: completed=%d failed=%d page=%d jobs; poll p50 %.3f ms, p99 %.3f ms, mean %.3f ms; "
                                + "%.2f round trips (script calls) per poll, %.1f Redis commands run per poll%n",
                        queueName, counts.completed(), counts.failed(), last.jobs().size(),
                        h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(99) / 1000.0,
                        h.getMean() / 1000.0, roundTrips / (double) iterations, (commands - roundTrips) / (double) iterations);
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }

        /** EVAL/EVALSHA calls so far (read-only variants included): each is one client round trip. */
        private static long scriptCalls(dev.bullpen.queue.QueueConnection c) {
            long n = 0;
            for (var e : c.serverInfo().entrySet()) {
                if (e.getKey().matches("cmdstat_eval(sha)?(_ro)?")) {
                    var m = java.util.regex.Pattern.compile("calls=(\\d+)").matcher(e.getValue());
                    if (m.find()) {
                        n += Long.parseLong(m.group(1));
                    }
                }
            }
            return n;
        }

        private static long totalCommands(dev.bullpen.queue.QueueConnection c) {
            return Long.parseLong(c.serverInfo().getOrDefault("total_commands_processed", "0"));
        }
    }
}
