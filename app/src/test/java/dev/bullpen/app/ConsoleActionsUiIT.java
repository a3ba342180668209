package dev.bullpen.app;

import static dev.bullpen.app.ConsoleRobot.await;
import static dev.bullpen.app.ConsoleRobot.fx;
import static dev.bullpen.app.ConsoleRobot.fxRun;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.RedisEndpoint;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeoutException;
import javafx.scene.Node;
import javafx.scene.control.ButtonBase;
import javafx.scene.control.Label;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export, duplicate and personal-data masking on the queue screen, headless (Monocle), against a
 * private redis-server; every effect is checked through the engine or in the written file.
 */
class ConsoleActionsUiIT extends ConsoleRedisUiTest {
    private static final Duration POLL = Duration.ofMillis(300);

    @TempDir
    Path dir;

    private void openConsole(PersonalDataMask mask) throws TimeoutException {
        console.open(new ConsoleSettings(RedisEndpoint.parse(redis.url()), prefix, POLL, false, Theme.LIGHT, null,
                mask));
    }

    /** Three failed jobs for customer{i}@example.com, oldest first. */
    private List<String> failedCustomers(JobQueue q) {
        return List.of(0, 1, 2).stream().map(i -> BullFixtures.failedJob(redis.port(), q,
                "{\"email\":\"customer" + i + "@example.com\",\"order\":\"o-" + i + "\"}", "card declined",
                List.of("Error: card declined"))).toList();
    }

    private Node dialogNode(String id) {
        return console.robot.lookup(id).query();
    }

    private void openExportDialog() throws Exception {
        console.click("#export");
        await("export dialog", () -> console.robot.lookup("#export-file").tryQuery().isPresent());
    }

    private void clickDialogButton(String text) {
        console.robot.clickOn(console.robot.lookup(".dialog-pane .button")
                .match(n -> text.equals(((ButtonBase) n).getText())).queryButton());
    }

    @Test
    void exportWritesTheSelectedJobsOrTheWholeStateMaskedThroughTheDialog() throws Exception {
        // given three failed jobs and the failed tab open
        JobQueue q = queue("crm");
        List<String> ids = failedCustomers(q);
        q.add(NewJob.of("{\"email\":\"waiting@example.com\"}"));
        openConsole(PersonalDataMask.DEFAULT);
        console.openQueueFromOverview("crm");
        console.selectState(4);
        await("failed listed", () -> console.rows().size() == 3);

        // when two rows are selected and exported as CSV
        console.clickCell("#job-table", ids.get(2));
        console.robot.press(javafx.scene.input.KeyCode.SHIFT);
        console.clickCell("#job-table", ids.get(1));
        console.robot.release(javafx.scene.input.KeyCode.SHIFT);
        openExportDialog();
        assertTrue(fx(() -> ((RadioButton) dialogNode("#export-selected")).isSelected()));
        assertEquals("The 2 selected jobs", fx(() -> ((RadioButton) dialogNode("#export-selected")).getText()));
        assertEquals("All 3 failed jobs", fx(() -> ((RadioButton) dialogNode("#export-state")).getText()));
        assertTrue(fx(() -> ((Label) dialogNode("#export-mask-note")).getText()).startsWith(
                "Personal fields (e-mail, names, addresses, phone numbers) are written as ***"));
        Path csv = dir.resolve("two.csv");
        fxRun(() -> ((TextField) dialogNode("#export-file")).setText(csv.toString()));
        clickDialogButton("Export");

        // then the file holds those two, masked, and the screen says where it went
        await("exported", () -> console.notificationText().startsWith("Exported 2 failed jobs to " + csv));
        assertTrue(console.notificationText().endsWith("; personal fields masked"), console.notificationText());
        List<String> lines = Files.readAllLines(csv);
        assertEquals(3, lines.size(), lines.toString());
        assertEquals("id,name,state,timestamp,processedOn,finishedOn,attemptsMade,failedReason,data", lines.get(0));
        assertTrue(lines.get(1).startsWith(ids.get(2) + ",__default__,failed,"), lines.get(1));
        assertTrue(lines.get(1).endsWith(",card declined,\"{\"\"email\"\":\"\"***\"\",\"\"order\"\":\"\"o-2\"\"}\""),
                lines.get(1));
        assertTrue(lines.get(2).startsWith(ids.get(1) + ","), lines.get(2));

        // when the whole state is exported as JSON (the file name follows the format)
        openExportDialog();
        fxRun(() -> ((TextField) dialogNode("#export-file")).setText(dir.resolve("all.csv").toString()));
        console.robot.clickOn(dialogNode("#export-state"));
        console.robot.clickOn(dialogNode("#export-json"));
        assertEquals(dir.resolve("all.json").toString(), fx(() -> ((TextField) dialogNode("#export-file")).getText()));
        clickDialogButton("Export");

        // then
        await("exported all", () -> console.notificationText().startsWith("Exported 3 failed jobs to "
                + dir.resolve("all.json")));
        JsonNode jobs = Json.parseStrict(Files.readString(dir.resolve("all.json")), "export");
        assertEquals(List.of(ids.get(2), ids.get(1), ids.get(0)), List.of(jobs.get(0).get("id").asText(),
                jobs.get(1).get("id").asText(), jobs.get(2).get("id").asText()));
        assertEquals("***", jobs.get(0).get("data").get("email").asText());
        assertEquals("Error: card declined", jobs.get(0).get("stacktrace").get(0).asText());
        assertEquals(List.of(), console.questions, "a new file: nothing to confirm");
    }

