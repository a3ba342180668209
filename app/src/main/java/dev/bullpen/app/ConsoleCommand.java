package dev.bullpen.app;

import dev.bullpen.app.settings.BullpenHome;
import dev.bullpen.cli.GlobalOptions;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobState;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bullpen console}: opens the desktop console window; returns when the window is closed. */
@Command(name = "console", mixinStandardHelpOptions = true,
        description = {"Opens the desktop console: live counts of every queue under the prefix;",
            "double-click a queue to browse, search and act on its jobs.",
            "Saved connections (Connection > New connection) are listed in the sidebar; those",
            "open at the last exit open again, and --redis opens that Redis too. Without",
            "either: $REDIS_URL, else redis://127.0.0.1:6379. Settings live in ~/.bullpen",
            "(or -Dbullpen.home / $BULLPEN_HOME). Personal fields of job data are masked",
            "unless --unmask is given (or the user unmasks a queue's tab; not with",
            "--read-only). The window opens even when Redis is unreachable and reconnects",
            "by itself."})
public final class ConsoleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--poll-interval", paramLabel = "MS", defaultValue = "2000",
            description = "Milliseconds between two reads of the queues (default: ${DEFAULT-VALUE})")
    long pollIntervalMs;

    @Option(names = "--read-only",
            description = "Refuse every action (retry, promote, remove, clean, pause, add) on every connection; only look")
    boolean readOnly;

    @Option(names = "--theme", paramLabel = "THEME",
            description = "light or dark (default: the last one used, else light); also in the View menu")
    String theme;

    @Option(names = "--queue", paramLabel = "Q", description = "Open this queue's jobs at start")
    String queue;

    @Option(names = "--state", paramLabel = "STATE",
            description = "With --queue: the state to show (waiting, active, delayed, completed, failed, paused)")
    String state;

    @Option(names = "--job", paramLabel = "ID", description = "With --queue: show this job's detail")
    String job;

    @Override
    public Integer call() {
        GlobalOptions global = GlobalOptions.of(spec);
        if (queue == null && (state != null || job != null)) {
            throw new InvalidInputException("--state and --job need --queue");
        }
        ConsoleSettings.OpenAt openAt = queue == null ? null : new ConsoleSettings.OpenAt(queue,
                state == null ? null : JobState.parse(state).orElseThrow(() ->
                        new InvalidInputException("--state must be one of waiting, active, delayed, completed, "
                                + "failed, paused, not '" + state + "'")), job);
        ConsoleSettings settings = new ConsoleSettings(global.endpoint(), global.prefix(),
                Duration.ofMillis(pollIntervalMs), readOnly, theme == null ? null : Theme.parse(theme), openAt,
                BullpenHome.resolve(), global.explicitRedisUrl().isPresent(), global.mask());
        MonitorApplication.run(settings);
        return 0;
    }
}
