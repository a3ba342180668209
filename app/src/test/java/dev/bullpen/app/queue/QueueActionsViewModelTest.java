package dev.bullpen.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.queue.QueueActionsViewModel.Level;
import dev.bullpen.app.queue.QueueActionsViewModel.Notice;
import dev.bullpen.monitor.JobExport;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Actions without a toolkit; the inspector points at a port where nothing listens, so an action that
 * reaches the engine fails at once (actions against a real Redis are in ConsoleQueueUiIT).
 */
class QueueActionsViewModelTest {
    private final QueueInspector nowhere = new QueueInspector(
            RedisEndpoint.parse("redis://127.0.0.1:" + RedisServer.freePort()), "bull");
    private final AtomicInteger refreshed = new AtomicInteger();

    @AfterEach
    void close() {
        nowhere.close();
    }

    private QueueActionsViewModel actions(boolean readOnly) {
        return new QueueActionsViewModel("orders", nowhere, new Background(Runnable::run, Runnable::run), readOnly,
                refreshed::incrementAndGet);
    }

    @Test
    void readOnlyRefusesEveryActionWithoutTouchingRedis() {
        QueueActionsViewModel inTest = actions(true);

        inTest.retry(List.of("1"));
        inTest.promote(List.of("2", "3"));
        inTest.remove(List.of("4"));
        inTest.retryAllFailed();
        inTest.promoteAllDelayed();
        inTest.clean(JobState.COMPLETED, Duration.ofHours(1));
        inTest.pause();
        inTest.resume();
        assertFalse(inTest.addJob("x", "{}", "{}"));
        inTest.duplicate(List.of("5", "6"));
        assertFalse(inTest.unmask());

        assertEquals(List.of(
                "Read-only mode: retry 1 job refused",
                "Read-only mode: promote 2 jobs refused",
                "Read-only mode: remove 1 job refused",
                "Read-only mode: retry all failed jobs refused",
                "Read-only mode: promote all delayed jobs refused",
                "Read-only mode: clean completed jobs older than 1 h 00 m refused",
                "Read-only mode: pause orders refused",
                "Read-only mode: resume orders refused",
                "Read-only mode: add a job refused",
                "Read-only mode: duplicate 2 jobs refused",
                "Read-only mode: unmasking personal data refused (start the console with --unmask to see it)"),
                inTest.notices().stream().map(Notice::text).toList());
        assertFalse(inTest.masking().isUnmasked());
        assertTrue(inTest.notices().stream().allMatch(n -> n.level() == Level.WARNING));
        assertEquals("Read-only mode: adding jobs is refused", inTest.getAddJobError());
        assertEquals(0, refreshed.get(), "nothing changed, nothing to refresh");
    }

    @Test
    void aFailedActionIsReportedAsOneSentenceAndTheScreenRefreshes() {
        QueueActionsViewModel inTest = actions(false);

        inTest.pause();

        Notice n = inTest.notices().get(0);
        assertEquals(Level.ERROR, n.level());
        assertTrue(n.text().startsWith("Pause orders failed: Redis is unreachable: cannot reach Redis at 127.0.0.1:"),
                n.text());
        assertFalse(inTest.isBusy());
        assertEquals(1, refreshed.get());
    }

    @Test
    void nothingSelectedSaysWhatToDo() {
        QueueActionsViewModel inTest = actions(false);

        inTest.retry(List.of());

        assertEquals("Select jobs to retry first", inTest.notices().get(0).text());
    }

    @Test
    void newJobValidationNamesWhatIsWrongAndWhere() {
        assertEquals(Optional.empty(), QueueActionsViewModel.validateNewJob("{\"a\":1}", "{\"attempts\":3}"));
        assertEquals(Optional.empty(), QueueActionsViewModel.validateNewJob("", ""));
        String badData = QueueActionsViewModel.validateNewJob("{\n  \"a\": }", "{}").orElseThrow();
        assertTrue(badData.startsWith("invalid JSON in data at line 2, column"), badData);
        String badOption = QueueActionsViewModel.validateNewJob("{}", "{\"attempts\":\"many\"}").orElseThrow();
        assertTrue(badOption.contains("attempts"), badOption);
    }

    @Test
    void invalidNewJobIsNotSent() {
        QueueActionsViewModel inTest = actions(false);

        assertFalse(inTest.addJob(null, "{oops", "{}"));

        assertTrue(inTest.getAddJobError().startsWith("invalid JSON in data"), inTest.getAddJobError());
        assertTrue(inTest.notices().isEmpty());
    }

    @Test
    void exportIsAReadAndIsNotRefusedInReadOnlyMode(@TempDir Path dir) {
        QueueActionsViewModel inTest = actions(true);

        inTest.exportState(JobState.FAILED, JobExport.Format.CSV, dir.resolve("failed.csv"));

        Notice n = inTest.notices().get(0);
        assertEquals(Level.ERROR, n.level());
        assertTrue(n.text().startsWith("Export failed jobs failed: Redis is unreachable"), n.text());
        assertFalse(Files.exists(dir.resolve("failed.csv")));
        assertFalse(inTest.isBusy());
    }

    @Test
    void exportOfNoSelectedJobsSaysWhatToDo(@TempDir Path dir) {
        QueueActionsViewModel inTest = actions(false);

        inTest.exportJobs(List.of(), "failed", JobExport.Format.JSON, dir.resolve("x.json"));

        assertEquals(List.of("Select jobs to export first"), inTest.notices().stream().map(Notice::text).toList());
    }

    @Test
    void unmaskingIsAnExplicitStepAndCanBeUndone() {
        QueueActionsViewModel inTest = actions(false);
        assertTrue(inTest.masking().mask().isPersonal("email"), "masked until asked");

        assertTrue(inTest.unmask());
        assertTrue(inTest.masking().mask().masksNothing());
        assertEquals("Personal fields of orders are shown unmasked; mask them again when done",
                inTest.notices().get(0).text());

        inTest.remask();
        assertFalse(inTest.masking().isUnmasked());
    }
}
