package dev.bullpen.app;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.fx.ControllerFactory;
import dev.bullpen.app.fx.FxmlView;
import dev.bullpen.app.fx.Poller;
import dev.bullpen.app.jobs.JobDetailController;
import dev.bullpen.app.jobs.JobDetailViewModel;
import dev.bullpen.app.lab.LabWiring;
import dev.bullpen.app.mainwindow.MainWindowController;
import dev.bullpen.app.mainwindow.QueueScreen;
import dev.bullpen.app.overview.OverviewController;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.app.queue.QueueActionsViewModel;
import dev.bullpen.app.queue.QueueController;
import dev.bullpen.app.queue.QueueViewModel;
import dev.bullpen.app.redis.RedisController;
import dev.bullpen.app.redis.RedisViewModel;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.monitor.QueueInspector;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.geometry.Rectangle2D;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Composition root of one console window: builds everything with {@code new}, owns the background
 * scheduler and the Redis reader, and closes them.
 */
public final class AppWiring implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AppWiring.class);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    static final Duration REDIS_INFO_INTERVAL = Duration.ofSeconds(5);

    private final ConsoleSettings settings;
    private final QueueInspector inspector;
    private final OverviewViewModel overview;
    private final ScheduledExecutorService scheduler;
    private final Poller<OverviewSnapshot> poller;
    private final ControllerFactory controllers;
    private final ExecutorService work;
    private final Background background;
    private final Executor fx;
    private final Confirmer confirmer;
    private final ZoneId zone = ZoneId.systemDefault();
    private final RedisViewModel redis = new RedisViewModel();
    private final Poller<Map<String, String>> redisInfo;
    private final LabWiring lab;
    private MainWindowController mainWindow;

    /** @param fx runs UI updates: {@code Platform::runLater} in the app */
    public AppWiring(ConsoleSettings settings, Executor fx) {
        this(settings, fx, Confirmer.dialog());
    }

    /**
     * @param fx        runs UI updates: {@code Platform::runLater} in the app
     * @param confirmer asks before destructive actions
     */
    public AppWiring(ConsoleSettings settings, Executor fx, Confirmer confirmer) {
        this.settings = settings;
        this.fx = fx;
        this.confirmer = confirmer;
        this.inspector = new QueueInspector(settings.endpoint(), settings.prefix(), settings.readOnly());
        AtomicInteger workers = new AtomicInteger();
        this.work = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "bullpen-work-" + workers.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.background = new Background(work, fx);
        this.overview = new OverviewViewModel(settings.endpoint().display(), settings.prefix(), ZoneId.systemDefault());
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bullpen-poller");
            t.setDaemon(true);
            return t;
        });
        this.poller = new Poller<>("overview " + settings.endpoint().display(), scheduler, fx, inspector::overview,
                new Poller.Listener<>() {
                    @Override
                    public void onSnapshot(OverviewSnapshot snapshot) {
                        overview.apply(snapshot);
                    }

                    @Override
                    public void onFailure(RuntimeException error, Duration retryIn) {
                        overview.markFailed(error, retryIn);
                    }
                }, settings.pollInterval(), MAX_BACKOFF);
        this.redisInfo = new Poller<>("redis info " + settings.endpoint().display(), scheduler, fx,
                inspector::serverInfo, new Poller.Listener<>() {
                    @Override
                    public void onSnapshot(Map<String, String> info) {
                        redis.apply(info);
                    }

                    @Override
                    public void onFailure(RuntimeException error, Duration retryIn) {
                        redis.markFailed(error);
                    }
                }, REDIS_INFO_INTERVAL, MAX_BACKOFF);
        this.lab = new LabWiring(settings, inspector, scheduler, background, fx, confirmer, MAX_BACKOFF);
        this.controllers = new ControllerFactory(Map.of(
                RedisController.class, () -> new RedisController(redis),
                MainWindowController.class, () -> {
                    mainWindow = new MainWindowController(overview, this::queueScreen, settings.readOnly(),
                            settings.theme(), () -> {
                                inspector.rediscover(); // F5 on the overview finds new queues at once
                                poller.pollNow();
                            });
                    return mainWindow;
                },
                OverviewController.class, () -> new OverviewController(overview, name -> mainWindow.openQueue(name))));
    }

    /** The load-test lab and Workers screen. */
    public LabWiring lab() {
        return lab;
    }

    /** The window's frame, once the scene is created. */
    public MainWindowController mainWindow() {
        return mainWindow;
    }

    /** Builds one queue's screen and starts reading it (now, then every poll interval). Call on the FX thread. */
    QueueScreen queueScreen(String name) {
        QueueViewModel queue = new QueueViewModel(name, inspector, background, zone);
        JobDetailViewModel detail = new JobDetailViewModel(name, inspector, background, zone);
        QueueActionsViewModel actions = new QueueActionsViewModel(name, inspector, background, settings.readOnly(),
                () -> {
                    queue.refresh();
                    detail.reload();
                });
        QueueController controller = new QueueController(queue, detail, actions, confirmer);
        Parent view = FxmlView.QUEUE.load(new ControllerFactory(Map.of(
                QueueController.class, () -> controller,
                JobDetailController.class, () -> new JobDetailController(detail))));
        long every = settings.pollInterval().toMillis();
        ScheduledFuture<?> auto = scheduler.scheduleWithFixedDelay(() -> {
            try {
                fx.execute(queue::autoRefresh);
            } catch (RuntimeException e) {
                LOG.debug("Queue(name={}) refresh not published: {}", name, e.toString());
            }
        }, every, every, TimeUnit.MILLISECONDS);
        queue.refresh();
        LOG.info("Queue(name={}, prefix={}) opened", name, settings.prefix());
        return new QueueScreen(name, view, controller, () -> {
            auto.cancel(false);
            queue.cancelSearch();
            actions.cancel();
        });
    }

    public OverviewViewModel overview() {
        return overview;
    }

    /** Builds the main window's scene in the settings' theme. Call on the FX thread. */
    public Scene createScene() {
        // 1280x800 where the screen has room, never larger than the screen's usable area
        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Parent root = FxmlView.MAIN_WINDOW.load(controllers);
        lab.attach((javafx.scene.control.TabPane) root.lookup("#main-tabs"));
        return new Scene(root, Math.min(1280, screen.getWidth()), Math.min(800, screen.getHeight()));
    }

    /** Shows the main window in the stage and starts polling. Call on the FX thread. */
    public void show(Stage stage) {
        stage.setTitle(settings.windowTitle());
        stage.setScene(createScene());
        stage.setMinWidth(900);
        stage.setMinHeight(400);
        stage.show();
        LOG.info("Console(redis={}, prefix={}) opened, polling every {} ms", settings.endpoint().display(),
                settings.prefix(), settings.pollInterval().toMillis());
        poller.start();
        redisInfo.start();
        lab.start();
        ConsoleSettings.OpenAt at = settings.openAt();
        if (at != null) {
            mainWindow.openQueue(at.queue());
            mainWindow.selectedQueue().ifPresent(q -> q.controller().openAt(at.state(), at.jobId()));
        }
    }

    /**
     * Stops polling and closes the Redis reader on the poller thread, after a read in progress, so
     * that closing the window never waits on Redis.
     */
    @Override
    public void close() {
        poller.close();
        redisInfo.close();
        lab.close();
        if (mainWindow != null) {
            mainWindow.closeAll();
        }
        work.shutdownNow();
        try {
            scheduler.execute(inspector::close);
        } catch (RejectedExecutionException alreadyShutDown) {
            inspector.close();
        }
        scheduler.shutdown();
    }
}