    @Test
    void exportAsksBeforeReplacingAFileAndRefusesAFolderThatIsNotThere() throws Exception {
        JobQueue q = queue("files");
        failedCustomers(q);
        Path existing = dir.resolve("old.csv");
        Files.writeString(existing, "old");
        openConsole(PersonalDataMask.DEFAULT);
        console.openQueueFromOverview("files");
        console.selectState(4);
        await("failed listed", () -> console.rows().size() == 3);
        openExportDialog();

        // when the folder does not exist, Export is disabled and says why
        fxRun(() -> ((TextField) dialogNode("#export-file")).setText(dir.resolve("nowhere/x.csv").toString()));
        assertTrue(fx(() -> ((Label) dialogNode("#export-error")).getText()).startsWith("The folder "));
        assertTrue(fx(() -> console.robot.lookup(".dialog-pane .button")
                .match(n -> "Export".equals(((ButtonBase) n).getText())).query().isDisabled()));

        // when an existing file is chosen
        fxRun(() -> ((TextField) dialogNode("#export-file")).setText(existing.toString()));
        clickDialogButton("Export");

        // then it asks, and replaces it
        await("replaced", () -> Files.readString(existing).startsWith("id,name,state"));
        assertEquals(List.of("Replace " + existing + "? It is replaced only when the export is complete."),
                console.questions);
        assertEquals(4, Files.readAllLines(existing).size());
    }

    @Test
    void duplicateAddsACopyWithANewIdThroughTheEngine() throws Exception {
        // given
        JobQueue q = queue("dups");
        String id = q.add(new NewJob("charge", "{\"cart\":7}", JobOptions.defaults().attempts(3).jobId("cart-7")));
        openConsole(PersonalDataMask.DEFAULT);
        console.openQueueFromOverview("dups");
        await("listed", () -> console.rows().size() == 1);

        // when
        console.clickCell("#job-table", id);
        console.click("#duplicate-selected");

        // then
        await("copied", () -> q.status().counts().waiting() == 2);
        JobSnapshot copy = q.jobs(JobState.WAITING, 0, 0).get(0);
        await("notice", () -> ("Duplicated 1 of 1 job: cart-7 as new job " + copy.id())
                .equals(console.notificationText()));
        assertEquals("charge", copy.name());
        assertEquals("{\"cart\":7}", copy.data().orElseThrow());
        assertEquals(3, Json.parseStrict(copy.field("opts").orElseThrow(), "opts").get("attempts").asInt());
        await("table follows", () -> console.rows().size() == 2);
        assertEquals(List.of(), console.questions, "adding a copy is not destructive: no question");
    }

