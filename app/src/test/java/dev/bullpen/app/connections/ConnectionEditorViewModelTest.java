package dev.bullpen.app.connections;

import dev.bullpen.testing.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.connections.ConnectionEditorViewModel.PasswordMode;
import dev.bullpen.app.settings.PasswordSource;
import dev.bullpen.app.settings.SavedConnection;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionEditorViewModelTest {
    private final String typed = TestSecrets.password("typed");
    private static final String FILE = "/home/ops/.bullpen/connections.json";

    private final ConnectionEditorViewModel inTest =
            new ConnectionEditorViewModel(null, FILE, (name, id) -> !name.equalsIgnoreCase("taken"));

    @Test
    void aNewConnectionNeedsOnlyAUrlAndIsNamedAfterItsServer() {
        inTest.urlProperty().set("redis://10.0.0.5:6380/2");

        SavedConnection c = inTest.result().orElseThrow().connection();

        assertEquals("10.0.0.5:6380", c.name());
        assertEquals("redis://10.0.0.5:6380/2", c.url());
        assertEquals("bull", c.prefix());
        assertEquals(Duration.ofSeconds(2), c.pollInterval());
        assertEquals(new PasswordSource.None(), c.password());
        assertTrue(inTest.isValid());
        assertEquals("", inTest.getError());
    }

    @Test
    void everyBadFieldIsNamed() {
        inTest.urlProperty().set("http://x");
        assertTrue(inTest.getError().startsWith("Invalid Redis URL http://x: scheme must be redis://"), inTest.getError());
        assertFalse(inTest.isValid());

        inTest.urlProperty().set("redis://ops:" + TestSecrets.password("typed") + "@10.0.0.5:6379");
        assertEquals("Remove the password from the URL (redis://ops:***@10.0.0.5:6379) and choose below where it "
                + "comes from", inTest.getError());

        inTest.urlProperty().set("redis://10.0.0.5:6379");
        inTest.nameProperty().set("Taken");
        assertEquals("A connection named 'Taken' is already saved", inTest.getError());

        inTest.nameProperty().set("staging");
        inTest.pollSecondsProperty().set("fast");
        assertEquals("The poll interval must be a number of seconds, not 'fast'", inTest.getError());
        inTest.pollSecondsProperty().set("0.05");
        assertEquals("The poll interval must be between 0.1 and 3600 seconds", inTest.getError());
        inTest.pollSecondsProperty().set("0,5");
        assertEquals(Duration.ofMillis(500), inTest.result().orElseThrow().connection().pollInterval());

        inTest.prefixProperty().set("");
        assertEquals("The key prefix of 'staging' must not be empty", inTest.getError());
    }

    @Test
    void aPasswordTypedWithAskIsUsedNowButNotSaved() {
        inTest.urlProperty().set("redis://10.0.0.5:6379");
        inTest.passwordModeProperty().set(PasswordMode.ASK);
        inTest.passwordProperty().set(typed);

        ConnectionEditorViewModel.Result r = inTest.result().orElseThrow();

        assertEquals(new PasswordSource.Ask(), r.connection().password());
        assertEquals(typed, r.password());
        assertFalse(r.toString().contains(typed));
        assertTrue(inTest.getPasswordHint().contains("kept in memory only"));
    }

    @Test
    void thePasswordFromAnEnvironmentVariableNeedsAValidName() {
        inTest.urlProperty().set("redis://10.0.0.5:6379");
        inTest.passwordModeProperty().set(PasswordMode.ENV);
        assertEquals("Enter the name of the environment variable that holds the password", inTest.getError());

        inTest.envVariableProperty().set("2BAD");
        assertTrue(inTest.getError().startsWith("Environment variable name '2BAD' is not valid"), inTest.getError());

        inTest.envVariableProperty().set("STAGING_REDIS_PW");
        inTest.passwordProperty().set("typed but not wanted");
        ConnectionEditorViewModel.Result r = inTest.result().orElseThrow();
        assertEquals(new PasswordSource.Env("STAGING_REDIS_PW"), r.connection().password());
        assertNull(r.password());
    }

    @Test
    void plainTextNeedsThePasswordAndTheExplicitConsentWithAWarning() {
        inTest.urlProperty().set("redis://10.0.0.5:6379");
        inTest.passwordModeProperty().set(PasswordMode.PLAIN);
        assertTrue(inTest.getPasswordHint().startsWith("Warning: the password is written unencrypted to " + FILE));
        assertEquals("Enter the password to save", inTest.getError());

        inTest.passwordProperty().set(typed);
        assertEquals("Tick the box to allow saving the password in plain text, or choose another way to get it",
                inTest.getError());
        assertFalse(inTest.isValid());

        inTest.plainAllowedProperty().set(true);
        assertEquals(new PasswordSource.Plain(typed), inTest.result().orElseThrow().connection().password());
    }

    @Test
    void editingKeepsTheIdAndShowsTheSavedSettings() {
        SavedConnection saved = new SavedConnection("id-1", "staging", "rediss://ops@10.0.0.5:6380", "jobs", true,
                Duration.ofMillis(1500), new PasswordSource.Env("PW"));
        ConnectionEditorViewModel edit = new ConnectionEditorViewModel(saved, FILE, (name, id) -> true);

        assertFalse(edit.isNew());
        assertEquals("1.5", edit.pollSecondsProperty().get());
        assertEquals(PasswordMode.ENV, edit.passwordModeProperty().get());
        assertEquals(saved, edit.result().orElseThrow().connection());

        edit.nameProperty().set("staging-eu");
        assertEquals("id-1", edit.result().orElseThrow().connection().id());
    }

    @Test
    void aConnectionFromTheCommandLineIsOfferedWithItsPasswordAskedFor() {
        inTest.prefill(RedisEndpoint.parse("redis://ops:pw@10.0.0.7:6379/1"), "jobs", Duration.ofSeconds(5), false);

        assertEquals("redis://ops@10.0.0.7:6379/1", inTest.urlProperty().get());
        assertEquals(PasswordMode.ASK, inTest.passwordModeProperty().get());
        ConnectionEditorViewModel.Result r = inTest.result().orElseThrow();
        assertEquals("pw", r.password());
        assertEquals("jobs", r.connection().prefix());
        assertEquals(Duration.ofSeconds(5), r.connection().pollInterval());
    }
}
