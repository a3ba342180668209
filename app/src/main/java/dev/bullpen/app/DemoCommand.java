package dev.bullpen.app;

import dev.bullpen.cli.GlobalOptions;
import dev.bullpen.demo.DemoRun;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.QueueStatus;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code bullpen demo}: a private Redis, live reward-job traffic on a {@code checkout} queue
 * processed by embedded workers, and the console watching it. Closing the window or Ctrl-C stops
 * everything.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs live reward traffic with embedded workers on a private Redis and opens the console.",
            "The Redis is redis-server from PATH, else the embedded one, on a free loopback port, with its files in",
            "~/.bullpen/demo; with --redis URL that Redis is used instead. A few jobs fail (most only once)."})
public final class DemoCommand implements Callable<Integer> {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h)?");

    @Spec
    CommandSpec spec;

    @Option(names = "--headless", description = "No window: run for --duration and print a summary")
    boolean headless;

    @Option(names = "--duration", paramLabel = "TIME", defaultValue = "60s",
            description = "How long a --headless run lasts, e.g. 30s, 2m (default: ${DEFAULT-VALUE})")
    String duration;

    @Option(names = "--rate", defaultValue = "8", description = "Reward jobs added per second (default: ${DEFAULT-VALUE})")
    double rate;

    @Option(names = "--fail-share", defaultValue = "0.1",
            description = "Share of jobs that fail (most only on their first attempt) (default: ${DEFAULT-VALUE})")
    double failShare;

    @Option(names = "--workers", defaultValue = "2", description = "Embedded workers (default: ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--concurrency", defaultValue = "4", description = "Jobs each worker runs at once (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--data-dir", paramLabel = "DIR", description = "Where the private Redis keeps its files (default: ~/.bullpen/demo)")
    Path dataDir;

    @Override
    public Integer call() throws InterruptedException {
        if (rate <= 0 || failShare < 0 || failShare > 1 || workers < 1 || concurrency < 1) {
            throw new InvalidInputException("--rate must be > 0, --fail-share within 0..1, --workers and --concurrency >= 1");
        }
        Duration runFor = parseDuration(duration);
        GlobalOptions global = GlobalOptions.of(spec);
        Path dir = dataDir != null ? dataDir : Path.of(System.getProperty("user.home"), ".bullpen", "demo");
        DemoRun.Settings settings = new DemoRun.Settings(redisGiven() ? global.endpoint() : null, global.prefix(),
                dir, rate, failShare, workers, concurrency, 42L);
        PrintWriter out = spec.commandLine().getOut();
        try (DemoRun demo = DemoRun.start(settings)) {
            Thread stopper = new Thread(demo::close, "demo-stop");
            Runtime.getRuntime().addShutdownHook(stopper);
            out.printf("demo: Redis %s, queue '%s', %s jobs/s, %d workers x %d%n", demo.endpoint().display(),
                    DemoRun.QUEUE, rate, workers, concurrency);
            out.flush();
            if (headless) {
                return runHeadless(demo, runFor, out);
            }
            MonitorApplication.run(new ConsoleSettings(demo.endpoint(), demo.prefix(),
                    ConsoleSettings.DEFAULT_POLL_INTERVAL));
            removeHook(stopper);
            return 0;
        }
    }

    private int runHeadless(DemoRun demo, Duration runFor, PrintWriter out) throws InterruptedException {
        long end = System.nanoTime() + runFor.toNanos();
        long started = System.nanoTime();
        while (System.nanoTime() < end) {
            Thread.sleep(Math.min(5_000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            print(out, "t+" + (System.nanoTime() - started) / 1_000_000_000 + "s", demo);
        }
        QueueStatus s = demo.status();
        print(out, "summary", demo);
        boolean ok = s.counts().completed() > 0 && demo.added() > 0;
        out.println(ok ? "demo OK: jobs were added and processed" : "demo FAILED: no job was processed");
        out.flush();
        return ok ? 0 : 1;
    }

    private static void print(PrintWriter out, String label, DemoRun demo) {
        var c = demo.status().counts();
        out.printf("%-8s added %d  waiting %d  active %d  delayed %d  completed %d  failed %d%n", label, demo.added(),
                c.waiting(), c.active(), c.delayed(), c.completed(), c.failed());
        out.flush();
    }

    /** True when --redis was given on the command line (an environment default does not count). */
    private boolean redisGiven() {
        CommandLine.ParseResult p = spec.commandLine().getParseResult();
        for (CommandLine.ParseResult r = p; r != null; r = r.subcommand()) {
            if (r.hasMatchedOption("--redis")) {
                return true;
            }
        }
        CommandLine root = spec.root().commandLine();
        return root.getParseResult() != null && anyMatched(root.getParseResult());
    }

    private static boolean anyMatched(CommandLine.ParseResult r) {
        return r.hasMatchedOption("--redis") || r.subcommands().stream().anyMatch(DemoCommand::anyMatched);
    }

    static Duration parseDuration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new InvalidInputException("--duration '" + text + "' is not a duration such as 45s, 2m or 500ms");
        }
        long n = Long.parseLong(m.group(1));
        String unit = m.group(2) == null ? "s" : m.group(2);
        return switch (unit) {
            case "ms" -> Duration.ofMillis(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofSeconds(n);
        };
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // already running
        }
    }
}
