package dev.bullpen.app.bench;

import dev.bullpen.app.AppWiring;
import dev.bullpen.app.ConsoleSettings;
import dev.bullpen.app.fx.ClassPreload;
import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.queue.QueueController;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;

/**
 * The real console window driven from a plain main (for the scale benchmark and the screenshots):
 * starts the JavaFX toolkit (GTK under Xvfb, or Monocle when {@code -Dglass.platform=Monocle}),
 * opens the console through {@link AppWiring} as {@code bullpen console} does, and reads and acts
 * on the FX thread. Not a test: it asserts nothing.
 */
final class ConsoleHarness implements AutoCloseable {
    static final long FX_TIMEOUT_S = 60;

    private final AppWiring wiring;
    private final Stage stage;

    private ConsoleHarness(AppWiring wiring, Stage stage) {
        this.wiring = wiring;
        this.stage = stage;
    }

    static void startToolkit() {
        ClassPreload.start(); // as MonitorApplication.run does before the toolkit starts
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.join();
        Platform.setImplicitExit(false);
    }

    /** Opens the window; every confirmation is answered with {@code confirmer}. */
    static ConsoleHarness open(ConsoleSettings settings, Confirmer confirmer) throws Exception {
        return fx(() -> {
            AppWiring wiring = new AppWiring(settings, Platform::runLater, confirmer);
            Stage stage = new Stage();
            wiring.show(stage);
            return new ConsoleHarness(wiring, stage);
        });
    }

    Stage stage() {
        return stage;
    }

    AppWiring wiring() {
        return wiring;
    }

    QueueController queue() {
        return wiring.mainWindow().selectedQueue().orElseThrow().controller();
    }

    /** A node of the selected tab's content (or of the scene). Call on the FX thread. */
    Node lookup(String selector) {
        TabPane main = (TabPane) stage.getScene().lookup("#main-tabs");
        Node content = main.getSelectionModel().getSelectedItem().getContent();
        Node found = content.lookup(selector);
        return found != null ? found : stage.getScene().lookup(selector);
    }

    static <T> T fx(Callable<T> call) throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                result.complete(call.call());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        });
        return result.get(FX_TIMEOUT_S, TimeUnit.SECONDS);
    }

    static void fxRun(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    /** Waits (polling every 20 ms off the FX thread) until the condition, read on the FX thread, holds. */
    static void await(String what, long timeoutMs, Callable<Boolean> condition) throws Exception {
        long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (!fx(condition)) {
            if (System.nanoTime() > end) {
                throw new IllegalStateException("waited " + timeoutMs + " ms for: " + what);
            }
            Thread.sleep(20);
        }
    }

    @Override
    public void close() {
        Platform.runLater(() -> {
            wiring.close();
            stage.close();
        });
    }
}
