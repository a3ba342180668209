package dev.bullpen.app.bench;

import dev.bullpen.app.ConsoleSettings;
import dev.bullpen.app.Theme;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Window;

/**
 * Screens that need a click before the picture, for {@code docs/screenshots/make-screenshots.sh}: runs
 * the console under Xvfb, brings the scene up, and captures the window with ImageMagick's
 * {@code import}.
 *
 * <pre>ScreenshotScenes REDIS_URL SCENE OUT.png   (SCENE: export-dialog | detail-masked | detail-unmasked)</pre>
 */
public final class ScreenshotScenes {
    private ScreenshotScenes() {
    }

    public static void main(String[] args) {
        try {
            run(args);
        } catch (Throwable t) {
            // the JavaFX thread would keep the JVM (and the script waiting on it) alive
            t.printStackTrace();
            System.exit(1);
        }
    }

    private static void run(String[] args) throws Exception {
        String url = args[0];
        String scene = args[1];
        String out = args[2];
        ConsoleHarness.startToolkit();
        String job = scene.startsWith("detail-") ? "139" : null;
        ConsoleSettings settings = new ConsoleSettings(RedisEndpoint.parse(url), "bull", Duration.ofSeconds(2), false,
                Theme.LIGHT, new ConsoleSettings.OpenAt("checkout", JobState.FAILED, job), PersonalDataMask.DEFAULT);
        ConsoleHarness console = ConsoleHarness.open(settings, (owner, question, action) -> true);
        // the queue counts as selected once its screen has all its parts (decision 0020)
        ConsoleHarness.await("failed jobs listed", 30_000, () -> console.wiring().mainWindow().selectedQueue().isPresent()
                && !console.queue().getViewModel().rows().isEmpty());
        switch (scene) {
            case "export-dialog" -> {
                ConsoleHarness.fxRun(() -> {
                    @SuppressWarnings("unchecked")
                    TableView<Object> table = (TableView<Object>) console.lookup("#job-table");
                    table.getSelectionModel().selectRange(2, 5);
                });
                Platform.runLater(() -> ((Button) console.lookup("#export")).fire()); // showAndWait: do not wait
                ConsoleHarness.await("export dialog", 10_000, () -> Window.getWindows().size() > 1);
            }
            case "detail-masked" -> showData(console);
            case "detail-unmasked" -> {
                showData(console);
                ConsoleHarness.fxRun(() -> ((Button) console.lookup("#personal-data")).fire());
                ConsoleHarness.await("unmasked", 10_000, () -> !((Label) console.lookup("#detail-data-summary"))
                        .getText().contains("masked") && !console.lookup("#detail-message").isVisible());
                ConsoleHarness.fxRun(() -> expandCustomer(console));
                Thread.sleep(7_000); // the notice about unmasking hides after 6 s
            }
            default -> throw new IllegalArgumentException("unknown scene " + scene);
        }
        Thread.sleep(1_500); // let the last pulses paint
        double[] b = ConsoleHarness.fx(() -> new double[] {console.stage().getX(), console.stage().getY(),
            console.stage().getScene().getWidth(), console.stage().getScene().getHeight()});
        String crop = String.format("%dx%d+%d+%d", (int) b[2], (int) b[3], (int) b[0], (int) b[1]);
        Process p = new ProcessBuilder("import", "-window", "root", "-crop", crop, "+repage", out).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("import failed");
        }
        System.out.println("wrote " + out);
        System.exit(0);
    }

    /** Waits for the masked detail, collapses the error section so that the data tree is in view. */
    private static void showData(ConsoleHarness console) throws Exception {
        // the detail's sections join one per pulse (decision 0020): wait for the last one, then the data's summary
        ConsoleHarness.await("detail", 10_000, () -> console.lookup("#detail-logs") != null
                && console.lookup("#detail-data-summary") instanceof Label summary
                && summary.getText().contains("personal fields masked"));
        ConsoleHarness.fxRun(() -> {
            for (javafx.scene.Node n : console.lookup("#detail-data-tree").getScene().getRoot()
                    .lookupAll(".detail-section")) {
                if (n instanceof javafx.scene.control.TitledPane t && "Error".equals(t.getText())) {
                    t.setExpanded(false);
                }
            }
            expandCustomer(console);
        });
    }

    @SuppressWarnings("unchecked")
    private static void expandCustomer(ConsoleHarness console) {
        javafx.scene.control.TreeView<String> tree =
                (javafx.scene.control.TreeView<String>) console.lookup("#detail-data-tree");
        tree.getRoot().getChildren().forEach(c -> c.setExpanded(c.getValue().startsWith("customer")));
    }
}
