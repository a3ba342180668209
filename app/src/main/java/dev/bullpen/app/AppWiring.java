package dev.bullpen.app;

import dev.bullpen.app.alerts.AlertSettingsStore;
import dev.bullpen.app.alerts.AlertStatusController;
import dev.bullpen.app.alerts.AlertsController;
import dev.bullpen.app.alerts.AlertsViewModel;
import dev.bullpen.app.alerts.DesktopNotifier;
import dev.bullpen.app.charts.ChartsController;
import dev.bullpen.app.charts.ChartsViewModel;
import dev.bullpen.app.connections.ConnectionEditor;
import dev.bullpen.app.connections.ConnectionManager;
import dev.bullpen.app.connections.ConnectionSession;
import dev.bullpen.app.connections.PasswordPrompt;
import dev.bullpen.app.connections.SidebarController;
import dev.bullpen.app.connections.SidebarViewModel;
import dev.bullpen.app.fx.ClassPreload;
import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.fx.ControllerFactory;
import dev.bullpen.app.fx.FxmlView;
import dev.bullpen.app.jobs.JobDetailController;
import dev.bullpen.app.jobs.JobDetailViewModel;
import dev.bullpen.app.jobs.Masking;
import dev.bullpen.app.lab.LabWiring;
import dev.bullpen.app.mainwindow.MainWindowController;
import dev.bullpen.app.mainwindow.QueueScreen;
import dev.bullpen.app.mainwindow.SessionViews;
import dev.bullpen.app.overview.OverviewController;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.app.queue.QueueActionsViewModel;
import dev.bullpen.app.queue.QueueController;
import dev.bullpen.app.queue.QueueViewModel;
import dev.bullpen.app.redis.RedisController;
import dev.bullpen.app.settings.Bounds;
import dev.bullpen.app.settings.ConnectionStore;
import dev.bullpen.app.settings.WindowPlacement;
import dev.bullpen.app.settings.WindowState;
import dev.bullpen.app.settings.WindowStateStore;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of one console window: builds everything with {@code new}, opens the window's
 * connections (each with its own Redis reader and threads, see {@link ConnectionSession}), and
 * saves the window state and closes them when the window closes.
 */
