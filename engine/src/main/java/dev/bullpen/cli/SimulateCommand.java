package dev.bullpen.cli;

import dev.bullpen.metrics.BullpenMetrics;
import dev.bullpen.metrics.SimulationMetrics;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.simulate.ArrivalPattern;
import dev.bullpen.simulate.Chaos;
import dev.bullpen.simulate.DurationText;
import dev.bullpen.simulate.HtmlReport;
import dev.bullpen.simulate.LiveSnapshot;
import dev.bullpen.simulate.LoadProfile;
import dev.bullpen.simulate.Simulation;
import dev.bullpen.simulate.SimulationReport;
import dev.bullpen.simulate.SimulationObserver;
import dev.bullpen.simulate.SimulationSetup;
import dev.bullpen.simulate.Slo;
import dev.bullpen.simulate.SummaryTable;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = "Simulates many customers checking out at once against the real checkout and reward workers, "
                + "measures latencies (HdrHistogram), waits for the queue to drain, runs the audit and judges the "
                + "SLOs. Exits 1 when the audit fails, an SLO is missed or the queue did not drain. Without --redis "
                + "it starts its own Redis in ~/.bullpen/sim.")
final class SimulateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--customers", defaultValue = "1000", paramLabel = "N", description = "Demo mall size (default ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--depth", defaultValue = "8", paramLabel = "D", description = "Referral tree depth (default ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seeds the mall and every random choice")
    long seed;

    @Option(names = "--reuse", description = "Simulate on the mall already in the database instead of a fresh one")
    boolean reuse;

    @Option(names = "--concurrency", paramLabel = "C", description = "Closed loop: C customers checking out back to back (default 8)")
    Integer concurrency;

    @Option(names = "--rate", paramLabel = "R", description = "Open loop: R checkouts per second, Poisson arrivals")
    Double rate;

    @Option(names = "--max-in-flight", defaultValue = "256", paramLabel = "N",
            description = "Open loop: at most N checkouts at once; later arrivals wait and the wait counts")
    int maxInFlight;

    @Option(names = "--duration", paramLabel = "TIME", description = "How long to check out (e.g. 60s; default 60s "
            + "unless --checkouts)")
    String duration;

    @Option(names = "--checkouts", paramLabel = "N", description = "Stop after N checkouts")
    Long checkouts;

    @Option(names = "--workers", defaultValue = "1", paramLabel = "K", description = "Reward workers (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--worker-concurrency", defaultValue = "4", paramLabel = "W", description = "Jobs per worker at once (default ${DEFAULT-VALUE})")
    int workerConcurrency;

    @Option(names = "--external-workers", description = "Start no workers: count on 'bullpen worker' processes")
    boolean externalWorkers;

    @Option(names = "--fail-rate", defaultValue = "0", paramLabel = "P",
            description = "Share of reward jobs that fail on their first attempt (retries are exercised)")
    double failRate;

    @Option(names = "--fail-for-good-rate", defaultValue = "0", paramLabel = "P",
            description = "Share of reward jobs that fail every attempt and end in the failed list (a manual retry "
                    + "succeeds); the run still drains and the audit counts them as retryable")
    double failForGoodRate;

    @Option(names = "--db", paramLabel = "URL", description = "Mall database (default: a fresh H2 file in ~/.bullpen/sim)")
    String db;

    @Option(names = "--report", paramLabel = "FILE", description = "Write the report: FILE.json or FILE.html")
    Path report;

    @Option(names = "--slo", paramLabel = "LIST", description = "e.g. checkout-p99=200ms,job-p99=1s "
            + "(measures: checkout, queue-wait, processing|job, end-to-end|e2e)")
    String slo;

    @Option(names = "--chaos", paramLabel = "FAULT", description = "kill-worker:EVERY (worker processes, SIGKILL) or "
            + "redis-restart:AT (embedded Redis only)")
    List<String> chaos = new ArrayList<>();

    @Option(names = "--drain-timeout", defaultValue = "120s", paramLabel = "TIME",
            description = "How long to wait for the queue to drain after the load (default ${DEFAULT-VALUE})")
    String drainTimeout;

    @Option(names = "--data-dir", paramLabel = "DIR", hidden = true, description = "Instead of ~/.bullpen/sim")
    Path dataDir;

    @Mixin
    MetricsOption metrics;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        SimulationSetup setup;
        LoadProfile profile;
        try {
            if (concurrency != null && rate != null) {
                throw new IllegalArgumentException("give --concurrency (closed loop) or --rate (open loop), not both");
            }
            ArrivalPattern arrivals = rate != null ? new ArrivalPattern.OpenLoop(rate, maxInFlight)
                    : new ArrivalPattern.ClosedLoop(concurrency == null ? 8 : concurrency);
            Duration d = duration != null ? DurationText.parse(duration) : checkouts == null ? Duration.ofSeconds(60)
                    : null;
            profile = new LoadProfile(arrivals, d, checkouts == null ? 0 : checkouts, seed,
                    DurationText.parse(drainTimeout));
            if (report != null && !(report.toString().endsWith(".json") || report.toString().endsWith(".html"))) {
                throw new IllegalArgumentException("--report must end in .json or .html");
            }
            GlobalOptions global = GlobalOptions.of(spec);
            Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".bullpen", "sim");
            setup = new SimulationSetup(customers, depth, reuse, db, global.redisUrl, global.prefix(), workers,
                    workerConcurrency, externalWorkers, failRate, failForGoodRate, Chaos.parse(chaos),
                    Slo.parseList(slo), dir);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        }
        Optional<BullpenMetrics> served = metrics.start(out);
        try {
            return run(setup, profile, served, out, err);
        } finally {
            served.ifPresent(BullpenMetrics::close);
        }
    }

    private int run(SimulationSetup setup, LoadProfile profile, Optional<BullpenMetrics> served, PrintWriter out,
            PrintWriter err) throws InterruptedException {
        Simulation simulation = new Simulation(setup, profile, Clock.systemUTC(), UnaryOperator.identity(),
                served.<SimulationObserver>map(SimulationMetrics::new).orElse(SimulationObserver.NONE));
        Signals.onTermOrInterrupt(simulation::stop);
        boolean terminal = System.console() != null;
        long[] lastPrinted = {0};
        SimulationReport result;
        try {
            result = simulation.run(s -> progress(out, s, terminal, lastPrinted), line -> {
                if (terminal) {
                    out.print("\r\033[K");
                }
                out.println(line);
                out.flush();
            });
        } catch (IllegalStateException e) {
            throw new CliRefusal(e.getMessage());
        }
        if (terminal) {
            out.println();
        }
        out.println();
        out.print(SummaryTable.render(result));
        out.flush();
        if (report != null) {
            String text = report.toString().endsWith(".html") ? HtmlReport.render(result) : result.toJson();
            try {
                Path parent = report.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                Files.writeString(report, text, StandardCharsets.UTF_8);
                out.println("report written to " + report);
            } catch (IOException e) {
                err.println("error: cannot write the report to " + report + ": " + e.getMessage());
                err.flush();
                return ExitCodes.BAD_INPUT;
            }
        }
        out.flush();
        return result.passed() ? ExitCodes.OK : ExitCodes.REFUSED;
    }

    private static void progress(PrintWriter out, LiveSnapshot s, boolean terminal, long[] lastPrinted) {
        if (terminal) {
            out.print("\r\033[K" + s.line());
            out.flush();
            return;
        }
        long now = System.nanoTime();
        if (now - lastPrinted[0] >= 5_000_000_000L || "done".equals(s.phase())) {
            lastPrinted[0] = now;
            out.println(s.line());
            out.flush();
        }
    }

}
