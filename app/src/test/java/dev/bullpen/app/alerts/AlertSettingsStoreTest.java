package dev.bullpen.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertSettingsStoreTest {
    @TempDir
    Path home;

    @Test
    void aMissingFileMeansTheRunbookDefaults() {
        AlertSettingsStore.Loaded loaded = new AlertSettingsStore(home.resolve("alerts.json")).load();

        assertEquals(AlertSettings.defaults(), loaded.settings());
        assertEquals(Optional.empty(), loaded.problem());
        assertEquals(100, loaded.settings().of(AlertRule.WAITING).threshold());
        assertEquals(10, loaded.settings().of(AlertRule.FAILURES).threshold());
        assertEquals(5, loaded.settings().of(AlertRule.FAILURES).windowMinutes());
        assertEquals(0, loaded.settings().of(AlertRule.NO_WORKER).threshold());
        assertEquals(60, loaded.settings().of(AlertRule.OLDEST_WAITING).threshold());
        assertEquals(0, loaded.settings().of(AlertRule.REDIS_UNREACHABLE).threshold());
    }

    @Test
    void savedSettingsAreReadBackInANewDirectory() throws IOException {
        AlertSettingsStore store = new AlertSettingsStore(home.resolve("deeper").resolve("alerts.json"));
        AlertSettings s = AlertSettings.defaults()
                .with(new RuleSetting(AlertRule.WAITING, true, 250, 5))
                .with(new RuleSetting(AlertRule.FAILURES, true, 3, 15))
                .with(new RuleSetting(AlertRule.NO_WORKER, false, 0, 5, 120));

        store.save(s);

        assertEquals(new AlertSettingsStore.Loaded(s, Optional.empty()), store.load());
        String json = Files.readString(store.file());
        assertTrue(json.contains("\"waiting\" : {"), json);
        assertTrue(json.contains("\"windowMinutes\" : 15"), json);
        assertTrue(json.contains("\"forSeconds\" : 120"), json);
        try (var files = Files.list(store.file().getParent())) {
            assertEquals(1, files.count(), "no temporary file left");
        }
    }

    @Test
    void aValueThatIsWrongKeepsThatRulesDefaultAndIsNamed() throws IOException {
        Path file = home.resolve("alerts.json");
        Files.writeString(file, """
                {"rules": {
                  "waiting": {"enabled": true, "threshold": "lots"},
                  "failures": {"threshold": 20, "windowMinutes": 90},
                  "oldestWaiting": {"enabled": "yes"},
                  "noWorker": {"enabled": false},
                  "someFutureRule": {"threshold": 1}
                }}""");

        AlertSettingsStore.Loaded loaded = new AlertSettingsStore(file).load();

        assertEquals(AlertSettings.defaults().with(new RuleSetting(AlertRule.NO_WORKER, false, 0, 5)), loaded.settings());
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains("rules.waiting.threshold must be a whole number, not \"lots\" (default kept)"), problem);
        assertTrue(problem.contains("New failures: the window must be 1 to 60 minutes, not 90 (default kept)"), problem);
        assertTrue(problem.contains("rules.oldestWaiting.enabled must be true or false, not \"yes\""), problem);
    }

    @Test
    void aFileThatIsNotJsonMeansTheDefaultsAndSaysSo() throws IOException {
        Path file = home.resolve("alerts.json");
        Files.writeString(file, "waiting=100");

        AlertSettingsStore.Loaded loaded = new AlertSettingsStore(file).load();

        assertEquals(AlertSettings.defaults(), loaded.settings());
        assertEquals(Optional.of(file + " is not a JSON object; the default thresholds are used"), loaded.problem());
    }

    @Test
    void aDirectoryThatCannotBeWrittenGivesAnErrorNamingTheFile() throws IOException {
        Path blocker = home.resolve("not-a-dir");
        Files.writeString(blocker, "x");
        AlertSettingsStore store = new AlertSettingsStore(blocker.resolve("alerts.json"));

        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> store.save(AlertSettings.defaults()));
        assertTrue(e.getMessage().startsWith("cannot save the alert thresholds to " + store.file()), e.getMessage());
    }

    @Test
    void theSettingsDirectoryComesFromTheSystemPropertyFirst() {
        String before = System.getProperty("bullpen.home");
        try {
            System.setProperty("bullpen.home", home.toString());
            assertEquals(home.resolve("alerts.json"), AlertSettingsStore.inSettingsDirectory().file());
        } finally {
            if (before == null) {
                System.clearProperty("bullpen.home");
            } else {
                System.setProperty("bullpen.home", before);
            }
        }
    }
}
