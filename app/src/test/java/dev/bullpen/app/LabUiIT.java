package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.lab.LabViewModel;
import dev.bullpen.app.lab.LabWiring;
import dev.bullpen.app.workers.WorkersViewModel;
import dev.bullpen.interop.BullNode;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The Load test and Workers tabs, headless (Monocle), against a private redis-server: a small run started from
 * the form shows live numbers, then its verdicts; it is exported and kept in the history, and two runs are
 * compared; workers are started, scaled and stopped from the console and listed with a Node Bull worker.
 */
class LabUiIT {
    private static final long TIMEOUT_S = 20;
    /** A run: setup, a few seconds of load, the drain (jobs failed for good take 15 s of backoff), the audit. */
    private static final long RUN_TIMEOUT_S = 180;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static RedisServer redis;

    @TempDir
    Path labDir;

    private final FxRobot robot = new FxRobot();
    private final String prefix = "labui" + PREFIXES.incrementAndGet();
    private AppWiring wiring;
    private Stage stage;

    @BeforeAll
    static void startRedisAndToolkit() throws TimeoutException {
        redis = RedisServer.start();
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        if (wiring != null) {
            wiring.close();
        }
        FxToolkit.cleanupStages();
        System.clearProperty(LabWiring.DIR_PROPERTY);
    }

    private void openConsole(boolean readOnly) throws TimeoutException {
        System.setProperty(LabWiring.DIR_PROPERTY, labDir.toString());
        ConsoleSettings settings = new ConsoleSettings(RedisEndpoint.parse(redis.url()), prefix,
                Duration.ofMillis(500), readOnly, Theme.LIGHT, null);
        wiring = new AppWiring(settings, Platform::runLater, (owner, question, action) -> true);
        stage = FxToolkit.setupStage(s -> wiring.show(s));
    }

    @Test
    void aSmallRunShowsLiveNumbersThenItsVerdictsIsExportedKeptAndComparedWithTheNext() throws Exception {
        // given the console on the Load test tab
        openConsole(false);
        selectTab("#lab-tab");
        Path html = labDir.resolve("export.html");
        Path json = labDir.resolve("export.json");
        fx(() -> {
            wiring.lab().lab().setExportChooser((owner, name) -> Optional.of(name.endsWith(".html") ? html : json));
            return null;
        });

        // when a small closed-loop run starts with failures injected, some of them for good
        fill(60, "3", "5s", "0.1", "0.2", "checkout-p99=30s,job-p99=30s");
        robot.clickOn(fx(() -> lookup("#lab-start")));

        // then live numbers show while it runs
        await("live checkouts", RUN_TIMEOUT_S, () -> !text("#lab-checkouts").equals("—")
                && Long.parseLong(text("#lab-checkouts").replace(",", "")) > 0);
        assertTrue(fx(() -> List.of("Load running", "Draining the queue", "Auditing").contains(text("#lab-phase"))),
                fx(() -> text("#lab-phase")));
        await("the latency chart draws", TIMEOUT_S, () -> !chart("#lab-latency-chart").getData().get(0).getData()
                .isEmpty());
        assertFalse(fx(() -> ((Button) lookup("#lab-stop")).isDisabled()));
        assertTrue(fx(() -> ((Button) lookup("#lab-start")).isDisabled()));

        // then the final verdicts
        await("the verdict", RUN_TIMEOUT_S, () -> lookup("#lab-summary").isVisible()
                && !text("#lab-verdict").isEmpty());
        List<LabViewModel.VerdictRow> verdicts = fx(() -> List.copyOf(verdictsTable().getItems()));
        assertEquals("PASS", fx(() -> text("#lab-verdict")), verdicts.toString());
        assertEquals(List.of("Queue drained", "Rewards", "Audit", "Refused checkouts", "SLO checkout-p99=30000ms",
                "SLO processing-p99=30000ms"), verdicts.stream().map(LabViewModel.VerdictRow::what).toList());
        assertTrue(verdicts.stream().allMatch(LabViewModel.VerdictRow::ok), verdicts.toString());
        assertTrue(verdicts.get(2).detail().startsWith("clean: "), verdicts.toString());
        assertTrue(verdicts.get(4).detail().startsWith("met: actual "), verdicts.toString());
        assertEquals("Done", fx(() -> text("#lab-phase")));
        assertEquals(4, fx(() -> measuresTable().getItems().size()));
        assertFalse(fx(() -> ((Button) lookup("#lab-start")).isDisabled()));

        // when exported
        robot.clickOn(fx(() -> lookup("#lab-export-html")));
        robot.clickOn(fx(() -> lookup("#lab-export-json")));

        // then both files hold this run
        await("exports written", TIMEOUT_S, () -> Files.exists(html) && Files.exists(json));
        assertTrue(Files.readString(html).startsWith("<!DOCTYPE html>") && Files.readString(html).contains("PASS"));
        assertTrue(Json.parseLenient(Files.readString(json)).orElseThrow().get("passed").asBoolean());

        // and the run is in the history, as a file of the lab folder
        selectTab("#lab-history-tab");
        await("one run in the history", TIMEOUT_S, () -> historyTable().getItems().size() == 1);
        assertEquals("PASS", fx(() -> historyTable().getItems().get(0).verdict()));
        try (var files = Files.list(labDir.resolve("runs"))) {
            assertEquals(1, files.filter(f -> f.toString().endsWith(".json")).count());
        }

        // when a second run goes with 2 customers at a time more and nothing failing for good
        selectTab("#lab-run-tab");
        fill(60, "5", "3s", "0", "0", "checkout-p99=30s");
        robot.clickOn(fx(() -> lookup("#lab-start")));
        await("the second run ends", RUN_TIMEOUT_S, () -> historyTable().getItems().size() == 2);

        // and both are compared
        selectTab("#lab-history-tab");
        fx(() -> {
            historyTable().getSelectionModel().selectAll();
            return null;
        });
        robot.clickOn(fx(() -> lookup("#lab-history-compare")));
        List<LabViewModel.CompareRow> rows = fx(() -> List.copyOf(comparisonTable().getItems()));
        LabViewModel.CompareRow arrivals = rows.stream().filter(r -> r.what().equals("arrivals")).findFirst()
                .orElseThrow();
        assertEquals("closed loop, 3 concurrent customers", arrivals.a(), rows.toString());
        assertEquals("closed loop, 5 concurrent customers", arrivals.b(), rows.toString());
        assertEquals("differs", arrivals.change());
        assertTrue(rows.stream().anyMatch(r -> r.what().equals("checkout p99") && !r.a().equals("—")
                && !r.b().equals("—")), rows.toString());
        assertTrue(fx(() -> text("#lab-comparison-title")).startsWith("A: "));
    }

