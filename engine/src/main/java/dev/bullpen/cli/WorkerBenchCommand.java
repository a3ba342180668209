package dev.bullpen.cli;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.worker.FailOnRequest;
import dev.bullpen.worker.JobProcessor;
import dev.bullpen.worker.Worker;
import dev.bullpen.worker.WorkerListener;
import dev.bullpen.worker.WorkerOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bench worker}: processes a queue with the Bull-compatible worker until N jobs have finished
 * (completed or finally failed) or until SIGTERM / Ctrl-C, then closes gracefully and prints jobs/s.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Process a queue as a Bull worker until N jobs finished or SIGTERM; print jobs/s.")
public final class WorkerBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--queue", required = true, paramLabel = "Q")
    String queueName;

    @Option(names = "--concurrency", defaultValue = "1", paramLabel = "C")
    int concurrency;

    @Option(names = "--processor", defaultValue = "noop", paramLabel = "noop|sleep:MS",
            description = "noop, or sleep:MS. Job data {\"fail\": \"msg\", \"failAttempts\": n} fails "
                    + "with msg while attemptsMade < n (always without failAttempts).")
    String processorSpec;

    @Option(names = "--jobs", paramLabel = "N", description = "Stop after N finished jobs (default: run until SIGTERM)")
    Long jobs;

    @Option(names = "--lock-duration-ms", defaultValue = "30000", paramLabel = "MS")
    long lockDurationMs;

    @Option(names = "--stalled-interval-ms", defaultValue = "30000", paramLabel = "MS")
    long stalledIntervalMs;

    @Option(names = "--grace-ms", defaultValue = "30000", paramLabel = "MS",
            description = "How long running jobs may take to finish after SIGTERM (default 30000)")
    long graceMs;

    @Override
    public Integer call() throws Exception {
        if (concurrency < 1 || (jobs != null && jobs < 1)) {
            throw new InvalidInputException("--concurrency and --jobs must be 1 or more");
        }
        JobProcessor processor = processor(processorSpec);
        PrintWriter out = spec.commandLine().getOut();
        AtomicLong finished = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch done = new CountDownLatch(1);
        WorkerListener listener = new WorkerListener() {
            @Override
            public void completed(String jobId, Object result) {
                count();
            }

            @Override
            public void failed(String jobId, String reason, boolean finalFailure) {
                if (finalFailure) {
                    failed.incrementAndGet();
                    count();
                }
            }

            private void count() {
                if (jobs != null && finished.incrementAndGet() >= jobs) {
                    done.countDown();
                } else if (jobs == null) {
                    finished.incrementAndGet();
                }
            }
        };
        try (QueueConnection c = GlobalOptions.of(spec).connect()) {
            WorkerOptions options = WorkerOptions.builder()
                    .concurrency(concurrency)
                    .lockDuration(Duration.ofMillis(lockDurationMs))
                    .stalledInterval(Duration.ofMillis(stalledIntervalMs))
                    .shutdownGrace(Duration.ofMillis(graceMs))
                    .listener(listener)
                    .build();
            Worker worker = new Worker((RedisQueueConnection) c, queueName, processor, options);
            Signals.onTermOrInterrupt(done::countDown);
            long t0 = System.nanoTime();
            worker.start();
            out.printf("worker started on %s (concurrency %d, processor %s)%n", queueName, concurrency, processorSpec);
            out.flush();
            done.await();
            boolean clean = worker.close(options.shutdownGrace());
            double secs = (System.nanoTime() - t0) / 1e9;
            long n = finished.get();
            out.printf("finished %d jobs (%d failed) in %.3f s: %.0f jobs/s%s%n", n, failed.get(), secs, n / secs,
                    clean ? "" : " (running jobs abandoned after the grace period)");
            out.flush();
            return ExitCodes.OK;
        }
    }


    static JobProcessor processor(String spec) {
        long sleepMs;
        if (spec.equals("noop")) {
            sleepMs = 0;
        } else if (spec.startsWith("sleep:")) {
            try {
                sleepMs = Long.parseLong(spec.substring("sleep:".length()));
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--processor sleep:MS needs a number of milliseconds, got " + spec);
            }
            if (sleepMs < 0) {
                throw new InvalidInputException("--processor sleep:MS must not be negative");
            }
        } else {
            throw new InvalidInputException("--processor must be noop or sleep:MS, got " + spec);
        }
        return job -> {
            if (sleepMs > 0) {
                Thread.sleep(sleepMs);
            }
            FailOnRequest.check(job);
            return null;
        };
    }
}
