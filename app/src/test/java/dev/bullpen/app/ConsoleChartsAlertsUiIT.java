package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.app.alerts.Alert;
import dev.bullpen.app.alerts.AlertsViewModel;
import dev.bullpen.app.alerts.DesktopNotifier;
import dev.bullpen.app.overview.QueueRow;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.worker.Worker;
import dev.bullpen.worker.WorkerOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.text.Text;
import javafx.stage.PopupWindow;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import redis.clients.jedis.Jedis;

/**
 * The Charts and Alerts tabs, headless (Monocle), against a private redis-server: finished jobs
 * written in Bull's shape with known finish times, Bull's metrics keys, waiting jobs made by the
 * engine, a real worker that drains them, and Redis killed and restarted. Alert thresholds are saved
 * in a temporary settings directory.
 */
class ConsoleChartsAlertsUiIT {
    private static final Duration POLL = Duration.ofMillis(300);
    private static final long TIMEOUT_S = 20;
    private static final long MINUTE = 60_000;
    private static final AtomicInteger PREFIXES = new AtomicInteger();

    private static RedisServer redis;
    private static Path home;
    private static String homeBefore;
    private static String notificationsBefore;

    private final String prefix = "ca" + PREFIXES.incrementAndGet();
    private final FxRobot robot = new FxRobot();
    private AppWiring wiring;
    private Stage stage;
    private QueueConnection engine;

    @BeforeAll
    static void startRedisAndToolkit() throws Exception {
        redis = RedisServer.start();
        home = Files.createTempDirectory("bullpen-home");
        homeBefore = System.getProperty("bullpen.home");
        System.setProperty("bullpen.home", home.toString());
        notificationsBefore = System.getProperty(DesktopNotifier.ENABLED_PROPERTY);
        System.setProperty(DesktopNotifier.ENABLED_PROPERTY, "true"); // the other console ITs turn them off
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
        restore("bullpen.home", homeBefore);
        restore(DesktopNotifier.ENABLED_PROPERTY, notificationsBefore);
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    @AfterEach
    void closeWindow() throws Exception {
        Files.deleteIfExists(home.resolve("alerts.json")); // every test starts from the runbook's defaults
        if (wiring != null) {
            wiring.close();
        }
        if (engine != null) {
            engine.close();
        }
        FxToolkit.cleanupStages();
    }

    private JobQueue queue(String name) {
        if (engine == null) {
            engine = QueueConnection.open(RedisEndpoint.parse(redis.url()), prefix);
        }
        return engine.queue(name);
    }

    private void openConsole(String url) throws TimeoutException {
        wiring = new AppWiring(new ConsoleSettings(RedisEndpoint.parse(url), prefix, POLL), Platform::runLater);
        stage = FxToolkit.setupStage(s -> wiring.show(s));
    }

    /** A job as Bull's moveToFinished leaves it: hash with its times, id in the zset scored by finishedOn. */
    private void finished(Jedis jedis, String queue, String state, String id, long created, long started, long done) {
        String key = prefix + ":" + queue + ":";
        jedis.hset(key + id, Map.of("name", "charge", "data", "{\"cart\":1}", "opts", "{}",
                "timestamp", Long.toString(created), "processedOn", Long.toString(started),
                "finishedOn", Long.toString(done)));
        jedis.zadd(key + state, done, id);
    }

    @Test
    void chartsShowExactThroughputTheCurrentRatePercentilesAndBullsMetrics() throws Exception {
        // given finished jobs at known times: complete minutes of the last hour, and one 3 s ago
        long now = System.currentTimeMillis();
        long minute = now - now % MINUTE;
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port())) {
            for (int i = 0; i < 3; i++) {
                long done = minute - 10 * MINUTE + 1_000 * i;
                finished(jedis, "orders", "completed", "c" + i, done - 350, done - 250, done);
            }
            for (int i = 0; i < 2; i++) {
                long done = minute - 30 * MINUTE + 5_000 * i;
                finished(jedis, "orders", "completed", "d" + i, done - 1_100, done - 1_000, done);
            }
            finished(jedis, "orders", "failed", "f1", minute - 5 * MINUTE, minute - 5 * MINUTE + 10, minute - 5 * MINUTE + 20);
            finished(jedis, "orders", "completed", "now", now - 3_400, now - 3_300, now - 3_000);
            // Bull's metrics, as a Queue opened with metrics.maxDataPoints keeps them
            jedis.hset(prefix + ":orders:metrics:completed", Map.of("count", "7", "prevTS", Long.toString(minute),
                    "prevCount", "5"));
            jedis.rpush(prefix + ":orders:metrics:completed:data", "2", "0", "3");
        }
        queue("orders").addBulk(List.of(NewJob.of("{}"), NewJob.of("{}"), NewJob.of("{}"), NewJob.of("{}")));
        openConsole(redis.url());