    @Test
    void workersAreStartedScaledAndStoppedFromTheConsoleAndListedWithANodeWorker() throws Exception {
        // given a Node Bull worker holding a job of queue "emails" under the console's prefix
        try (QueueConnection c = QueueConnection.open(RedisEndpoint.parse(redis.url()), prefix)) {
            c.queue("emails").add(NewJob.of("{}"));
        }
        BullNode bull = new BullNode(redis.url(), prefix);
        BullNode.Running node = bull.start("process", bull.args("emails").put("count", 1).put("holdMs", 10_000));
        openConsole(false);
        selectTab("#workers-tab");
        await("the Node worker is listed", TIMEOUT_S, () -> connected().stream().anyMatch(r ->
                r.queue().equals(prefix + ":emails") && r.kind().equals("Node (Bull)") && r.process().equals("—")));

        // when two workers of 3 slots are started here
        fx(() -> {
            ((TextField) lookup("#workers-count")).setText("2");
            ((TextField) lookup("#workers-concurrency")).setText("3");
            return null;
        });
        robot.clickOn(fx(() -> lookup("#workers-apply")));

        // then they run, and Redis lists them as Bullpen workers of this console on the lab's queue
        await("two embedded workers", TIMEOUT_S, () -> embedded().size() == 2);
        await("listed as connected", TIMEOUT_S, () -> connected().stream().filter(r ->
                r.queue().equals(prefix + "-lab:checkout") && r.kind().equals("Bullpen (Java)")
                        && r.process().equals("this console")).count() == 2);
        assertEquals(List.of("3", "3"), fx(() -> embedded().stream().map(WorkersViewModel.EmbeddedRow::concurrency)
                .toList()));

        // when scaled down to one of 5 slots
        fx(() -> {
            ((TextField) lookup("#workers-count")).setText("1");
            ((TextField) lookup("#workers-concurrency")).setText("5");
            return null;
        });
        robot.clickOn(fx(() -> lookup("#workers-apply")));
        await("one worker of 5", TIMEOUT_S, () -> embedded().size() == 1 && embedded().get(0).concurrency()
                .equals("5"));

        // when all are stopped
        robot.clickOn(fx(() -> lookup("#workers-stop")));
        await("none", TIMEOUT_S, () -> embedded().isEmpty());
        await("none connected for the lab", TIMEOUT_S, () -> connected().stream()
                .noneMatch(r -> r.queue().startsWith(prefix + "-lab:")));
        assertEquals("Stopped.", fx(() -> text("#workers-message")));
        node.await();
    }

