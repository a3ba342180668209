package dev.bullpen.app;

import static dev.bullpen.app.ConsoleRobot.await;
import static dev.bullpen.app.ConsoleRobot.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.queue.JobRow;
import dev.bullpen.app.queue.QueueActionsViewModel.Notice;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxRobot;

/**
 * The queue screen, headless (Monocle), against a private redis-server holding Bull queues made by
 * the engine (failed jobs moved as Bull's worker leaves them, see {@link BullFixtures}). Every
 * assertion about Redis goes through the engine.
 */
class ConsoleQueueUiIT extends ConsoleRedisUiTest {
    private static final Duration POLL = Duration.ofMillis(300);
    private static final long TIMEOUT_S = 20;

    private final FxRobot robot = console.robot;
    private final List<String> questions = console.questions;

    private void openConsole(boolean readOnly) throws TimeoutException {
        console.open(new ConsoleSettings(RedisEndpoint.parse(redis.url()), prefix, POLL, readOnly, Theme.LIGHT, null));
    }

    @Test
    void queueScreenShowsACountPerStateTabAndPagesThroughOneState() throws Exception {
        // given
        JobQueue orders = queue("orders");
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            jobs.add(NewJob.of("{\"order\":" + i + "}"));
        }
        List<String> ids = orders.addBulk(jobs);
        orders.add(new NewJob("later", "{}", JobOptions.defaults().delay(600_000)));
        orders.add(new NewJob("later", "{}", JobOptions.defaults().delay(600_000)));
        for (int i = 0; i < 3; i++) {
            BullFixtures.failedJob(redis.port(), orders, "{\"order\":\"f" + i + "\"}", "card declined",
                    List.of("Error: card declined\n    at charge (pay.js:10)"));
        }
        openConsole(false);

        // when
        console.openQueueFromOverview("orders");

        // then a tab per state with its count, and the first page of waiting jobs, newest first
        await("tab counts", () -> List.of("Waiting  120", "Active  0", "Delayed  2", "Completed  0", "Failed  3",
                "Paused  0").equals(console.tabTexts()));
        await("first page", () -> "1–50 of 120".equals(console.text("#page-text")));
        assertEquals(ids.get(119), fx(() -> console.rows().get(0).id()));
        assertEquals(50, fx(() -> console.rows().size()));

        // when
        robot.clickOn(fx(() -> console.lookup("#next-page")));
        await("second page", () -> "51–100 of 120".equals(console.text("#page-text")));
        assertEquals(ids.get(69), fx(() -> console.rows().get(0).id()));
        robot.clickOn(fx(() -> console.lookup("#next-page")));
        await("last page", () -> "101–120 of 120".equals(console.text("#page-text")));
        assertTrue(fx(() -> console.lookup("#next-page").isDisabled()));

        // when the page size changes, back to the first page
        fx(() -> {
            console.controller().getViewModel().pageSizeProperty().set(25);
            return null;
        });
        await("25 per page", () -> "1–25 of 120".equals(console.text("#page-text")));