        // when the user opens the charts (Ctrl+2) of the queue
        await("overview read", () -> !wiring.overview().queues().isEmpty());
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        await("charts tab", () -> "charts-tab".equals(tabs().getSelectionModel().getSelectedItem().getId()));
        assertEquals("orders", fx(() -> ((ComboBox<?>) lookup("#charts-queue")).getValue()));

        // then the rate counts the last 60 s, the chart the finish times of the complete minutes
        await("rate shown", () -> "Last 60 s: 1 completed · 0 failed".equals(text("#charts-rate")));
        // the job of 3 s ago is in a complete minute only when a minute began since (the chart's own clock)
        long currentMinute = fx(() -> lastX(chart("#throughput-chart").getData().get(0))) + MINUTE;
        long completed = 5 + (now - 3_000 < currentMinute ? 1 : 0);
        assertEquals(List.of(completed, 1L), fx(() -> sums(chart("#throughput-chart"))));
        assertEquals(60, fx(() -> chart("#throughput-chart").getData().get(0).getData().size()));
        assertTrue(text("#throughput-caption").endsWith("from the finish times in Redis: " + completed
                + " completed · 1 failed"), text("#throughput-caption"));
        // wait 100 ms (c*, d*: 100 ms; now: 100 ms), run 100 ms x3 ... : nearest-rank over the 6 completed jobs
        assertEquals("100 ms", text("#wait-p50"));
        assertEquals("100 ms", text("#wait-max"));
        assertEquals("250 ms", text("#run-p50"));
        assertEquals("1.0 s", text("#run-max"));
        assertEquals("Counted by Bull: 7 completed · 0 failed · 3 data points kept", text("#metrics-caption"));
        assertEquals(List.of(5L, 0L), fx(() -> sums(chart("#metrics-chart"))));

        // and the depth chart fills from the polls
        await("depth sampled", () -> chart("#depth-chart").getData().get(0).getData().size() >= 2);
        assertEquals(4, fx(() -> lastY(chart("#depth-chart").getData().get(0))));

