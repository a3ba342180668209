package dev.bullpen.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The alerts' state without a toolkit: notifications are recorded, thresholds saved in a temporary directory. */
class AlertsViewModelTest {
    private static final Instant T0 = Instant.parse("2026-01-02T10:00:00Z");

    @TempDir
    Path home;

    private final List<String> shown = new ArrayList<>();

    private AlertsViewModel viewModel() {
        return new AlertsViewModel("redis.local:6379", new AlertSettingsStore(home.resolve("alerts.json")),
                new Background(Runnable::run, Runnable::run), (title, text) -> shown.add(title + " | " + text),
                ZoneOffset.UTC);
    }

    /** Queues with that many waiting jobs each, workers connected. */
    private static OverviewSnapshot waiting(Instant at, Map<String, Long> queues) {
        List<QueueStatus> statuses = new ArrayList<>();
        Map<String, QueueActivity> activity = new HashMap<>();
        Map<String, Integer> workers = new HashMap<>();
        queues.forEach((name, n) -> {
            statuses.add(new QueueStatus(name, false, new QueueCounts(n, 0, 0, 0, 0, 0)));
            activity.put(name, new QueueActivity(0, List.of(0L), OptionalLong.empty()));
            workers.put(name, 1);
        });
        statuses.sort((a, b) -> a.name().compareTo(b.name()));
        return new OverviewSnapshot(statuses, at, activity, Optional.of(workers));
    }

    @Test
    void aRaiseNotifiesOnceTheStatusBarCountsAndTheHistoryKeepsRaisedAndClearedTimes() {
        AlertsViewModel inTest = viewModel();
        assertEquals("No alerts", inTest.getStatusText());

        // when a queue goes over the threshold and stays there
        inTest.onSnapshot(waiting(T0, Map.of("mail", 150L)));
        inTest.onSnapshot(waiting(T0.plusSeconds(2), Map.of("mail", 160L)));

        // then one notification, one active alert
        assertEquals(List.of("Bullpen alert — Waiting jobs | mail: 150 jobs waiting, more than 100"), shown);
        assertEquals("1 alert: mail: 160 jobs waiting, more than 100", inTest.getStatusText());
        assertEquals(1, inTest.getActiveCount());
        assertEquals(1, inTest.history().size());
        assertTrue(inTest.history().get(0).isActive());

        // when it ends
        inTest.onSnapshot(waiting(T0.plusSeconds(4), Map.of("mail", 10L)));

        // then it is cleared, with no new notification
        assertEquals(1, shown.size());
        assertEquals("No alerts", inTest.getStatusText());
        AlertsViewModel.HistoryEntry h = inTest.history().get(0);
        assertEquals(T0, h.alert().raisedAt());
        assertEquals(T0.plusSeconds(4), h.clearedAt());
        assertEquals("160 jobs waiting, more than 100", h.alert().message());
        assertEquals("10:00:00", inTest.dayTime(h.alert().raisedAt()));
        assertEquals("01-01 10:00:00", inTest.dayTime(T0.minusSeconds(86_400)), "another day shows the date");
    }

    @Test
    void manyAlertsRaisedAtOnceShowOneNotification() {
        AlertsViewModel inTest = viewModel();
        Map<String, Long> queues = new HashMap<>();
        for (int i = 1; i <= 5; i++) {
            queues.put("q" + i, 200L);
        }

        inTest.onSnapshot(waiting(T0, queues));

        assertEquals(1, shown.size());
        assertEquals("Bullpen — 5 alerts raised | q1: 200 jobs waiting, more than 100\n"
                + "q2: 200 jobs waiting, more than 100\nq3: 200 jobs waiting, more than 100\n"
                + "… and 2 more (see Alerts)", shown.get(0));
        assertEquals("5 alerts", inTest.getStatusText());
        assertEquals(5, inTest.history().size());
    }