        // when another state's tab is selected
        fx(() -> {
            console.stateTabs().getSelectionModel().select(4);
            return null;
        });
        await("failed page", () -> "1–3 of 3".equals(console.text("#page-text")));
        assertEquals("card declined", fx(() -> console.rows().get(0).failedReason()));
        assertFalse(fx(() -> console.rows().get(0).runTime()).equals("—"), "run time shown");
    }

    @Test
    void retryFromTheUiMovesTheFailedJobToWaiting() throws Exception {
        // given
        JobQueue mail = queue("mail");
        String failed = BullFixtures.failedJob(redis.port(), mail, "{\"to\":\"a@example.com\"}", "smtp timeout",
                List.of("Error: smtp timeout"));
        String other = BullFixtures.failedJob(redis.port(), mail, "{\"to\":\"b@example.com\"}", "smtp timeout",
                List.of("Error: smtp timeout"));
        openConsole(false);
        console.openQueueFromOverview("mail");
        fx(() -> {
            console.stateTabs().getSelectionModel().select(4);
            return null;
        });
        await("failed jobs listed", () -> console.rows().size() == 2);

        // when the user selects one job and clicks Retry
        console.clickCell("#job-table", failed);
        robot.clickOn(fx(() -> console.lookup("#retry-selected")));

        // then the engine sees it waiting, the other stays failed, and the screen follows
        await("job moved", () -> "waiting".equals(mail.detail(failed).orElseThrow().state()));
        assertEquals("failed", mail.detail(other).orElseThrow().state());
        await("notice", () -> "Retried 1 of 1 job".equals(console.notificationText()));
        await("counts follow", () -> console.tabTexts().get(0).equals("Waiting  1") && console.tabTexts().get(4).equals("Failed  1"));

        // when the other is retried with the keyboard (R on the table)
        console.clickCell("#job-table", other);
        robot.type(KeyCode.R);
        await("second job moved", () -> "waiting".equals(mail.detail(other).orElseThrow().state()));
    }

    @Test
    void at1280x800EveryJobColumnIsReadableAndReachableBesideTheJobDetail() throws Exception {
        // given a failed job, and its queue open at the default size with the sidebar open
        JobQueue mail = queue("mail");
        BullFixtures.failedJob(redis.port(), mail, "{\"to\":\"a@example.com\"}", "smtp timeout",
                List.of("Error: smtp timeout"));
        openConsole(false);
        fx(() -> {
            console.stage().setWidth(1280);
            console.stage().setHeight(800);
            return null;
        });
        console.openQueueFromOverview("mail");
        console.selectState(4);
        await("failed job listed", () -> console.rows().size() == 1);
        await("window at 1280", () -> console.stage().getScene().getWidth() == 1280);

        // then no column is squeezed under its minimum width or has its title cut, and the last one is in sight
        // or a scroll away (the job detail keeps a readable width beside the table)
        assertEquals(List.of(), fx(() -> TableSight.squeezedColumns(jobTable())));
        assertEquals(List.of(), fx(() -> TableSight.truncatedHeaders(jobTable())));
        try {
            await("failed reason in sight", () -> TableSight.scrolledToTheRightEnd(jobTable())
                    && !TableSight.columnsOutOfSight(jobTable()).contains("Reason"));
        } catch (TimeoutException e) {
            throw new AssertionError(e.getMessage() + ": " + fx(() -> TableSight.describe(jobTable())), e);
        }

        // when the window is narrower still, a scroll bar shows and no column is squeezed
        fx(() -> {
            console.stage().setWidth(1000);
            return null;
        });
        await("horizontal scroll bar", () -> TableSight.horizontalScrollBarShown(jobTable()));
        assertEquals(List.of(), fx(() -> TableSight.squeezedColumns(jobTable())));
        await("failed reason in sight after scrolling",
                () -> TableSight.scrolledToTheRightEnd(jobTable()) && !TableSight.columnsOutOfSight(jobTable())
                        .contains("Reason"));
    }

    private TableView<?> jobTable() {
        return (TableView<?>) console.lookup("#job-table");
    }

    @Test
    void removeAsksFirstAndRemovesTheSelectedJob() throws Exception {
        // given
        JobQueue q = queue("cleanup");
        String id = q.add(NewJob.of("{\"x\":1}"));
        openConsole(false);
        console.openQueueFromOverview("cleanup");
        await("listed", () -> console.rows().size() == 1);

        // when
        console.clickCell("#job-table", id);
        robot.type(KeyCode.DELETE);

        // then
        await("removed", () -> q.job(id).isEmpty());
        assertEquals(1, questions.size());
        assertTrue(questions.get(0).startsWith("Remove job " + id + " from cleanup?"), questions.get(0));
    }

    @Test
    void searchFindsAJobByAValueInItsDataAcrossSeveralBatches() throws Exception {
        // given 1,200 waiting jobs (three search batches), one of them for customer c-0777
        JobQueue rewards = queue("rewards");
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 1200; i++) {
            jobs.add(NewJob.of(String.format("{\"customer\":\"c-%04d\",\"points\":%d}", i, i % 50)));
        }
        List<String> ids = rewards.addBulk(jobs);
        openConsole(false);
        console.openQueueFromOverview("rewards");
        await("first page", () -> "1–50 of 1,200".equals(console.text("#page-text")));

        // when Ctrl+F is pressed on the table and the text typed
        console.clickCell("#job-table", ids.get(1199));
        robot.press(KeyCode.CONTROL).type(KeyCode.F).release(KeyCode.CONTROL);
        await("search field focused", () -> console.lookup("#search-field").isFocused());
        robot.write("C-0777");
        robot.clickOn(fx(() -> console.lookup("#search-button")));

        // then exactly that job, found case-insensitively, and the search says what it scanned
        await("search done", () -> console.text("#queue-status").startsWith("Searched for"));
        assertEquals(List.of(ids.get(777)), fx(() -> console.rows().stream().map(JobRow::id).toList()));
        assertEquals("Searched for \"C-0777\" in 1,200 waiting jobs: 1 found", console.text("#queue-status"));

        // when finding by id
        robot.clickOn(fx(() -> console.lookup("#find-field"))).write(ids.get(5));
        robot.clickOn(fx(() -> console.lookup("#find-button")));
        await("found", () -> console.rows().size() == 1 && console.rows().get(0).id().equals(ids.get(5)));
        assertEquals("Job " + ids.get(5) + " is waiting", console.text("#queue-status"));
    }

    @Test
    void aSearchMatchingTooManyJobsStopsAtTheFirst5000() throws Exception {
        // given 12,000 waiting jobs that all match
        JobQueue q = queue("flood");
        List<NewJob> jobs = new ArrayList<>();
        for (int i = 0; i < 12_000; i++) {
            jobs.add(NewJob.of("{\"kind\":\"spam\"}"));
        }
        q.addBulk(jobs);
        openConsole(false);
        console.openQueueFromOverview("flood");

        // when
        robot.clickOn(fx(() -> console.lookup("#search-field"))).write("spam");
        robot.clickOn(fx(() -> console.lookup("#search-button")));

        // then it stops early, with exactly 5,000 rows and a hint
        await("search stopped", () -> console.text("#queue-status").startsWith("At least 5,000 waiting jobs match"));
        assertEquals(5_000, fx(() -> console.rows().size()));
        assertEquals("first 5,000 shown", console.text("#page-text"));
        assertTrue(console.text("#queue-status").endsWith("the first 5,000 are shown; search for a longer text"));
        assertFalse(console.text("#queue-status").contains("12,000 scanned"), console.text("#queue-status"));
    }

    @Test
    void jobDetailShowsDataTreeErrorsNewestFirstTimelineAndRawDataOfOtherClients() throws Exception {
        // given
        JobQueue pay = queue("payments");
        String id = BullFixtures.failedJob(redis.port(), pay, "{\"cart\":{\"id\":7,\"items\":[1,2,3]}}",
                "card declined", List.of("Error: first attempt", "Error: second attempt"));
        String raw = pay.add(NewJob.of("{}"));
        BullFixtures.rawData(redis.port(), pay, raw, "not json <xml/>");
        openConsole(false);
        console.openQueueFromOverview("payments");
        fx(() -> {
            console.stateTabs().getSelectionModel().select(4);
            return null;
        });
        await("listed", () -> console.rows().size() == 1);

        // when
        console.clickCell("#job-table", id);

        // then
        await("detail", () -> ("Job " + id + " · __default__").equals(console.text("#detail-title"))
                && console.detailComplete());
        // the screen and the detail joined part by part (decision 0020): the split keeps its 0.6 divider
        assertEquals(0.6, fx(() -> ((javafx.scene.control.SplitPane) console.lookup(".queue-split"))
                .getDividerPositions()[0]), 0.01);
        assertEquals("failed", console.text("#detail-state"));
        assertEquals("card declined", console.text("#detail-failed-reason"));
        String traces = fx(() -> ((TextArea) console.lookup("#detail-stacktraces")).getText());
        assertTrue(traces.indexOf("second attempt") < traces.indexOf("first attempt"), traces);
        assertEquals("↳ ran 1.5 s", console.text("#detail-run"));
        assertEquals("data: {1}", fx(() -> console.tree().getRoot().getValue()));
        assertEquals("cart: {2}", fx(() -> console.tree().getRoot().getChildren().get(0).getValue()));

        // when copied as JSON
        robot.clickOn(fx(() -> console.lookup("#copy-json")));

        // then the clipboard holds the job as 'jobs show --json' prints it
        String copied = fx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString());
        assertTrue(copied.contains("\"id\" : \"" + id + "\"") && copied.contains("\"state\" : \"failed\"")
                && copied.contains("\"failedReason\" : \"card declined\""), copied);

        // when the job written by another client is found by id
        robot.clickOn(fx(() -> console.lookup("#find-field"))).write(raw);
        robot.clickOn(fx(() -> console.lookup("#find-button")));
        await("found", () -> console.rows().size() == 1 && console.rows().get(0).id().equals(raw));
        console.clickCell("#job-table", raw);

        // then its data is shown as stored
        await("raw data", () -> "not json <xml/>".equals(((TextArea) console.lookup("#detail-data-raw")).getText())
                && console.lookup("#detail-data-raw").isVisible());
        assertFalse(fx(() -> console.tree().isVisible()));
    }

    @Test
    void aLargePayloadIsCutUntilShowAllIsClicked() throws Exception {
        // given a job whose data is an array of 5,000 numbers
        StringBuilder big = new StringBuilder("{\"rows\":[");
        for (int i = 0; i < 5_000; i++) {
            big.append(i == 0 ? "" : ",").append(i);
        }
        String id = queue("import").add(NewJob.of(big.append("]}").toString()));
        openConsole(false);
        console.openQueueFromOverview("import");

        // when
        console.clickCell("#job-table", id);

        // then only the first values are in the tree, with a way to see all
        await("detail", () -> console.lookup("#show-all-data").isVisible()
                && console.detailComplete());
        assertTrue(console.text("#detail-data-summary").endsWith("first 300 values shown"), console.text("#detail-data-summary"));
        // (300 values: the root, "rows" and its first 298 elements, then a line for the rest)
        assertEquals(299, fx(() -> console.tree().getRoot().getChildren().get(0).getChildren().size()));
        assertEquals("… 4702 more", fx(() -> console.tree().getRoot().getChildren().get(0).getChildren().get(298).getValue()));

        // when
        robot.clickOn(fx(() -> console.lookup("#show-all-data")));

        // then
        await("all shown", () -> console.tree().getRoot().getChildren().get(0).getChildren().size() == 5_000);
        assertFalse(fx(() -> console.lookup("#show-all-data").isVisible()));
    }

    @Test
    void readOnlyModeDisablesAndRefusesEveryAction() throws Exception {
        // given
        JobQueue q = queue("audit");
        String failed = BullFixtures.failedJob(redis.port(), q, "{}", "boom", List.of("Error: boom"));
        String delayed = q.add(new NewJob(null, "{}", JobOptions.defaults().delay(600_000)));
        String waiting = q.add(NewJob.of("{}"));
        openConsole(true);

        // then the window says so
        assertTrue(fx(() -> console.stage().getTitle()).endsWith(" · read-only"), fx(() -> console.stage().getTitle()));
        assertTrue(fx(() -> console.lookup("#read-only").isVisible()));

        // when
        console.openQueueFromOverview("audit");
        await("counts", () -> console.tabTexts().get(4).equals("Failed  1"));

        // then every action button is disabled
        for (String button : List.of("#pause-queue", "#add-job", "#retry-selected", "#promote-selected",
                "#remove-selected", "#duplicate-selected", "#retry-all", "#promote-all", "#clean", "#personal-data")) {
            assertTrue(fx(() -> console.lookup(button).isDisabled()), button + " disabled");
        }
        assertFalse(fx(() -> console.lookup("#export").isDisabled()), "export reads only: allowed");

        // when actions are asked for anyway (shortcuts, or a bug enabling a button)
        var actions = fx(() -> console.controller().getActions());
        fx(() -> {
            actions.retry(List.of(failed));
            actions.promote(List.of(delayed));
            actions.remove(List.of(waiting));
            actions.retryAllFailed();
            actions.promoteAllDelayed();
            actions.clean(JobState.FAILED, Duration.ZERO);
            actions.pause();
            actions.addJob("x", "{}", "{}");
            actions.duplicate(List.of(waiting));
            actions.unmask();
            return null;
        });
        console.clickCell("#job-table", waiting);
        robot.type(KeyCode.DELETE);
        robot.type(KeyCode.R);

        // then each is refused with a clear message and Redis is unchanged
        List<String> notices = fx(() -> actions.notices().stream().map(Notice::text).toList());
        assertEquals(12, notices.size(), notices.toString());
        assertTrue(notices.stream().allMatch(n -> n.startsWith("Read-only mode: ")), notices.toString());
        assertEquals("failed", q.detail(failed).orElseThrow().state());
        assertEquals("delayed", q.detail(delayed).orElseThrow().state());
        assertEquals("waiting", q.detail(waiting).orElseThrow().state());
        assertFalse(q.isPaused());
        assertEquals(3, q.status().counts().total());
        assertFalse(fx(() -> console.controller().getActions().masking().isUnmasked()));
        assertTrue(questions.isEmpty(), "nothing to confirm in read-only mode");
    }

    @Test
    void redisTabShowsTheServerAndWarnsWhenItMayEvictQueueKeys() throws Exception {
        // given a Redis that may evict keys
        try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
            jedis.configSet("maxmemory-policy", "allkeys-lru");
        }
        try {
            openConsole(false);

            // when
            fx(() -> {
                TabPane main = (TabPane) console.stage().getScene().lookup("#main-tabs");
                main.getSelectionModel().select(1);
                return null;
            });

            // then
            await("INFO read", () -> !"—".equals(console.text("#redis-version")));
            String version;
            try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
                version = jedis.info("server").lines().filter(l -> l.startsWith("redis_version:"))
                        .findFirst().orElseThrow().substring("redis_version:".length()).trim();
            }
            assertEquals(version, console.text("#redis-version"));
            assertEquals("allkeys-lru", console.text("#redis-eviction-policy"));
            assertTrue(fx(() -> console.lookup("#redis-eviction-warning").isVisible()));
            assertTrue(console.text("#redis-eviction-warning").startsWith("Eviction policy is allkeys-lru"));
            assertTrue(console.text("#redis-mode").startsWith("standalone"), console.text("#redis-mode"));
        } finally {
            try (redis.clients.jedis.Jedis jedis = new redis.clients.jedis.Jedis("127.0.0.1", redis.port())) {
                jedis.configSet("maxmemory-policy", "noeviction");
            }
        }
    }

    @Test
    void addJobValidatesInlineAndAddsThroughTheEngine() throws Exception {
        // given
        JobQueue q = queue("intake");
        q.add(NewJob.of("{}"));
        openConsole(false);
        console.openQueueFromOverview("intake");
        await("listed", () -> console.rows().size() == 1);

        // when the dialog gets invalid data
        robot.clickOn(fx(() -> console.lookup("#add-job")));
        await("dialog", () -> robot.lookup("#add-job-data").tryQuery().isPresent());
        TextArea data = robot.lookup("#add-job-data").queryAs(TextArea.class);
        fx(() -> {
            data.setText("{\"sku\": 12,\n \"qty\": }");
            return null;
        });

        // then the error names line and column, and Add is disabled
        Label error = robot.lookup("#add-job-error").queryAs(Label.class);
        assertTrue(fx(error::getText).startsWith("invalid JSON in data at line 2, column"), fx(error::getText));
        Node add = robot.lookup(".dialog-pane .button").match(n -> "Add".equals(((ButtonBase) n).getText())).query();
        assertTrue(fx(add::isDisabled));

        // when it is fixed and added
        fx(() -> {
            data.setText("{\"sku\": 12, \"qty\": 3}");
            return null;
        });
        assertFalse(fx(add::isDisabled));
        robot.clickOn(add);

        // then the job is in Redis, and the screen follows
        await("added", () -> q.status().counts().waiting() == 2);
        assertTrue(q.jobs(JobState.WAITING, 0, 0).get(0).data().orElseThrow().contains("\"qty\": 3"));
        await("notice", () -> console.notificationText().startsWith("Added job "));
        await("counts", () -> console.tabTexts().get(0).equals("Waiting  2"));
    }

    @Test
    void retryAllFailedAsksFirstThenMovesEveryFailedJob() throws Exception {
        // given
        JobQueue q = queue("bulk");
        for (int i = 0; i < 7; i++) {
            BullFixtures.failedJob(redis.port(), q, "{}", "boom", List.of("Error: boom"));
        }
        openConsole(false);
        console.openQueueFromOverview("bulk");
        await("counts", () -> console.tabTexts().get(4).equals("Failed  7"));

        // when
        robot.clickOn(fx(() -> console.lookup("#retry-all")));

        // then
        await("all retried", () -> q.status().counts().failed() == 0 && q.status().counts().waiting() == 7);
        assertEquals(List.of("Retry all 7 failed jobs of bulk? They move back to waiting in batches."), questions);
        await("notice", () -> "Retried 7 failed jobs".equals(console.notificationText()));
    }

    @Test
    void promotePauseResumeAndCleanGoThroughTheEngine() throws Exception {
        // given
        JobQueue q = queue("ops");
        String delayed = q.add(new NewJob("later", "{}", JobOptions.defaults().delay(600_000)));
        for (int i = 0; i < 3; i++) {
            BullFixtures.failedJob(redis.port(), q, "{}", "boom", List.of("Error: boom"));
        }
        openConsole(false);
        console.openQueueFromOverview("ops");
        fx(() -> {
            console.stateTabs().getSelectionModel().select(2);
            return null;
        });

        // when the delayed job is promoted
        console.clickCell("#job-table", delayed);
        robot.clickOn(fx(() -> console.lookup("#promote-selected")));

        // then
        await("promoted", () -> "waiting".equals(q.detail(delayed).orElseThrow().state()));

        // when the queue is paused, then resumed
        robot.clickOn(fx(() -> console.lookup("#pause-queue")));
        await("paused", q::isPaused);
        await("badge", () -> console.lookup("#queue-paused").isVisible() && "Resume".equals(console.text("#pause-queue")));
        robot.clickOn(fx(() -> console.lookup("#pause-queue")));
        await("resumed", () -> !q.isPaused());

        // when every failed job is cleaned
        fx(() -> {
            ((javafx.scene.control.MenuButton) console.lookup("#clean")).getItems().stream()
                    .filter(i -> "clean-failed-0".equals(i.getId())).findFirst().orElseThrow().fire();
            return null;
        });

        // then
        await("cleaned", () -> q.status().counts().failed() == 0);
        await("notice", () -> "Cleaned 3 failed jobs".equals(console.notificationText()));
        assertEquals(List.of("Pause ops? Workers of every process stop taking new jobs until it is resumed.",
                "Delete all failed jobs of ops? This cannot be undone."), questions);
    }

    @Test
    void darkThemeIsAViewMenuToggle() throws Exception {
        openConsole(false);
        assertEquals(1, fx(() -> console.stage().getScene().getStylesheets().size()));

        fx(() -> {
            ((javafx.scene.control.CheckMenuItem) ((javafx.scene.control.MenuBar) console.stage().getScene()
                    .lookup(".app-menu-bar")).getMenus().stream().flatMap(m -> m.getItems().stream())
                    .filter(i -> "dark-theme".equals(i.getId())).findFirst().orElseThrow()).setSelected(true);
            return null;
        });

        List<String> sheets = fx(() -> List.copyOf(console.stage().getScene().getStylesheets()));
        assertEquals(2, sheets.size());
        assertTrue(sheets.get(1).endsWith("/css/theme-dark.css"), sheets.toString());
    }
}
