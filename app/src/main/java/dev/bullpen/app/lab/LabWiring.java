package dev.bullpen.app.lab;

import dev.bullpen.app.ConsoleSettings;
import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.fx.Poller;
import dev.bullpen.app.workers.WorkersController;
import dev.bullpen.app.workers.WorkersViewModel;
import dev.bullpen.lab.EmbeddedWorkers;
import dev.bullpen.lab.Lab;
import dev.bullpen.monitor.QueueInspector;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The console's load-test lab and Workers screen, wired for one window: the lab on the console's Redis under its
 * own prefix ({@code <prefix>-lab}), its folder ({@code ~/.bullpen/lab}, or the {@code bullpen.lab.dir} system
 * property), and the poller of connected workers.
 */
public final class LabWiring implements AutoCloseable {
    /** Overrides the lab folder (tests, or a second lab). */
    public static final String DIR_PROPERTY = "bullpen.lab.dir";
    static final Duration WORKERS_INTERVAL = Duration.ofSeconds(3);

    private final LabViewModel lab;
    private final WorkersViewModel workers;
    private final Poller<WorkersViewModel.Snapshot> poller;
    private final Confirmer confirmer;
    private LabController labController;

    public LabWiring(ConsoleSettings settings, QueueInspector inspector, ScheduledExecutorService scheduler,
            Background background, Executor fx, Confirmer confirmer, Duration maxBackoff) {
        this.confirmer = confirmer;
        Lab engineLab = new Lab(settings.endpoint(), Lab.prefixFor(settings.prefix()), dir());
        ZoneId zone = ZoneId.systemDefault();
        this.lab = new LabViewModel(engineLab, background, (name, run) -> {
            Thread t = new Thread(run, name);
            t.setDaemon(true);
            t.start();
        }, settings.readOnly(), Clock.systemUTC(), zone);
        this.workers = new WorkersViewModel(db -> EmbeddedWorkers.onDatabase(settings.endpoint(), engineLab.prefix(),
                db), lab::databaseUrl, engineLab.prefix(), background, settings.readOnly(), Clock.systemUTC(), zone);
        List<String> prefixes = List.of(settings.prefix(), engineLab.prefix());
        this.poller = new Poller<>("workers " + settings.endpoint().display(), scheduler, fx,
                () -> new WorkersViewModel.Snapshot(inspector.workers(prefixes), workers.embeddedStatus()),
                new Poller.Listener<>() {
                    @Override
                    public void onSnapshot(WorkersViewModel.Snapshot snapshot) {
                        workers.apply(snapshot);
                    }

                    @Override
                    public void onFailure(RuntimeException error, Duration retryIn) {
                        workers.markFailed(error, retryIn);
                    }
                }, WORKERS_INTERVAL, maxBackoff);
    }

    /** The lab folder: the {@value #DIR_PROPERTY} system property, else {@code ~/.bullpen/lab}. */
    public static Path dir() {
        String d = System.getProperty(DIR_PROPERTY);
        return d != null && !d.isBlank() ? Path.of(d) : Path.of(System.getProperty("user.home"), ".bullpen", "lab");
    }

    /** Built by FXMLLoader for {@code lab.fxml}. */
    public LabController labController() {
        labController = new LabController(lab, confirmer, ExportChooser.dialog());
        return labController;
    }

    /** Built by FXMLLoader for {@code workers.fxml}. */
    public WorkersController workersController() {
        return new WorkersController(workers);
    }

    /** The lab's controller, once the window is built (tests answer its export dialog). */
    public LabController lab() {
        return labController;
    }

    /** Starts reading the connected workers and the saved runs. */
    public void start() {
        poller.start();
        lab.loadHistory();
    }

    /** Stops the poller, a running load (its drain finishes in the background) and the console's workers. */
    @Override
    public void close() {
        poller.close();
        lab.close();
        workers.close();
    }
}