    @Test
    void anAlertThatFlapsIsNotifiedAgainOnlyAfterTheQuietPeriod() {
        AlertsViewModel inTest = viewModel();
        Instant t = T0;
        for (int i = 0; i < 10; i++) { // up and down every 2 s for 40 s
            inTest.onSnapshot(waiting(t, Map.of("mail", 101L)));
            inTest.onSnapshot(waiting(t.plusSeconds(2), Map.of("mail", 99L)));
            t = t.plusSeconds(4);
        }
        assertEquals(1, shown.size(), "one notification, not ten");
        assertEquals(10, inTest.history().size(), "every raise is in the history");

        inTest.onSnapshot(waiting(T0.plus(AlertsViewModel.RENOTIFY_AFTER), Map.of("mail", 101L)));
        assertEquals(2, shown.size());
    }

    @Test
    void onlyAnUnreachableRedisIsAnAlertAndItClearsWhenRedisAnswers() {
        AlertsViewModel inTest = viewModel();

        inTest.onFailure(new QueueException("Redis at redis.local:6379 replied with an error: ERR"), T0);
        assertEquals(0, inTest.getActiveCount());

        inTest.onFailure(new RedisUnavailableException("cannot reach Redis at redis.local:6379: Failed to connect to "
                + "any host resolved for DNS name.", null), T0.plusSeconds(1));
        assertEquals("1 alert: cannot reach Redis at redis.local:6379 since 10:00:01: cannot connect",
                inTest.getStatusText());
        assertEquals(List.of("Bullpen alert — Redis unreachable | cannot reach Redis at redis.local:6379 since "
                + "10:00:01: cannot connect"), shown);

        inTest.onSnapshot(waiting(T0.plusSeconds(9), Map.of()));
        assertEquals("No alerts", inTest.getStatusText());
        assertEquals(T0.plusSeconds(9), inTest.history().get(0).clearedAt());
    }

    @Test
    void savedThresholdsApplyAtOnceAndSurviveARestart() throws IOException {
        AlertsViewModel inTest = viewModel();
        inTest.onSnapshot(waiting(T0, Map.of("mail", 50L)));
        assertEquals(0, inTest.getActiveCount());

        // when the user lowers the waiting threshold and saves
        RuleRow waitingRule = inTest.rules().get(AlertRule.WAITING.ordinal());
        waitingRule.thresholdProperty().set(" 40 ");
        assertTrue(inTest.save());

        // then the last poll is evaluated again, and the file holds it
        assertEquals("1 alert: mail: 50 jobs waiting, more than 40", inTest.getStatusText());
        assertEquals("Saved to " + home.resolve("alerts.json"), inTest.getSettingsMessage());
        assertFalse(inTest.isSettingsError());
        assertTrue(Files.readString(home.resolve("alerts.json")).contains("\"threshold\" : 40"));
        assertEquals("40", waitingRule.thresholdProperty().get(), "shown as saved");

        // when the console starts again
        AlertsViewModel again = viewModel();
        assertEquals(40, again.settings().of(AlertRule.WAITING).threshold());
        assertEquals("40", again.rules().get(AlertRule.WAITING.ordinal()).thresholdProperty().get());
    }

    @Test
    void anInvalidThresholdIsNamedAndNothingIsSaved() {
        AlertsViewModel inTest = viewModel();
        inTest.rules().get(AlertRule.FAILURES.ordinal()).windowProperty().set("five");

        assertFalse(inTest.save());

        assertEquals("New failures: the window must be a whole number, not 'five' — not saved",
                inTest.getSettingsMessage());
        assertTrue(inTest.isSettingsError());
        assertFalse(Files.exists(home.resolve("alerts.json")));
        assertEquals(AlertSettings.defaults(), inTest.settings());

        inTest.rules().get(AlertRule.FAILURES.ordinal()).windowProperty().set("61");
        assertFalse(inTest.save());
        assertEquals("New failures: the window must be 1 to 60 minutes, not 61 — not saved", inTest.getSettingsMessage());

        inTest.rules().get(AlertRule.WAITING.ordinal()).thresholdProperty().set("-1");
        inTest.rules().get(AlertRule.FAILURES.ordinal()).windowProperty().set("5");
        assertFalse(inTest.save());
        assertEquals("Waiting jobs: the threshold must be 0 to 1000000000, not -1 — not saved",
                inTest.getSettingsMessage());
    }