public final class AppWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppWiring.class);
    /** A tab to show at start (its id, e.g. {@code charts-tab}); used by docs/screenshots/make-screenshots.sh. */
    static final String OPEN_TAB_PROPERTY = "bullpen.console.tab";
    static final double MIN_WIDTH = 900;
    static final double MIN_HEIGHT = 400;

    private final ConsoleSettings settings;
    private final Executor fx;
    private final Confirmer confirmer;
    private final ZoneId zone = ZoneId.systemDefault();
    private final WindowStateStore windowStore;
    private final SidebarViewModel sidebar = new SidebarViewModel();
    private final ConnectionManager connections;
    private final ControllerFactory controllers;
    private WindowState remembered = WindowState.initial();
    private final AlertSettingsStore alertSettings;
    private final LabWiring lab;
    private final ConnectionSession labSession;
    private MainWindowController mainWindow;
    private Stage stage;
    private volatile Bounds normalBounds;

    /** @param fx runs UI updates: {@code Platform::runLater} in the app */
    public AppWiring(ConsoleSettings settings, Executor fx) {
        this(settings, fx, Confirmer.dialog());
    }

    /**
     * @param fx        runs UI updates: {@code Platform::runLater} in the app
     * @param confirmer asks before destructive actions
     */
    public AppWiring(ConsoleSettings settings, Executor fx, Confirmer confirmer) {
        this(settings, fx, confirmer, System.getenv());
    }

    /**
     * @param env the environment, where passwords of connections saved with {@code env:NAME} come from
     */
    public AppWiring(ConsoleSettings settings, Executor fx, Confirmer confirmer, Map<String, String> env) {
        this.settings = settings;
        this.fx = fx;
        this.confirmer = confirmer;
        this.alertSettings = settings.home() == null ? AlertSettingsStore.inSettingsDirectory()
                : new AlertSettingsStore(settings.home().resolve(AlertSettingsStore.FILE_NAME));
        ConnectionStore store = settings.home() == null ? ConnectionStore.inMemory() : ConnectionStore.open(settings.home());
        this.windowStore = settings.home() == null ? WindowStateStore.none() : WindowStateStore.in(settings.home());
        this.connections = new ConnectionManager(store, sidebar, t -> new ConnectionSession(t, fx, zone,
                        (server, background) -> new AlertsViewModel(server, alertSettings, background,
                                DesktopNotifier.create(() -> stage, this::showAlerts), zone)),
                PasswordPrompt.dialog(this::owner), ConnectionEditor.dialog(this::owner), confirmer,
                settings.readOnly(), env);
        // the Load test and Workers tabs work on the Redis given with --redis (or the default one), with their own
        // reader and threads: they write (a lab prefix, embedded workers), whatever connection is in front
        this.labSession = new ConnectionSession(new ConnectionSession.Target("lab", settings.endpoint().display(),
                null, settings.endpoint(), settings.prefix(), settings.readOnly(), settings.pollInterval()), fx, zone,
                (server, background) -> new AlertsViewModel(server, alertSettings, background, (title, text) -> { }, zone));
        this.lab = new LabWiring(settings, labSession.inspector(), labSession.scheduler(), labSession.background(), fx,
                confirmer, ConnectionSession.MAX_BACKOFF);
        this.controllers = new ControllerFactory(Map.of(
                MainWindowController.class, () -> {
                    mainWindow = new MainWindowController(connections, this::sessionViews, this::queueScreen,
                            initialTheme());
                    return mainWindow;
                },
                SidebarController.class, () -> new SidebarController(sidebar, connections)));
    }

    private javafx.scene.Node owner() {
        return mainWindow == null ? null : mainWindow.owner();
    }

    private Theme initialTheme() {
        if (settings.theme() != null) {
            return settings.theme();
        }
        return remembered.theme() != null ? remembered.theme() : Theme.LIGHT;
    }

    /** The load-test lab and Workers screen. */
    public LabWiring lab() {
        return lab;
    }

    /** The window's frame, once the scene is created. */
    public MainWindowController mainWindow() {
        return mainWindow;
    }

    /** The connections of this window: open, close, add, edit, remove. */
    public ConnectionManager connections() {
        return connections;
    }

    /** The sidebar's connections and queues. */
    public SidebarViewModel sidebar() {
        return sidebar;
    }

    /** The overview and Redis screens of a connection. Call on the FX thread. */
    private SessionViews sessionViews(ConnectionSession session) {
        Parent overview = FxmlView.OVERVIEW.load(new ControllerFactory(Map.of(OverviewController.class,
                () -> new OverviewController(session.overview(), name -> mainWindow.openQueue(session, name)))));
        Parent redis = FxmlView.REDIS.load(new ControllerFactory(Map.of(RedisController.class,
                () -> new RedisController(session.redis()))));
        Parent charts = FxmlView.CHARTS.load(new ControllerFactory(Map.of(ChartsController.class,
                () -> new ChartsController(session.charts(), zone))));
        Parent alerts = FxmlView.ALERTS.load(new ControllerFactory(Map.of(AlertsController.class,
                () -> new AlertsController(session.alerts()))));
        Parent alertStatus = FxmlView.ALERT_STATUS.load(new ControllerFactory(Map.of(AlertStatusController.class,
                () -> new AlertStatusController(session.alerts(), this::showAlerts))));
        return new SessionViews(overview, charts, alerts, redis, alertStatus, session.charts()::setShown);
    }

    /**
     * Builds one queue's screen of a connection (nothing reads the queue yet); its start, once it shows, reads the
     * queue now and then every poll interval. Call on the FX thread.
     */
    QueueScreen queueScreen(ConnectionSession session, String name) {
        Masking masking = new Masking(name, settings.mask(), !session.readOnly());
        QueueViewModel queue = new QueueViewModel(name, session.inspector(), session.background(), zone, masking);
        JobDetailViewModel detail = new JobDetailViewModel(name, session.inspector(), session.background(), zone,
                masking);
        QueueActionsViewModel actions = new QueueActionsViewModel(name, session.inspector(), session.background(),
                session.readOnly(), () -> {
                    queue.refresh();
                    detail.reload();
                }, masking);
        QueueController controller = new QueueController(queue, detail, actions, confirmer);
        Parent view = FxmlView.QUEUE.load(new ControllerFactory(Map.of(
                QueueController.class, () -> controller,
                JobDetailController.class, () -> new JobDetailController(detail))));
        long every = session.target().pollInterval().toMillis();
        List<ScheduledFuture<?>> auto = new ArrayList<>(1);
        Runnable start = () -> {
            auto.add(session.scheduler().scheduleWithFixedDelay(() -> {
                try {
                    fx.execute(queue::autoRefresh);
                } catch (RuntimeException e) {
                    LOG.debug("Queue(name={}) refresh not published: {}", name, e.toString());
                }
            }, every, every, TimeUnit.MILLISECONDS));
            queue.refresh();
            LOG.info("Queue(name={}, connection={}, prefix={}) opened", name, session.name(), session.target().prefix());
        };
        return new QueueScreen(name, view, controller, start, () -> {
            auto.forEach(a -> a.cancel(false));
            queue.cancelSearch();
            actions.cancel();
        });
    }

    /** The overview of the connection in front (null when none is open). */
    public OverviewViewModel overview() {
        return front().map(ConnectionSession::overview).orElse(null);
    }

    /** Brings the window and its Alerts tab to the front (a click on the status bar item or a notification). */
    private void showAlerts() {
        if (mainWindow != null) {
            mainWindow.showTab("alerts-tab");
        }
        if (stage != null) {
            stage.toFront();
        }
    }

    /** The charts of the connection in front (null when none is open). */
    public ChartsViewModel charts() {
        return front().map(ConnectionSession::charts).orElse(null);
    }

    /** The alerts of the connection in front (null when none is open). */
    public AlertsViewModel alerts() {
        return front().map(ConnectionSession::alerts).orElse(null);
    }

    private java.util.Optional<ConnectionSession> front() {
        return mainWindow == null ? java.util.Optional.empty()
                : java.util.Optional.ofNullable(mainWindow.currentProperty().get());
    }

    /**
     * Shows the main window where it was last (or centred), opens the connections that were open at
     * the last exit plus the one given on the command line, and starts polling. Call on the FX thread.
     */
    public void show(Stage stage) {
        ClassPreload.start(); // started earlier by 'bullpen console'; here for the harnesses that open the window
        this.stage = stage;
        remembered = windowStore.load();
        List<Bounds> screens = new ArrayList<>();
        screens.add(bounds(Screen.getPrimary().getVisualBounds()));
        Screen.getScreens().stream().filter(s -> !s.equals(Screen.getPrimary()))
                .forEach(s -> screens.add(bounds(s.getVisualBounds())));
        Bounds at = WindowPlacement.place(remembered.bounds(), screens, MIN_WIDTH, MIN_HEIGHT);
        Scene scene = new Scene(FxmlView.MAIN_WINDOW.load(controllers), at.width(), at.height());
        mainWindow.restore(remembered);
        // after --unmask the title says so, whichever connection is in front
        stage.titleProperty().bind(mainWindow.titleProperty().concat(settings.mask().masksNothing() ? " · unmasked" : ""));
        stage.setScene(scene);
        stage.setMinWidth(Math.min(MIN_WIDTH, at.width()));
        stage.setMinHeight(Math.min(MIN_HEIGHT, at.height()));
        stage.setX(at.x());
        stage.setY(at.y());
        normalBounds = at;
        stage.xProperty().addListener(o -> trackBounds());
        stage.yProperty().addListener(o -> trackBounds());
        stage.widthProperty().addListener(o -> trackBounds());
        stage.heightProperty().addListener(o -> trackBounds());
        if (remembered.maximized()) {
            stage.setMaximized(true);
        }
        stage.show();
        lab.attach(mainWindow.tabs());
        lab.start();
        connections.attach(mainWindow);
        openAtStart();
        String tab = System.getProperty(OPEN_TAB_PROPERTY); // screenshots: -Dbullpen.console.tab=charts-tab
        if (tab != null && !tab.isBlank()) {
            mainWindow.showTab(tab);
        }
    }

    private static Bounds bounds(Rectangle2D r) {
        return new Bounds(r.getMinX(), r.getMinY(), r.getWidth(), r.getHeight());
    }

    private void trackBounds() {
        if (!stage.isMaximized() && !stage.isIconified() && stage.getWidth() > 0) {
            normalBounds = new Bounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        }
    }

    /**
     * The saved connections open at the last exit (those whose password must be asked for once the
     * window shows), then the one from the command line, which comes to the front; with neither and
     * nothing saved, the default Redis.
     */
    private void openAtStart() {
        List<String> again = remembered.openConnections().stream().filter(connections::isSaved).toList();
        List<String> asking = new ArrayList<>();
        for (String id : again) {
            if (connections.needsPrompt(id)) {
                asking.add(id);
            } else {
                connections.open(id);
            }
        }
        boolean nothingElse = again.isEmpty() && connections.saved().isEmpty();
        String front = remembered.current();
        if (settings.endpointGiven() || nothingElse) {
            front = connections.openGiven(settings.endpoint(), settings.prefix(), settings.pollInterval()).orElse(front);
        }
        if (front != null) {
            connections.session(front).ifPresent(s -> mainWindow.bringToFront(s, true));
        }
        ConsoleSettings.OpenAt openAt = settings.openAt();
        if (openAt != null) {
            mainWindow.openQueue(openAt.queue()).thenAccept(q -> q.controller().openAt(openAt.state(), openAt.jobId()));
        }
        if (!asking.isEmpty()) {
            fx.execute(() -> asking.forEach(connections::open));
        }
    }

    /** What the window looks like now, to open it the same way next time. Call on the FX thread. */
    WindowState windowState() {
        String front = mainWindow.currentProperty().get() == null ? null : mainWindow.currentProperty().get().id();
        return new WindowState(normalBounds, stage.isMaximized(), mainWindow.sidebarWidth(), mainWindow.sidebarVisible(),
                mainWindow.theme(), connections.openSavedIds(), connections.isSaved(String.valueOf(front)) ? front : null);
    }

    /**
     * Saves the window state, then stops every connection's polling and closes its Redis reader on its
     * poller thread, after a read in progress, so that closing the window never waits on Redis.
     */
    @Override
    public void close() {
        if (mainWindow != null && stage != null) {
            saveWindowState();
        }
        lab.close();
        labSession.close();
        if (mainWindow != null) {
            mainWindow.closeAll();
        }
        connections.closeAll();
    }

    private void saveWindowState() {
        try {
            WindowState state = Platform.isFxApplicationThread() ? windowState()
                    : CompletableFuture.supplyAsync(this::windowState, fx).get(5, TimeUnit.SECONDS);
            windowStore.save(state);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warn("Window state not saved: {}", e.toString());
        }
    }
}
