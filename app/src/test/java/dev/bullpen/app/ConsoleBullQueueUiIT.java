package dev.bullpen.app;

import static dev.bullpen.app.ConsoleRobot.await;
import static dev.bullpen.app.ConsoleRobot.fx;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.app.overview.QueueRow;
import dev.bullpen.app.queue.JobRow;
import dev.bullpen.app.queue.QueueActionsViewModel;
import dev.bullpen.app.queue.QueueActionsViewModel.Notice;
import dev.bullpen.interop.BullNode;
import dev.bullpen.monitor.JobExport;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console on a queue that real Node Bull 4.16.5 made ({@code interop/bull-tool.js}): jobs added
 * with {@code queue.add}, worked by a Bull worker (two fail, with Bull's own stack traces, progress
 * and log lines). Every check of Redis goes through Node Bull. Needs {@code node}; see BullNode.
 */
class ConsoleBullQueueUiIT extends ConsoleRedisUiTest {
    private static final Duration POLL = Duration.ofMillis(300);

    private BullNode bull;
    @TempDir
    Path dir;

    /** Bull's ids of the jobs a made-by-Bull queue holds. */
    private record BullQueue(List<String> failed, List<String> completed, List<String> waiting, String delayed) {
    }

    /**
     * Four signups added by Bull and worked by a Bull worker (the 1st and 3rd fail), then three more
     * waiting and one delayed: 3 waiting, 1 delayed, 2 completed, 2 failed.
     */
    private BullQueue madeByBull(String queue) {
        bull = new BullNode(redis.url(), prefix);
        List<String> worked = add(queue, 1, 4, null);
        ObjectNode process = bull.args(queue);
        process.put("count", 4);
        process.put("report", true);
        process.putArray("failIds").add(worked.get(0)).add(worked.get(2));
        bull.run("process", process);
        List<String> waiting = add(queue, 5, 7, null);
        String delayed = add(queue, 8, 8, 600_000L).get(0);
        return new BullQueue(List.of(worked.get(0), worked.get(2)), List.of(worked.get(1), worked.get(3)), waiting,
                delayed);
    }