    @Test
    void cancellingAnEditPutsTheThresholdsInUseBackInTheForm() {
        AlertsViewModel inTest = viewModel();
        RuleRow failures = inTest.rules().get(AlertRule.FAILURES.ordinal());
        failures.thresholdProperty().set("x");
        assertFalse(inTest.save());

        inTest.revertForm();

        assertEquals("10", failures.thresholdProperty().get());
        assertFalse(inTest.isSettingsError());
        assertEquals("Thresholds from " + home.resolve("alerts.json"), inTest.getSettingsMessage());
    }

    @Test
    void theRulesInUseAreSummedUpInWords() {
        AlertsViewModel inTest = viewModel();
        assertEquals("Rules: more than 100 jobs waiting · more than 10 new failures in 5 min · jobs waiting but no "
                + "worker connected · oldest waiting job older than 60 s · Redis unreachable", inTest.getRulesSummary());

        inTest.rules().get(AlertRule.NO_WORKER.ordinal()).enabledProperty().set(false);
        inTest.rules().get(AlertRule.WAITING.ordinal()).forSecondsProperty().set("300");
        assertTrue(inTest.save());

        assertEquals("Rules: more than 100 jobs waiting for 300 s · more than 10 new failures in 5 min · oldest "
                + "waiting job older than 60 s · Redis unreachable · off: No worker", inTest.getRulesSummary());
    }

    @Test
    void runbookDefaultsComeBackIntoTheForm() {
        AlertsViewModel inTest = viewModel();
        inTest.rules().get(AlertRule.OLDEST_WAITING.ordinal()).thresholdProperty().set("5");
        inTest.rules().get(AlertRule.OLDEST_WAITING.ordinal()).enabledProperty().set(false);

        inTest.resetToDefaults();

        assertEquals("60", inTest.rules().get(AlertRule.OLDEST_WAITING.ordinal()).thresholdProperty().get());
        assertTrue(inTest.rules().get(AlertRule.OLDEST_WAITING.ordinal()).enabledProperty().get());
    }

    @Test
    void aBrokenSettingsFileIsReportedAndTheDefaultsAreUsed() throws IOException {
        Files.writeString(home.resolve("alerts.json"), "{\"rules\":{\"waiting\":{\"threshold\":-5}}}");

        AlertsViewModel inTest = viewModel();

        assertTrue(inTest.isSettingsError());
        assertTrue(inTest.getSettingsMessage().contains("Waiting jobs: the threshold must be 0 to 1000000000, not -5"),
                inTest.getSettingsMessage());
        assertEquals(100, inTest.settings().of(AlertRule.WAITING).threshold());
    }

    @Test
    void theHistoryIsBoundedAndClearingKeepsTheActiveOnes() {
        AlertsViewModel inTest = viewModel();
        Instant t = T0;
        for (int i = 0; i < AlertsViewModel.HISTORY_LIMIT + 20; i++) {
            inTest.onSnapshot(waiting(t, Map.of("mail", 101L)));
            inTest.onSnapshot(waiting(t.plusSeconds(1), Map.of("mail", 1L)));
            t = t.plusSeconds(2);
        }
        inTest.onSnapshot(waiting(t, Map.of("mail", 101L)));
        assertEquals(AlertsViewModel.HISTORY_LIMIT, inTest.history().size());

        inTest.clearHistory();

        assertEquals(1, inTest.history().size());
        assertNull(inTest.history().get(0).clearedAt());
    }

    @Test
    void unknownWorkersAreExplained() {
        AlertsViewModel inTest = viewModel();
        inTest.onSnapshot(new OverviewSnapshot(List.of(new QueueStatus("q", false, QueueCounts.empty())), T0));

        assertTrue(inTest.getWorkersNote().startsWith("Workers are unknown: Redis refuses CLIENT LIST"));
    }
}
