package dev.bullpen.app;

import dev.bullpen.app.fx.ClassPreload;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;

/**
 * The JavaFX application of {@code bullpen console}. Started by {@link #run(ConsoleSettings)} from the
 * plain {@link Launcher}; everything it shows is built by {@link AppWiring}.
 */
public final class MonitorApplication extends Application {
    private static volatile ConsoleSettings settings;

    private AppWiring wiring;

    /** Opens the console and blocks until its window is closed. */
    static void run(ConsoleSettings consoleSettings) {
        settings = consoleSettings;
        ClassPreload.start(); // while the toolkit starts: the window's classes first (docs/decisions/0020)
        try {
            Application.launch(MonitorApplication.class);
        } catch (UnsupportedOperationException e) {
            // what JavaFX throws without a display; the message names DISPLAY
            throw new IllegalStateException("cannot open a window: " + e.getMessage()
                    + " (run it on a desktop, or under xvfb-run)", e);
        }
    }

    @Override
    public void start(Stage stage) {
        if (settings == null) {
            throw new IllegalStateException("MonitorApplication is started through 'bullpen console'");
        }
        wiring = new AppWiring(settings, Platform::runLater);
        wiring.show(stage);
    }

    @Override
    public void stop() {
        if (wiring != null) {
            wiring.close();
        }
    }
}
