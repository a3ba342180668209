package dev.bullpen.app;

import dev.bullpen.testing.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsoleSettingsTest {
    private final String typed = TestSecrets.password("typed");

    @Test
    void windowTitleStartsWithBullpenAndNamesTheServer() {
        ConsoleSettings s = new ConsoleSettings(RedisEndpoint.parse("redis://127.0.0.1:6379"), "bull",
                Duration.ofSeconds(2));

        assertEquals("Bullpen — redis://127.0.0.1:6379", s.windowTitle());
    }

    @Test
    void windowTitleNeverShowsThePassword() {
        ConsoleSettings s = new ConsoleSettings(RedisEndpoint.parse("redis://ops:" + typed + "@redis.internal:6380/2"),
                "jobs", Duration.ofSeconds(2));

        assertEquals("Bullpen — redis://ops:***@redis.internal:6380/2 · prefix jobs", s.windowTitle());
        assertFalse(s.windowTitle().contains(typed));
    }

    @Test
    void pollIntervalBelowTheMinimumIsRefused() {
        RedisEndpoint e = RedisEndpoint.parse("redis://127.0.0.1:6379");
        assertThrows(InvalidInputException.class, () -> new ConsoleSettings(e, "bull", Duration.ofMillis(10)));
        assertThrows(InvalidInputException.class, () -> new ConsoleSettings(e, "", Duration.ofSeconds(2)));
    }

    @Test
    void readOnlyModeIsInTheWindowTitle() {
        ConsoleSettings s = new ConsoleSettings(RedisEndpoint.parse("redis://127.0.0.1:6379"), "bull",
                Duration.ofSeconds(2), true, Theme.DARK, null);

        assertEquals("Bullpen — redis://127.0.0.1:6379 · read-only", s.windowTitle());
    }

    @Test
    void aConsoleStartedWithUnmaskSaysSoInItsTitle() {
        ConsoleSettings s = new ConsoleSettings(RedisEndpoint.parse("redis://127.0.0.1:6379"), "bull",
                Duration.ofSeconds(2), false, Theme.LIGHT, null, dev.bullpen.queue.PersonalDataMask.NONE);

        assertEquals("Bullpen — redis://127.0.0.1:6379 · unmasked", s.windowTitle());
    }

    @Test
    void themeIsLightOrDark() {
        assertEquals(Theme.DARK, Theme.parse("Dark"));
        assertThrows(InvalidInputException.class, () -> Theme.parse("blue"));
    }
}
