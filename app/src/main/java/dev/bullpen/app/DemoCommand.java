package dev.bullpen.app;

import dev.bullpen.cli.GlobalOptions;
import dev.bullpen.cli.MetricsOption;
import dev.bullpen.cli.Signals;
import dev.bullpen.demo.DemoRun;
import dev.bullpen.metrics.BullpenMetrics;
import dev.bullpen.metrics.SimulationMetrics;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.simulate.DurationText;
import dev.bullpen.simulate.SimulationObserver;
import dev.bullpen.simulate.SimulationReport;
import dev.bullpen.simulate.SummaryTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bullpen demo}: a private Redis, a freshly seeded demo mall, embedded reward workers and
 * gentle simulated checkout traffic, with the console watching it. Closing the window or Ctrl-C
 * stops everything; the queue is drained and the mall audited before the process ends.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs live checkout traffic with embedded reward workers on a private Redis and opens the console.",
            "The Redis is redis-server from PATH, else the embedded one, on a free loopback port; the demo mall is",
            "a fresh embedded H2 database; both live in ~/.bullpen/demo. With --redis URL that Redis is used instead.",
            "A few reward jobs fail on their first attempt and are retried; fewer fail for good and wait in the failed",
            "list for you to retry from the console. At the end the mall is audited."})
public final class DemoCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--headless", description = "No window: run for --duration and print the summary and the audit")
    boolean headless;

    @Option(names = "--duration", paramLabel = "TIME",
            description = "How long the traffic lasts, e.g. 30s, 2m (default: 60s headless, 8h with a window)")
    String duration;

    @Option(names = "--rate", defaultValue = "5", description = "Checkouts per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--fail-share", defaultValue = "0.1",
            description = "Share of reward jobs that fail on their first attempt (default: ${DEFAULT-VALUE})")
    double failShare;

    @Option(names = "--fail-for-good-share", defaultValue = "0.02",
            description = "Share of reward jobs that fail every attempt and stay failed until retried by hand "
                    + "(default: ${DEFAULT-VALUE})")
    double failForGoodShare;

    @Option(names = "--customers", defaultValue = "300", description = "Demo mall size (default: ${DEFAULT-VALUE})")
    int customers;

    @Option(names = "--workers", defaultValue = "2", description = "Embedded workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--concurrency", defaultValue = "4", description = "Jobs each worker runs at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the demo keeps its files (default: ~/.bullpen/demo)")
    Path dataDir;

    @Mixin
    MetricsOption metrics;

    @Override
    public Integer call() throws InterruptedException {
        if (!(rate > 0) || !(failShare >= 0 && failShare <= 1) || !(failForGoodShare >= 0 && failForGoodShare <= 1)
                || workers < 1 || concurrency < 1 || customers < 2) {
            throw new InvalidInputException("--rate must be > 0, --fail-share and --fail-for-good-share within 0..1, "
                    + "--workers and --concurrency >= 1, --customers >= 2");
        }
        Duration runFor = duration != null ? parse(duration) : headless ? Duration.ofSeconds(60) : Duration.ofHours(8);
        GlobalOptions global = GlobalOptions.of(spec);
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".bullpen", "demo");
        PrintWriter out = spec.commandLine().getOut();
        DemoRun.Settings settings = new DemoRun.Settings(global.explicitRedisUrl().orElse(null), global.prefix(), dir,
                rate, failShare, failForGoodShare, workers, concurrency, customers, runFor, 42L);
        Optional<BullpenMetrics> served = metrics.start(out);
        try (DemoRun demo = DemoRun.prepare(settings,
                served.<SimulationObserver>map(SimulationMetrics::new).orElse(SimulationObserver.NONE))) {
            // Ctrl-C / SIGTERM: close the window, stop the traffic, then drain, audit and print the summary
            Signals.onTermOrInterrupt(() -> {
                demo.stop();
                if (!headless) {
                    javafx.application.Platform.exit();
                }
            });
            out.printf("demo: Redis %s, queue '%s', %s checkouts/s for %s, %d workers x %d%n",
                    demo.endpoint().display(), DemoRun.QUEUE, rate, runFor.toString().substring(2).toLowerCase(), workers, concurrency);
            out.flush();
            SimulationReport report = headless ? runHeadless(demo, out) : runWithWindow(demo, global, out);
            out.println();
            out.print(SummaryTable.render(report));
            out.flush();
            return report.auditClean() ? 0 : 1;
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(e.getMessage());
        } finally {
            served.ifPresent(BullpenMetrics::close);
        }
    }

    private static SimulationReport runHeadless(DemoRun demo, PrintWriter out) throws InterruptedException {
        long[] last = {0};
        return demo.run(s -> {
            long now = System.nanoTime();
            if (now - last[0] >= 5_000_000_000L) {
                last[0] = now;
                out.println(s.line());
                out.flush();
            }
        }, line -> {
            out.println(line);
            out.flush();
        });
    }

    /** The simulation runs in the background while the console shows it; closing the window ends it. */
    private static SimulationReport runWithWindow(DemoRun demo, GlobalOptions global, PrintWriter out)
            throws InterruptedException {
        AtomicReference<SimulationReport> result = new AtomicReference<>();
        AtomicReference<RuntimeException> failure = new AtomicReference<>();
        Thread traffic = new Thread(() -> {
            try {
                result.set(demo.run(s -> { }, line -> {
                    out.println(line);
                    out.flush();
                }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                failure.set(e);
            }
        }, "demo-traffic");
        traffic.start();
        MonitorApplication.run(new ConsoleSettings(demo.endpoint(), global.prefix(),
                ConsoleSettings.DEFAULT_POLL_INTERVAL, false, Theme.LIGHT, null, global.mask()));
        out.println("window closed: stopping the traffic, draining the queue and auditing the mall…");
        out.flush();
        demo.stop();
        traffic.join();
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    private static Duration parse(String text) {
        try {
            return DurationText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--duration: " + e.getMessage());
        }
    }
}