    @Test
    void readOnlyModeRefusesLoadTestsAndWorkers() throws Exception {
        openConsole(true);
        selectTab("#lab-tab");

        assertTrue(fx(() -> ((Button) lookup("#lab-start")).isDisabled()));
        assertTrue(fx(() -> text("#lab-message")).startsWith("Read-only: the lab is off"));
        selectTab("#workers-tab");
        assertTrue(fx(() -> ((Button) lookup("#workers-apply")).isDisabled()));
        assertTrue(fx(() -> text("#workers-message")).startsWith("Read-only"));
    }

    // ---------------------------------------------------------------- driving and reading the window

    private void fill(int customers, String concurrency, String duration, String failRate, String failForGood,
            String slos) throws Exception {
        fx(() -> {
            ((TextField) lookup("#lab-customers")).setText(Integer.toString(customers));
            ((TextField) lookup("#lab-depth")).setText("4");
            ((TextField) lookup("#lab-concurrency")).setText(concurrency);
            ((TextField) lookup("#lab-duration")).setText(duration);
            ((TextField) lookup("#lab-workers")).setText("1");
            ((TextField) lookup("#lab-worker-concurrency")).setText("2");
            ((TextField) lookup("#lab-fail-rate")).setText(failRate);
            ((TextField) lookup("#lab-fail-for-good")).setText(failForGood);
            ((TextField) lookup("#lab-slos")).setText(slos);
            return null;
        });
    }

    private void selectTab(String id) throws Exception {
        fx(() -> {
            for (Node n : stage.getScene().getRoot().lookupAll(".tab-pane")) {
                TabPane pane = (TabPane) n;
                for (Tab t : pane.getTabs()) {
                    if (id.equals("#" + t.getId())) {
                        pane.getSelectionModel().select(t);
                        return null;
                    }
                }
            }
            throw new AssertionError("no tab " + id);
        });
        WaitForAsyncUtils.waitForFxEvents();
        if (id.equals("#lab-tab")) { // its parts join one per pulse; the History tab's content is the last
            await("the Load test screen in full", TIMEOUT_S, () -> stage.getScene().lookup("#lab-history") != null);
        }
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void await(String what, long seconds, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + seconds + " s for: " + what);
        }
    }

    private Node lookup(String id) {
        Node n = stage.getScene().lookup(id);
        if (n == null) {
            throw new AssertionError("nothing with id " + id);
        }
        return n;
    }

    private String text(String id) {
        return ((Label) lookup(id)).getText();
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart(String id) {
        return (LineChart<Number, Number>) lookup(id);
    }

    @SuppressWarnings("unchecked")
    private TableView<LabViewModel.VerdictRow> verdictsTable() {
        return (TableView<LabViewModel.VerdictRow>) lookup("#lab-verdicts");
    }

    @SuppressWarnings("unchecked")
    private TableView<LabViewModel.MeasureRow> measuresTable() {
        return (TableView<LabViewModel.MeasureRow>) lookup("#lab-measures");
    }

    @SuppressWarnings("unchecked")
    private TableView<LabViewModel.RunRow> historyTable() {
        return (TableView<LabViewModel.RunRow>) lookup("#lab-history");
    }

    @SuppressWarnings("unchecked")
    private TableView<LabViewModel.CompareRow> comparisonTable() {
        return (TableView<LabViewModel.CompareRow>) lookup("#lab-comparison");
    }

    @SuppressWarnings("unchecked")
    private List<WorkersViewModel.ConnectedRow> connected() {
        return List.copyOf(((TableView<WorkersViewModel.ConnectedRow>) lookup("#workers-connected")).getItems());
    }

    @SuppressWarnings("unchecked")
    private List<WorkersViewModel.EmbeddedRow> embedded() {
        return List.copyOf(((TableView<WorkersViewModel.EmbeddedRow>) lookup("#workers-embedded")).getItems());
    }
}
