package dev.bullpen.app;

import dev.bullpen.app.fx.ControllerFactory;
import dev.bullpen.app.fx.FxmlView;
import dev.bullpen.app.fx.Poller;
import dev.bullpen.app.mainwindow.MainWindowController;
import dev.bullpen.app.overview.OverviewController;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.monitor.QueueInspector;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import javafx.scene.Scene;
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
    static final String THEME_LIGHT = "/css/theme-light.css";

    private final ConsoleSettings settings;
    private final QueueInspector inspector;
    private final OverviewViewModel overview;
    private final ScheduledExecutorService scheduler;
    private final Poller<OverviewSnapshot> poller;
    private final ControllerFactory controllers;

    /** @param fx runs UI updates: {@code Platform::runLater} in the app */
    public AppWiring(ConsoleSettings settings, Executor fx) {
        this.settings = settings;
        this.inspector = new QueueInspector(settings.endpoint(), settings.prefix());
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
        this.controllers = new ControllerFactory(Map.of(
                MainWindowController.class, () -> new MainWindowController(overview),
                OverviewController.class, () -> new OverviewController(overview)));
    }

    public OverviewViewModel overview() {
        return overview;
    }

    /** Builds the main window's scene with the light theme. Call on the FX thread. */
    public Scene createScene() {
        Scene scene = new Scene(FxmlView.MAIN_WINDOW.load(controllers), 1180, 640);
        scene.getStylesheets().add(AppWiring.class.getResource(THEME_LIGHT).toExternalForm());
        return scene;
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
    }

    /**
     * Stops polling and closes the Redis reader on the poller thread, after a read in progress, so
     * that closing the window never waits on Redis.
     */
    @Override
    public void close() {
        poller.close();
        try {
            scheduler.execute(inspector::close);
        } catch (RejectedExecutionException alreadyShutDown) {
            inspector.close();
        }
        scheduler.shutdown();
    }
}
