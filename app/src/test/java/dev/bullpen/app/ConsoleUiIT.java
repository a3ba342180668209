package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.overview.QueueRow;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.controlsfx.control.StatusBar;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The console window, headless (Monocle), against a private redis-server holding Bull queues
 * made by the engine. Each test opens its own window on its own key prefix.
 */
class ConsoleUiIT {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final long TIMEOUT_S = 20;
    private static final List<String> COLUMNS =
            List.of("state", "waiting", "active", "delayed", "completed", "failed", "paused");
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static RedisServer redis;

    private final String prefix = "ui" + PREFIXES.incrementAndGet();
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
    }

    private void openConsole(String url) throws TimeoutException {
        ConsoleSettings settings = new ConsoleSettings(RedisEndpoint.parse(url), prefix, POLL);
        wiring = new AppWiring(settings, Platform::runLater);
        stage = FxToolkit.setupStage(s -> wiring.show(s));
    }

    private QueueConnection engine() {
        return QueueConnection.open(RedisEndpoint.parse(redis.url()), prefix);
    }

    @Test
    void windowShowsTheCountsOfEveryQueueAndFollowsNewJobs() throws Exception {
        // given queues made through the engine
        try (QueueConnection c = engine()) {
            c.queue("checkout").add(NewJob.of("{\"cart\":1}"));
            c.queue("checkout").add(NewJob.of("{\"cart\":2}"));
            c.queue("checkout").add(new NewJob("later", "{}", JobOptions.defaults().delay(600_000)));
            c.queue("rewards").add(NewJob.of("{\"points\":5}"));
            c.queue("rewards").pause();
        }

        // when
        openConsole(redis.url());

        // then
        assertTrue(fx(() -> stage.getTitle()).startsWith("Bullpen — redis://127.0.0.1:" + redis.port()),
                "title: " + fx(() -> stage.getTitle()));
        awaitRow("checkout", "Running", "2", "0", "1", "0", "0", "0");
        awaitRow("rewards", "Paused", "0", "0", "0", "0", "0", "1");
        assertEquals(List.of("checkout", "rewards"), fx(this::shownQueueNames));
        assertTrue(fx(() -> statusBar().getText()).startsWith("Connected to 127.0.0.1:" + redis.port()));
        assertTrue(fx(() -> label("#last-refresh").getText()).startsWith("Last refresh "));

        // when more jobs arrive and a queue is resumed
        try (QueueConnection c = engine()) {
            for (int i = 0; i < 3; i++) {
                c.queue("checkout").add(NewJob.of("{\"cart\":" + (10 + i) + "}"));
            }
            c.queue("rewards").resume();
            c.queue("mail").add(NewJob.of("{}"));
        }

        // then the window follows by itself
        awaitRow("checkout", "Running", "5", "0", "1", "0", "0", "0");
        awaitRow("rewards", "Running", "1", "0", "0", "0", "0", "0");
        awaitRow("mail", "Running", "1", "0", "0", "0", "0", "0");
        assertEquals(List.of("checkout", "mail", "rewards"), fx(this::shownQueueNames));
        assertEquals("3 queues · 7 waiting · 0 failed", fx(() -> label("#overview-summary").getText()));
    }

    @Test
    void at1280x800EveryOverviewColumnIsInSightAndANarrowerWindowScrollsToThem() throws Exception {
        // given a queue, and the console at the default size with the sidebar open
        try (QueueConnection c = engine()) {
            c.queue("checkout").add(NewJob.of("{}"));
        }
        openConsole(redis.url());
        awaitRow("checkout", "Running", "1", "0", "0", "0", "0", "0");
        fx(() -> {
            stage.setWidth(1280);
            stage.setHeight(800);
            return null;
        });
        await("window at 1280", () -> stage.getScene().getWidth() == 1280);

        // then every column shows whole, at least at its minimum width, with no scroll bar and no text cut
        await("all columns in sight", () -> TableSight.columnsOutOfSight(table()).isEmpty());
        assertEquals(List.of(), fx(() -> TableSight.squeezedColumns(table())));
        assertEquals(List.of(), fx(() -> TableSight.truncatedHeaders(table())));
        assertEquals(List.of(), fx(() -> TableSight.truncatedCells(table())));
        assertFalse(fx(() -> TableSight.horizontalScrollBarShown(table())));

        // when the window is made narrower than the columns' minimum widths
        fx(() -> {
            stage.setWidth(1000);
            return null;
        });

        // then the columns keep readable widths and a scroll bar reaches the last one
        await("horizontal scroll bar", () -> TableSight.horizontalScrollBarShown(table()));
        assertEquals(List.of(), fx(() -> TableSight.squeezedColumns(table())));
        assertTrue(fx(() -> TableSight.columnsOutOfSight(table())).contains("Waiting trend"));
        await("last column in sight after scrolling",
                () -> TableSight.scrolledToTheRightEnd(table()) && !TableSight.columnsOutOfSight(table())
                        .contains("Waiting trend"));

        // when the window is wide again, the columns fill it and the scroll bar goes
        fx(() -> {
            stage.setWidth(1280);
            return null;
        });
        await("scroll bar gone", () -> !TableSight.horizontalScrollBarShown(table()));
        await("all columns in sight again", () -> TableSight.columnsOutOfSight(table()).isEmpty());
    }

    @Test
    void redisGoingDownShowsTheBannerKeepsStaleDataAndRecoversAfterRestart() throws Exception {
        // given
        try (QueueConnection c = engine()) {
            c.queue("mail").add(NewJob.of("{}"));
            c.queue("mail").add(NewJob.of("{}"));
        }
        openConsole(redis.url());
        awaitRow("mail", "Running", "2", "0", "0", "0", "0", "0");
        assertEquals(false, fx(() -> banner().isVisible()));

        // when Redis dies
        redis.kill();

        // then a clear banner, and the last data stays, marked stale
        String server = "127.0.0.1:" + redis.port();
        await("banner shown", () -> banner().isVisible()
                && ("Disconnected from " + server + " — retrying").equals(label("#connection-banner").getText()));
        assertTrue(fx(() -> label("#connection-banner-detail").getText()).contains("showing data from"));
        assertEquals(List.of("Running", "2", "0", "0", "0", "0", "0"), fx(() -> shownRow("mail")));
        assertTrue(fx(() -> table().getPseudoClassStates().contains(PseudoClass.getPseudoClass("stale"))));
        assertEquals("Disconnected from " + server, fx(() -> statusBar().getText()));
        assertTrue(fx(() -> label("#last-refresh").getText()).endsWith("— stale"));
        assertEquals(1, fx(() -> Stage.getWindows().size()), "no dialog opened");

        // when Redis is back (empty: no persistence) and gets a job
        redis.restart();
        try (QueueConnection c = engine()) {
            c.queue("mail").add(NewJob.of("{}"));
        }

        // then the banner goes and the data is live again
        awaitRow("mail", "Running", "1", "0", "0", "0", "0", "0");
        await("banner hidden", () -> !banner().isVisible() && !banner().isManaged());
        assertTrue(fx(() -> !table().getPseudoClassStates().contains(PseudoClass.getPseudoClass("stale"))));
        assertEquals("Connected to " + server, fx(() -> statusBar().getText()));
    }

    @Test
    void unreachableRedisAtStartStillOpensTheWindowWithTheBanner() throws Exception {
        // given nothing listens on this port
        int port = RedisServer.freePort();

        // when
        openConsole("redis://127.0.0.1:" + port);

        // then
        assertTrue(fx(() -> stage.isShowing()));
        await("banner shown", () -> banner().isVisible()
                && ("Disconnected from 127.0.0.1:" + port + " — retrying").equals(label("#connection-banner").getText()));
        assertTrue(fx(() -> label("#connection-banner-detail").getText()).contains("no data read yet"));
        assertEquals("Cannot reach 127.0.0.1:" + port + " — retrying",
                fx(() -> ((Label) table().getPlaceholder()).getText()));
        assertEquals(List.of(), fx(this::shownQueueNames));
    }

    // ---------------------------------------------------------------- reading the window

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(TIMEOUT_S, TimeUnit.SECONDS);
    }

    private static void await(String what, Callable<Boolean> condition) throws TimeoutException {
        try {
            WaitForAsyncUtils.waitFor(TIMEOUT_S, TimeUnit.SECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + TIMEOUT_S + " s for: " + what);
        }
    }

    private void awaitRow(String queue, String... expected) throws Exception {
        List<String> want = List.of(expected);
        try {
            await(queue + " shows " + want, () -> want.equals(shownRow(queue)));
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + " but it shows " + fx(() -> shownRow(queue)), e);
        }
    }

    private Label label(String id) {
        return (Label) stage.getScene().lookup(id);
    }

    private Node banner() {
        return label("#connection-banner").getParent().getParent();
    }

    @SuppressWarnings("unchecked")
    private TableView<QueueRow> table() {
        return (TableView<QueueRow>) stage.getScene().lookup("#queue-table");
    }

    private StatusBar statusBar() {
        return (StatusBar) stage.getScene().lookup("#status-bar");
    }

    private List<String> shownQueueNames() {
        return table().getItems().stream().map(QueueRow::getName).toList();
    }

    /** The texts the table shows in the row of that queue (state badge, then counts), as rendered cells. */
    private List<String> shownRow(String queue) {
        Map<String, String> byColumn = new java.util.HashMap<>();
        for (Node n : table().lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> cell && cell.isVisible() && !cell.isEmpty()
                    && cell.getTableRow() != null && cell.getTableRow().isVisible()
                    && cell.getTableRow().getItem() instanceof QueueRow row && row.getName().equals(queue)
                    && cell.getTableColumn() != null) {
                byColumn.put(cell.getTableColumn().getId(), cell.getText());
            }
        }
        List<String> shown = new ArrayList<>();
        for (String column : COLUMNS) {
            shown.add(byColumn.get(column));
        }
        return shown;
    }
}