        // and the overview shows the last minute's counts and a sparkline
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT1).release(KeyCode.CONTROL);
        await("overview counts", () -> "1".equals(cell("completed-rate", "orders")));
        assertEquals("0", fx(() -> cell("failed-rate", "orders")));
        assertTrue(fx(() -> sparklineShown("orders")));
    }

    @Test
    void alertsAreRaisedNotifiedListedAndClearedWhenARealWorkerDrainsTheQueue() throws Exception {
        // given 101 waiting jobs and no worker: two of the runbook's rules hold
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 101; i++) {
            jobs.add(NewJob.of("{\"n\":" + i + "}"));
        }
        queue("mail").addBulk(jobs);
        openConsole(redis.url());

        // then the status bar says so, the Alerts tab lists them, and a desktop notification shows each
        await("two alerts", () -> "2 alerts".equals(text("#alert-status")));
        assertEquals(List.of("mail: 101 jobs waiting, more than 100", "mail: 101 jobs waiting and no worker connected"),
                fx(() -> wiring.alerts().active().stream().map(Alert::text).toList()));
        await("notification shown", () -> popupTexts().contains("mail: 101 jobs waiting, more than 100"));
        // a click on the notification shows the alerts
        robot.clickOn(fx(() -> popupNodeWithText("mail: 101 jobs waiting, more than 100")));
        await("alerts tab", () -> "alerts-tab".equals(tabs().getSelectionModel().getSelectedItem().getId()));
        assertEquals(2, fx(() -> ((TableView<?>) lookup("#alerts-active")).getItems().size()));

        // when a real worker connects and works the jobs
        try (RedisQueueConnection c = RedisQueueConnection.open(RedisEndpoint.parse(redis.url()), prefix);
             Worker worker = new Worker(c, "mail", job -> null, WorkerOptions.builder().concurrency(4)
                     .drainDelay(Duration.ofSeconds(1)).build())) {
            worker.start();

            // then both alerts clear, and the history keeps when they were raised and cleared
            await("alerts cleared", () -> "No alerts".equals(text("#alert-status")));
        }
        List<AlertsViewModel.HistoryEntry> history = fx(() -> List.copyOf(wiring.alerts().history()));
        assertEquals(2, history.size());
        assertTrue(history.stream().noneMatch(AlertsViewModel.HistoryEntry::isActive));
        assertTrue(history.stream().allMatch(h -> !h.clearedAt().isBefore(h.alert().raisedAt())));
        assertEquals(2, fx(() -> ((TableView<?>) lookup("#alert-history")).getItems().size()));
        assertEquals(2, fx(() -> wiring.alerts().notificationsShown()));

        // when the user lowers the waiting threshold in the rules dialog and saves, with 3 jobs waiting
        queue("mail").addBulk(List.of(NewJob.of("{}"), NewJob.of("{}"), NewJob.of("{}")));
        robot.clickOn(fx(() -> lookup("#alert-rules-edit")));
        await("rules dialog", () -> lookupAnywhere("#rule-waiting-threshold") != null);
        TextField threshold = fx(() -> (TextField) lookupAnywhere("#rule-waiting-threshold"));
        robot.doubleClickOn(threshold).eraseText(3).write("2");
        robot.clickOn(fx(() -> lookupAnywhere("#alert-rules-save")));
        await("dialog closed", () -> lookupAnywhere("#rule-waiting-threshold") == null);

        // then it holds at once, and the thresholds are in the settings directory
        await("lower threshold", () -> wiring.alerts().active().stream()
                .anyMatch(a -> a.text().equals("mail: 3 jobs waiting, more than 2")));
        await("saved", () -> text("#alert-settings-status").startsWith("Saved to "));
        assertTrue(text("#alert-rules-summary").startsWith("Rules: more than 2 jobs waiting · "));
        // and a click on the status bar's alert item shows the alerts (once the notifications are gone)
        robot.press(KeyCode.CONTROL).type(KeyCode.DIGIT2).release(KeyCode.CONTROL);
        await("charts tab", () -> "charts-tab".equals(tabs().getSelectionModel().getSelectedItem().getId()));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> fx(() -> popupTexts().isEmpty()));
        robot.clickOn(fx(() -> lookup("#alert-status")));
        await("alerts tab again", () -> "alerts-tab".equals(tabs().getSelectionModel().getSelectedItem().getId()));

        JsonNode saved = Json.MAPPER.readTree(Files.readString(home.resolve("alerts.json")));
        assertEquals(2, saved.path("rules").path("waiting").path("threshold").asLong(-1), saved.toString());
        assertEquals(10, saved.path("rules").path("failures").path("threshold").asLong(-1), saved.toString());
    }

    @Test
    void redisGoingAwayIsAnAlertUntilItAnswersAgain() throws Exception {
        try (RedisServer own = RedisServer.start()) {
            // given
            openConsole(own.url());
            await("connected", () -> text("#alert-status") != null && wiring.overview().getConnection()
                    == dev.bullpen.app.overview.OverviewViewModel.Connection.CONNECTED);

            // when Redis dies
            own.kill();

            // then
            String server = "127.0.0.1:" + own.port();
            await("unreachable alert", () -> text("#alert-status").startsWith("1 alert: cannot reach Redis at " + server));
            await("notification shown", () -> popupTexts().stream()
                    .anyMatch(t -> t.startsWith("cannot reach Redis at " + server)));

            // when it is back
            own.restart();

            // then
            await("cleared", () -> "No alerts".equals(text("#alert-status")));
            assertEquals(1, fx(() -> wiring.alerts().history().size()));
        }
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

    private Node lookup(String id) {
        return stage.getScene().lookup(id);
    }

    private String text(String id) throws Exception {
        return fx(() -> ((Label) lookup(id)).getText());
    }

    /** A node with that id in any showing window (dialogs too), or null. */
    private static Node lookupAnywhere(String id) {
        for (Window w : Window.getWindows()) {
            if (w.isShowing() && w.getScene() != null) {
                Node n = w.getScene().lookup(id);
                if (n != null) {
                    return n;
                }
            }
        }
        return null;
    }

    private TabPane tabs() {
        return (TabPane) lookup("#main-tabs");
    }

    @SuppressWarnings("unchecked")
    private LineChart<Number, Number> chart(String id) {
        return (LineChart<Number, Number>) lookup(id);
    }

    /** The sum of each series' y values, as the chart holds them. */
    private static List<Long> sums(LineChart<Number, Number> chart) {
        return chart.getData().stream()
                .map(s -> s.getData().stream().mapToLong(d -> d.getYValue().longValue()).sum()).toList();
    }

    private static long lastX(XYChart.Series<Number, Number> s) {
        return s.getData().get(s.getData().size() - 1).getXValue().longValue();
    }

    private static long lastY(XYChart.Series<Number, Number> s) {
        return s.getData().get(s.getData().size() - 1).getYValue().longValue();
    }

    /** The text a rendered overview cell shows for that queue and column. */
    private String cell(String column, String queue) {
        for (Node n : lookup("#queue-table").lookupAll(".table-cell")) {
            if (n instanceof TableCell<?, ?> c && !c.isEmpty() && c.getTableRow() != null
                    && c.getTableRow().getItem() instanceof QueueRow row && row.getName().equals(queue)
                    && c.getTableColumn() != null && column.equals(c.getTableColumn().getId())) {
                return c.getText();
            }
        }
        return null;
    }

    private boolean sparklineShown(String queue) {
        for (Node n : lookup("#queue-table").lookupAll(".sparkline-cell")) {
            if (n instanceof TableCell<?, ?> c && !c.isEmpty() && c.getTableRow().getItem() instanceof QueueRow row
                    && row.getName().equals(queue)) {
                return c.getGraphic() != null && c.getGraphic().lookup(".sparkline") != null;
            }
        }
        return false;
    }

    /** Every text shown in popup windows (ControlsFX notifications), line by line. */
    private static List<String> popupTexts() {
        List<String> out = new ArrayList<>();
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow && w.isShowing() && w.getScene() != null) {
                collect(w.getScene().getRoot(), out);
            }
        }
        return out;
    }

    /** The popup node showing exactly that text. */
    private static Node popupNodeWithText(String text) {
        for (Window w : Window.getWindows()) {
            if (w instanceof PopupWindow && w.isShowing() && w.getScene() != null) {
                for (Node n : w.getScene().getRoot().lookupAll(".label")) {
                    if (n instanceof Labeled l && text.equals(l.getText())) {
                        return n;
                    }
                }
            }
        }
        return null;
    }

    private static void collect(Node node, List<String> out) {
        String t = node instanceof Labeled l ? l.getText() : node instanceof Text x ? x.getText() : null;
        if (t != null) {
            out.addAll(List.of(t.split("\n")));
        }
        if (node instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> collect(c, out));
        }
    }
}