    private List<String> add(String queue, int from, int to, Long delay) {
        ObjectNode args = bull.args(queue);
        ArrayNode jobs = args.putArray("jobs");
        for (int i = from; i <= to; i++) {
            ObjectNode job = jobs.addObject();
            job.put("name", "signup");
            job.putObject("data").put("email", "user" + i + "@example.com").put("plan", i % 2 == 0 ? "gold" : "basic")
                    .put("ref", "ref-" + (100 + i));
            ObjectNode opts = job.putObject("opts").put("attempts", 1);
            if (delay != null) {
                opts.put("delay", delay);
            }
        }
        List<String> ids = new ArrayList<>();
        bull.run("add", args).get("ids").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private JsonNode bullCounts(String queue) {
        return bull.run("dump", bull.args(queue)).get("counts");
    }

    private String bullState(String queue, String id) {
        ObjectNode args = bull.args(queue);
        args.put("id", id);
        return bull.run("getState", args).get("state").asText();
    }

    private void openConsole(boolean readOnly) throws TimeoutException {
        console.open(new ConsoleSettings(RedisEndpoint.parse(redis.url()), prefix, POLL, readOnly, Theme.LIGHT, null));
    }

    @SuppressWarnings("unchecked")
    private QueueRow overviewRow(String queue) {
        return ((TableView<QueueRow>) console.stage().getScene().lookup("#queue-table")).getItems().stream()
                .filter(r -> r.getName().equals(queue)).findFirst().orElse(null);
    }

    @Test
    void countsDetailSearchRetryAndDuplicateOnAQueueMadeByNodeBull() throws Exception {
        // given
        BullQueue made = madeByBull("signups");
        JsonNode counts = bullCounts("signups");
        QueueCounts expected = new QueueCounts(counts.get("waiting").asLong(), counts.get("active").asLong(),
                counts.get("delayed").asLong(), counts.get("completed").asLong(), counts.get("failed").asLong(),
                counts.get("paused").asLong());
        assertEquals(new QueueCounts(3, 0, 1, 2, 2, 0), expected, "what Bull itself counts");

        // when
        openConsole(false);

        // then the overview counts what Bull counts
        await("overview row", () -> overviewRow("signups") != null && expected.equals(overviewRow("signups").counts()));

        // when the queue is opened on its failed jobs
        console.openQueueFromOverview("signups");
        await("tab counts", () -> List.of("Waiting  3", "Active  0", "Delayed  1", "Completed  2", "Failed  2",
                "Paused  0").equals(console.tabTexts()));
        console.selectState(4);
        await("failed listed", () -> console.rows().size() == 2);
        assertEquals(List.of(made.failed().get(1), made.failed().get(0)),
                fx(() -> console.rows().stream().map(JobRow::id).toList()), "Bull's order: latest finished first");

        // then a job Bull failed shows Bull's reason, stack trace, progress and log, its e-mail masked
        String failed = made.failed().get(0);
        console.clickCell("#job-table", failed);
        await("detail", () -> ("Job " + failed + " · signup").equals(console.text("#detail-title"))
                && console.detailComplete());
        assertEquals("failed", console.text("#detail-state"));
        assertEquals("failed by bull-tool: " + failed, console.text("#detail-failed-reason"));
        assertTrue(fx(() -> ((TextArea) console.lookup("#detail-stacktraces")).getText())
                .startsWith("Error: failed by bull-tool: " + failed), "Node's stack trace");
        assertEquals("Progress: {\"step\":1,\"of\":4}", console.text("#detail-progress"));
        assertEquals(List.of("handled " + failed), fx(() -> List.copyOf(
                ((javafx.scene.control.ListView<?>) console.lookup("#detail-logs")).getItems())));
        assertEquals("data: {3}", fx(() -> console.tree().getRoot().getValue()));
        assertEquals("email: \"***\"", fx(() -> console.tree().getRoot().getChildren().get(0).getValue()));

        // when searching the waiting jobs for a value of their data
        console.selectState(0);
        await("waiting listed", () -> console.rows().size() == 3);
        console.robot.clickOn(fx(() -> console.lookup("#search-field"))).write("REF-106");
        console.click("#search-button");

        // then exactly that job is found
        await("search done", () -> console.text("#queue-status").startsWith("Searched for"));
        assertEquals(List.of(made.waiting().get(1)), fx(() -> console.rows().stream().map(JobRow::id).toList()));

        // when the failed job is retried from the screen
        console.click("#show-page");
        console.selectState(4);
        await("failed listed again", () -> console.rows().size() == 2);
        console.clickCell("#job-table", failed);
        console.click("#retry-selected");

        // then Bull sees it waiting, and a Bull worker completes it
        await("Bull sees it waiting", () -> "waiting".equals(bullState("signups", failed)));
        ObjectNode work = bull.args("signups");
        work.put("count", 4);
        JsonNode finished = bull.run("process", work).get("finished");
        assertTrue(finished.toString().contains("{\"id\":\"" + failed + "\",\"result\":\"completed\"}"),
                finished.toString());
        assertEquals("completed", bullState("signups", failed));
        await("counts follow", () -> console.tabTexts().get(3).equals("Completed  6")
                && console.tabTexts().get(4).equals("Failed  1"));

        // when a job Bull completed is duplicated from the screen
        console.selectState(3);
        await("completed listed", () -> console.rows().size() == 6);
        String original = made.completed().get(0);
        console.clickCell("#job-table", original);
        console.click("#duplicate-selected");

        // then Bull reads a new waiting job with the same name, data and options
        await("duplicated", () -> console.notificationText().startsWith("Duplicated 1 of 1 job: " + original
                + " as new job "));
        String copy = console.notificationText().substring(console.notificationText().lastIndexOf(' ') + 1);
        ObjectNode get = bull.args("signups");
        JsonNode orig = bull.run("getJob", get.put("id", original)).get("job").get("json");
        JsonNode dup = bull.run("getJob", bull.args("signups").put("id", copy)).get("job").get("json");
        assertEquals("signup", dup.get("name").asText());
        assertEquals(orig.get("data"), dup.get("data"));
        assertEquals(orig.get("opts").get("attempts"), dup.get("opts").get("attempts"));
        assertFalse(copy.equals(original));
        assertEquals("waiting", bullState("signups", copy));
    }

    @Test
    void readOnlyRefusesEveryActionOnANodeBullQueueAndStillExportsMasked() throws Exception {
        // given
        BullQueue made = madeByBull("audit");
        JsonNode before = bull.run("dump", bull.args("audit"));
        openConsole(true);
        console.openQueueFromOverview("audit");
        console.selectState(4);
        await("failed listed", () -> console.rows().size() == 2);

        // then every action is disabled, Export is not
        for (String button : List.of("#pause-queue", "#add-job", "#retry-selected", "#promote-selected",
                "#remove-selected", "#duplicate-selected", "#retry-all", "#promote-all", "#clean", "#personal-data")) {
            assertTrue(fx(() -> console.lookup(button).isDisabled()), button + " disabled");
        }
        assertFalse(fx(() -> console.lookup("#export").isDisabled()));

        // when every action is asked for anyway, and the failed jobs are exported
        QueueActionsViewModel actions = fx(() -> console.controller().getActions());
        Path file = dir.resolve("audit-failed.json");
        ConsoleRobot.fxRun(() -> {
            actions.retry(made.failed());
            actions.promote(List.of(made.delayed()));
            actions.remove(made.waiting());
            actions.duplicate(made.completed());
            actions.retryAllFailed();
            actions.promoteAllDelayed();
            actions.clean(JobState.COMPLETED, Duration.ZERO);
            actions.pause();
            actions.addJob("x", "{}", "{}");
            actions.unmask();
            actions.exportState(JobState.FAILED, JobExport.Format.JSON, file);
        });

        // then each action is refused, Bull sees exactly what it saw before, and the export is masked
        await("exported", () -> actions.notices().stream().anyMatch(n -> n.text().startsWith("Exported 2 failed")));
        List<String> notices = fx(() -> actions.notices().stream().map(Notice::text).toList());
        assertEquals(11, notices.size(), notices.toString());
        assertTrue(notices.subList(0, 10).stream().allMatch(n -> n.startsWith("Read-only mode: ")), notices.toString());
        JsonNode after = bull.run("dump", bull.args("audit"));
        assertEquals(before.get("counts"), after.get("counts"));
        assertEquals(before.get("raw"), after.get("raw"));
        assertEquals(before.get("paused"), after.get("paused"));
        JsonNode exported = Json.parseStrict(Files.readString(file), "export");
        assertEquals(2, exported.size());
        assertEquals("***", exported.get(0).get("data").get("email").asText());
        assertEquals("failed by bull-tool: " + made.failed().get(1), exported.get(0).get("failedReason").asText());
    }
}