    @Test
    void personalFieldsAreMaskedInDetailAndSearchUntilTheUserUnmasksAfterAQuestion() throws Exception {
        // given
        JobQueue q = queue("people");
        String id = q.add(NewJob.of("{\"customer\":{\"email\":\"alice@example.com\",\"plan\":\"gold\"}}"));
        openConsole(PersonalDataMask.DEFAULT);
        console.openQueueFromOverview("people");
        assertEquals("Personal data masked", console.text("#personal-data"));

        // when the job is shown
        console.clickCell("#job-table", id);

        // then the e-mail address is masked
        await("detail", () -> console.text("#detail-data-summary").endsWith("personal fields masked (***)")
                && console.detailComplete());
        assertEquals("email: \"***\"", fx(() -> console.tree().getRoot().getChildren().get(0).getChildren().get(0)
                .getValue()));

        // when searching for the address: nothing is found, as nothing shows it
        console.robot.clickOn(fx(() -> console.lookup("#search-field"))).write("alice@example");
        console.click("#search-button");
        await("searched", () -> console.text("#queue-status").startsWith("Searched for"));
        assertEquals(0, fx(() -> console.rows().size()));

        // when the user unmasks (and confirms)
        console.click("#personal-data");

        // then the detail shows it, and the same search finds the job
        await("unmasked", () -> "Personal data shown".equals(console.text("#personal-data")));
        assertEquals(1, console.questions.size());
        assertTrue(console.questions.get(0).startsWith("Show the personal fields of job data in people"),
                console.questions.get(0));
        console.click("#search-button");
        await("found", () -> console.rows().size() == 1);
        console.clickCell("#job-table", id);
        await("shown", () -> fx(() -> console.tree().getRoot() != null
                && "email: \"alice@example.com\"".equals(console.tree().getRoot().getChildren().get(0).getChildren()
                .get(0).getValue())));

        // when masked again (no question)
        console.click("#personal-data");
        await("masked again", () -> "email: \"***\"".equals(console.tree().getRoot().getChildren().get(0)
                .getChildren().get(0).getValue()));
        assertEquals(1, console.questions.size());
    }

    @Test
    void aConsoleStartedWithUnmaskShowsPersonalDataAndSaysSo() throws Exception {
        JobQueue q = queue("open");
        String id = q.add(NewJob.of("{\"email\":\"bob@example.com\"}"));
        openConsole(PersonalDataMask.NONE);

        assertTrue(fx(() -> console.stage().getTitle()).endsWith(" · unmasked"));
        console.openQueueFromOverview("open");
        console.clickCell("#job-table", id);
        await("shown", () -> console.tree().getRoot() != null
                && "email: \"bob@example.com\"".equals(console.tree().getRoot().getChildren().get(0).getValue()));
        assertEquals("Personal data shown", console.text("#personal-data"));
        assertTrue(fx(() -> console.lookup("#personal-data").isDisabled()));
    }

    @Test
    void cancellingAnExportLeavesNoFileAndSaysSo() throws Exception {
        // given 1,000 waiting jobs and the screen's actions, run on this thread
        JobQueue q = queue("big");
        List<NewJob> jobs = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            jobs.add(NewJob.of("{\"i\":" + i + "}"));
        }
        q.addBulk(jobs);
        Path file = dir.resolve("big.csv");
        try (var inspector = new dev.bullpen.monitor.QueueInspector(RedisEndpoint.parse(redis.url()), prefix)) {
            var actions = new dev.bullpen.app.queue.QueueActionsViewModel("big", inspector,
                    new dev.bullpen.app.fx.Background(Runnable::run, Runnable::run), false, () -> { });
            // the user clicks Cancel as soon as the first batch is reported
            actions.progressTextProperty().addListener((o, was, now) -> {
                if (now.startsWith("Exporting: ")) {
                    actions.cancel();
                }
            });

            // when
            actions.exportState(JobState.WAITING, dev.bullpen.monitor.JobExport.Format.CSV, file);

            // then
            assertEquals("Export cancelled after 100 jobs: nothing written to " + file,
                    actions.notices().get(0).text());
            assertFalse(Files.exists(file));
            try (var left = Files.list(dir)) {
                assertEquals(List.of(), left.toList(), "no temporary file left");
            }
            assertFalse(actions.isBusy());
        }
    }
}
