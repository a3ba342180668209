package dev.bullpen.cli;

import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.checkout.RewardListener;
import dev.bullpen.checkout.RewardWebhook;
import dev.bullpen.metrics.BullpenMetrics;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.simulate.InjectedFailures;
import dev.bullpen.simulate.RewardWorkers;
import dev.bullpen.worker.JobCounts;
import dev.bullpen.worker.WorkerListener;
import dev.bullpen.worker.WorkerOptions;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bullpen worker --queue checkout}: works reward jobs (one database transaction each, idempotent per
 * purchase) and runs the outbox relay, until SIGTERM or Ctrl-C; then closes gracefully and exits 0.
 */
@Command(name = "worker", mixinStandardHelpOptions = true,
        description = "Works the 'checkout' queue: applies each purchase's rewards (one database transaction, "
                + "idempotent) and pushes pending outbox rows, until SIGTERM or Ctrl-C. The reward webhook URL comes "
                + "from $" + RewardWebhook.ENV + ".")
final class WorkerCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--queue", defaultValue = RewardJob.QUEUE, paramLabel = "Q",
            description = "The queue to work; only '" + RewardJob.QUEUE + "' has a processor (default)")
    String queue;

    @Option(names = "--concurrency", defaultValue = "4", paramLabel = "N",
            description = "Jobs worked at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Mixin
    MallDatabaseOption db;

    @Option(names = "--lock-duration-ms", defaultValue = "30000", paramLabel = "MS",
            description = "Job lock duration; a killed worker's jobs are taken again after about this (default 30000)")
    long lockDurationMs;

    @Option(names = "--stalled-interval-ms", defaultValue = "30000", paramLabel = "MS")
    long stalledIntervalMs;

    @Option(names = "--grace-ms", defaultValue = "30000", paramLabel = "MS",
            description = "How long running jobs may take to finish after SIGTERM (default 30000)")
    long graceMs;

    @Option(names = "--bull-metrics-max-data-points", defaultValue = "0", paramLabel = "N",
            description = "Keep Bull's own per-minute completed/failed counts (P:Q:metrics:completed|failed, read by "
                    + "Bull's queue.getMetrics()) for the last N minutes, as Bull's queue option metrics.maxDataPoints; "
                    + "0: off (default)")
    int bullMetricsPoints;

    @Mixin
    MetricsOption metrics;

    @Option(names = "--fail-rate", defaultValue = "0", paramLabel = "P", hidden = true,
            description = "Simulation aid: this share of jobs fails on purpose on its first attempt")
    double failRate;

    @Option(names = "--fail-for-good-rate", defaultValue = "0", paramLabel = "P", hidden = true,
            description = "Simulation aid: this share of jobs fails every attempt (a manual retry succeeds)")
    double failForGoodRate;

    @Option(names = "--fail-seed", defaultValue = "1", paramLabel = "S", hidden = true)
    long failSeed;

    @Override
    public Integer call() throws Exception {
        if (!RewardJob.QUEUE.equals(queue)) {
            throw new InvalidInputException("only the '" + RewardJob.QUEUE + "' queue has a processor, got " + queue);
        }
        if (concurrency < 1) {
            throw new InvalidInputException("--concurrency must be 1 or more");
        }
        if (failRate < 0 || failRate > 1 || failForGoodRate < 0 || failForGoodRate > 1) {
            throw new InvalidInputException("--fail-rate and --fail-for-good-rate must be between 0 and 1");
        }
        if (bullMetricsPoints < 0) {
            throw new InvalidInputException("--bull-metrics-max-data-points must be 0 or more");
        }
        PrintWriter out = spec.commandLine().getOut();
        Clock clock = Clock.systemUTC();
        CountDownLatch stop = new CountDownLatch(1);
        JobCounts counts = new JobCounts();
        Optional<RewardWebhook> webhook = RewardWebhook.fromEnvironment(System.getenv());
        Optional<BullpenMetrics> served = metrics.start(out);
        try (MallStore store = db.open(); QueueConnection c = GlobalOptions.of(spec).connect()) {
            WorkerListener listener = counts;
            AutoCloseable gauges = () -> { };
            if (served.isPresent()) {
                gauges = served.get().watch((RedisQueueConnection) c, List.of(queue), Optional.of(store));
                listener = WorkerListener.all(counts, served.get().workerListener(queue));
            }
            WorkerOptions options = WorkerOptions.builder().concurrency(concurrency)
                    .lockDuration(Duration.ofMillis(lockDurationMs))
                    .stalledInterval(Duration.ofMillis(stalledIntervalMs))
                    .metricsMaxDataPoints(bullMetricsPoints)
                    .shutdownGrace(Duration.ofMillis(graceMs)).listener(listener).clock(clock).build();
            RewardListener rewards = webhook.<RewardListener>map(w -> w).orElse(RewardListener.NONE);
            Signals.onTermOrInterrupt(stop::countDown);
            RewardWorkers workers = new RewardWorkers(store, (RedisQueueConnection) c, 1, options, rewards,
                    new InjectedFailures.Rates(failRate, failForGoodRate, failSeed), clock);
            out.printf("worker started on %s (concurrency %d)%s%n", queue, concurrency,
                    webhook.isPresent() ? ", reward webhook on" : "");
            out.flush();
            stop.await();
            boolean clean = workers.close(options.shutdownGrace());
            gauges.close(); // before the connection and the store close
            out.printf("worker stopped: %d job(s) completed, %d failed attempt(s)%s%n", counts.completed(),
                    counts.failedAttempts(), clean ? "" : " (running jobs abandoned after the grace period)");
            out.flush();
            return ExitCodes.OK;
        } finally {
            served.ifPresent(BullpenMetrics::close);
            webhook.ifPresent(RewardWebhook::close);
        }
    }

}
