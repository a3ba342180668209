package dev.bullpen.app.lab;

import dev.bullpen.app.settings.BullpenHome;
import dev.bullpen.app.ConsoleSettings;
import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.fx.ControllerFactory;
import dev.bullpen.app.fx.FxmlView;
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
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The console's load-test lab and Workers screen, wired for one window: the lab on the console's Redis under its
 * own prefix ({@code <prefix>-lab}), its folder ({@code ~/.bullpen/lab}, or the {@code bullpen.lab.dir} system
 * property), and the poller of connected workers, running while the Workers tab shows.
 */
public final class LabWiring implements AutoCloseable {
    /** Overrides the lab folder (tests, or a second lab). */
    public static final String DIR_PROPERTY = "bullpen.lab.dir";
    /** {@code false} runs load tests at normal priority (to compare, docs/decisions/0018); default: lowered. */
    public static final String LOW_PRIORITY_PROPERTY = "bullpen.lab.low-priority";
    static final Duration WORKERS_INTERVAL = Duration.ofSeconds(3);

    private final LabViewModel lab;
    private final WorkersViewModel workers;
    private final Supplier<Poller<WorkersViewModel.Snapshot>> pollers;
    private Poller<WorkersViewModel.Snapshot> poller;
    private boolean closed;
    private final Confirmer confirmer;
    private LabController labController;

    public LabWiring(ConsoleSettings settings, QueueInspector inspector, ScheduledExecutorService scheduler,
            Background background, Executor fx, Confirmer confirmer, Duration maxBackoff) {
        this.confirmer = confirmer;
        Lab engineLab = new Lab(settings.endpoint(), Lab.prefixFor(settings.prefix()), dir());
        ZoneId zone = ZoneId.systemDefault();
        boolean lower = !"false".equals(System.getProperty(LOW_PRIORITY_PROPERTY));
        this.lab = new LabViewModel(engineLab, background, (name, run) -> {
            // the run and every thread it starts go below the console's threads: the UI stays responsive under load
            Thread t = new Thread(() -> {
                if (lower) {
                    LowPriority.lowerCurrentThread();
                }
                run.run();
            }, name);
            t.setDaemon(true);
            t.start();
        }, settings.readOnly(), Clock.systemUTC(), zone);
        this.workers = new WorkersViewModel(db -> EmbeddedWorkers.onDatabase(settings.endpoint(), engineLab.prefix(),
                db), lab::databaseUrl, engineLab.prefix(), background, settings.readOnly(), Clock.systemUTC(), zone);
        List<String> prefixes = List.of(settings.prefix(), engineLab.prefix());
        this.pollers = () -> new Poller<>("workers " + settings.endpoint().display(), scheduler, fx,
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

    /** The lab folder: the {@value #DIR_PROPERTY} system property, else {@code lab} in the settings directory. */
    public static Path dir() {
        String d = System.getProperty(DIR_PROPERTY);
        return d != null && !d.isBlank() ? Path.of(d) : BullpenHome.resolve().resolve("lab");
    }

    /**
     * Fills the window's Load test and Workers tabs (ids {@code lab-tab}, {@code workers-tab}) when each is first
     * selected. Call on the FX thread, once.
     */
    public void attach(TabPane tabs) {
        if (tabs == null) {
            throw new IllegalStateException("the main window has no tab pane #main-tabs for the lab's tabs");
        }
        for (Tab tab : tabs.getTabs()) {
            if ("lab-tab".equals(tab.getId())) {
                fillWhenSelected(tab, FxmlView.LAB);
            } else if ("workers-tab".equals(tab.getId())) {
                fillWhenSelected(tab, FxmlView.WORKERS);
            }
        }
    }

    private void fillWhenSelected(Tab tab, FxmlView view) {
        ControllerFactory controllers = new ControllerFactory(Map.of(LabController.class, this::labController,
                WorkersController.class, this::workersController));
        if (tab.isSelected()) {
            tab.setContent(view.load(controllers));
            return;
        }
        tab.selectedProperty().addListener(new javafx.beans.value.ChangeListener<>() {
            @Override
            public void changed(javafx.beans.value.ObservableValue<? extends Boolean> o, Boolean was, Boolean now) {
                if (now && tab.getContent() == null) {
                    tab.selectedProperty().removeListener(this);
                    tab.setContent(view.load(controllers));
                }
            }
        });
    }

    /** Built by FXMLLoader for {@code lab.fxml}. */
    LabController labController() {
        labController = new LabController(lab, confirmer, ExportChooser.dialog());
        return labController;
    }

    /** Built by FXMLLoader for {@code workers.fxml}. */
    WorkersController workersController() {
        return new WorkersController(workers, this::workersShowing);
    }

    /**
     * {@code CLIENT LIST} costs Redis time in proportion to its clients: it is read only while the Workers tab
     * shows (every 3 s, at once when the tab opens). Called on the FX thread.
     */
    private void workersShowing(boolean showing) {
        if (showing && poller == null && !closed) {
            poller = pollers.get();
            poller.start();
        } else if (!showing && poller != null) {
            poller.close();
            poller = null;
        }
    }

    /** The lab's controller, once its tab was shown (tests answer its export dialog). */
    public LabController lab() {
        return labController;
    }

    /** Reads the saved runs (the connected workers are read while their tab shows). */
    public void start() {
        lab.loadHistory();
    }

    /** Stops the poller, a running load (its drain finishes in the background) and the console's workers. */
    @Override
    public void close() {
        closed = true;
        if (poller != null) {
            poller.close();
        }
        lab.close();
        workers.close();
    }
}
