package dev.bullpen.cli;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "bench", mixinStandardHelpOptions = true, description = "Benchmarks driven by bench/.",
        subcommands = {BenchCommand.Produce.class, WorkerBenchCommand.class})
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
        public Integer call() {
            if (jobs < 1 || inFlight < 1) {
                throw new InvalidInputException("--jobs and --in-flight must be 1 or more");
            }
            try (var c = GlobalOptions.of(spec).connect()) {
                JobQueue q = c.queue(queueName);
                long t0 = System.nanoTime();
                int added = 0;
                while (added < jobs) {
                    int n = Math.min(inFlight, jobs - added);
                    List<NewJob> batch = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        batch.add(NewJob.of("{\"n\":" + (added + i) + "}"));
                    }
                    added += q.addBulk(batch).size();
                }
                double secs = (System.nanoTime() - t0) / 1e9;
                spec.commandLine().getOut().printf("added %d jobs in %.3f s: %.0f jobs/s%n", added, secs, added / secs);
                spec.commandLine().getOut().flush();
                return ExitCodes.OK;
            }
        }
    }
}
