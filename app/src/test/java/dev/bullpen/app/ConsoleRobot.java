package dev.bullpen.app;

import dev.bullpen.app.queue.JobRow;
import dev.bullpen.app.queue.QueueController;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TreeView;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;
import org.controlsfx.control.NotificationPane;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Drives one console window in the TestFX UI tests (headless, Monocle): opens it on a settings,
 * records every confirmation asked (and answers yes), reads the window on the FX thread and clicks
 * as a user does.
 */
final class ConsoleRobot {
    static final long TIMEOUT_S = 20;

    final FxRobot robot = new FxRobot();
    /** The questions of every confirmation, in order (all answered yes). */
    final List<String> questions = new CopyOnWriteArrayList<>();
    private AppWiring wiring;
    private Stage stage;

    void open(ConsoleSettings settings) throws TimeoutException {
        wiring = new AppWiring(settings, Platform::runLater, (owner, question, action) -> {
            questions.add(question);
            return true;
        });
        stage = FxToolkit.setupStage(s -> wiring.show(s));
    }

    /** Closes the window (call in {@code @AfterEach}). */
    void close() throws TimeoutException {
        if (wiring != null) {
            wiring.close();
        }
        FxToolkit.cleanupStages();
    }

    Stage stage() {
        return stage;
    }

    AppWiring wiring() {
        return wiring;
    }

    static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    static void fxRun(Runnable action) throws Exception {
        fx(() -> {
            action.run();
            return null;
        });
    }

    static void await(String what, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + TIMEOUT_S + " s for: " + what);
        }
    }

    /**
     * Opens the queue as a user does: double-click on its row in the overview. On a loaded machine
     * the two clicks can arrive too far apart to count as a double-click; the user would double-click
     * again, and so does this (opening an open queue only selects its tab).
     */
    void openQueueFromOverview(String name) throws Exception {
        await("overview lists " + name, () -> cellWithText("#queue-table", name) != null);
        // the screen's parts join one per pulse: it is open once the window counts it as attached (all parts in)
        Callable<Boolean> open = () -> lookup("#queue-title") != null
                && name.equals(((Label) lookup("#queue-title")).getText())
                && wiring.mainWindow().selectedQueue().isPresent();
        for (int attempt = 1; attempt < 4; attempt++) {
            robot.doubleClickOn(fx(() -> cellWithText("#queue-table", name)), MouseButton.PRIMARY);
            try {
                WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> fx(open));
                return;
            } catch (TimeoutException e) {
                if (!fx(() -> cellWithText("#queue-table", name) != null)) {
                    break; // the overview is not in front any more: the tab opened after all, or something broke
                }
            }
        }
        await("queue tab " + name + " open", open);
    }

    /** The job detail's sections join one per pulse after it first shows: true once the last one is in. */
    boolean detailComplete() {
        return lookup("#detail-logs") != null;
    }

    /** Selects the state tab at that index (0 waiting ... 4 failed, 5 paused). */
    void selectState(int index) throws Exception {
        fxRun(() -> stateTabs().getSelectionModel().select(index));
    }

    /** A node of the selected main tab's content, else of the scene. Call on the FX thread. */
    Node lookup(String selector) {
        TabPane main = (TabPane) stage.getScene().lookup("#main-tabs");
        Node content = main.getSelectionModel().getSelectedItem().getContent();
        Node found = content.lookup(selector);
        return found != null ? found : stage.getScene().lookup(selector);
    }

    /** The text of a label, button or text field. */
    String text(String selector) throws Exception {
        return fx(() -> {
            Node n = lookup(selector);
            return n instanceof Label l ? l.getText() : n instanceof ButtonBase b ? b.getText()
                    : n instanceof TextField t ? t.getText() : String.valueOf(n);
        });
    }

    void click(String selector) throws Exception {
        robot.clickOn(fx(() -> lookup(selector)));
    }

    QueueController controller() {
        return wiring.mainWindow().selectedQueue().orElseThrow().controller();
    }

    TabPane stateTabs() {
        return (TabPane) lookup("#state-tabs");
    }

    List<String> tabTexts() {
        return stateTabs().getTabs().stream().map(Tab::getText).toList();
    }

    @SuppressWarnings("unchecked")
    List<JobRow> rows() {
        return ((TableView<JobRow>) lookup("#job-table")).getItems();
    }

    @SuppressWarnings("unchecked")
    TreeView<String> tree() {
        return (TreeView<String>) lookup("#detail-data-tree");
    }

    String notificationText() {
        return ((NotificationPane) lookup("#notifications")).getText();
    }

    /** Clicks the cell and waits until its row is selected and the table has the focus. */
    void clickCell(String table, String text) throws Exception {
        await("a cell showing " + text, () -> cellWithText(table, text) != null);
        robot.clickOn(fx(() -> cellWithText(table, text)));
        await("row of " + text + " selected and focused", () -> lookup(table).isFocused()
                && ((TableView<?>) lookup(table)).getSelectionModel().getSelectedItems().stream()
                .anyMatch(r -> r instanceof JobRow row && row.id().equals(text)));
    }

    Node cellWithText(String table, String text) {
        for (Node n : lookup(table).lookupAll(".table-cell")) {
            // the first column only: the job id, the queue name (a job id "1" is not an attempts count "1")
            if (n instanceof TableCell<?, ?> cell && !cell.isEmpty() && text.equals(cell.getText())
                    && cell.isVisible() && cell.getTableColumn() != null
                    && List.of("job-id", "name").contains(cell.getTableColumn().getId())) {
                return cell;
            }
        }
        return null;
    }
}
