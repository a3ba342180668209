package dev.bullpen.app.settings;

import dev.bullpen.testing.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConnectionStoreTest {
    private final String typed = TestSecrets.password("typed");
    @TempDir
    Path home;

    private static SavedConnection connection(String name, String url, PasswordSource password) {
        return new SavedConnection(SavedConnection.newId(), name, url, "bull", false, Duration.ofSeconds(2), password);
    }

    private String file() throws IOException {
        return Files.readString(home.resolve(ConnectionStore.FILE_NAME), StandardCharsets.UTF_8);
    }

    @Test
    void savedConnectionsAreReadBackByANewStoreInTheSameOrder() {
        // given
        ConnectionStore store = ConnectionStore.open(home);
        SavedConnection local = connection("local", "redis://127.0.0.1:6379", new PasswordSource.None());
        SavedConnection staging = new SavedConnection(SavedConnection.newId(), "staging",
                "rediss://ops@redis.staging:6380/2", "jobs", true, Duration.ofMillis(5_000),
                new PasswordSource.Env("STAGING_REDIS_PASSWORD"));

        // when
        store.add(local);
        store.add(staging);

        // then
        ConnectionStore again = ConnectionStore.open(home);
        assertEquals(List.of(local, staging), again.all());
        assertEquals(List.of(), again.problems());
    }

    @Test
    void aPasswordFromTheEnvironmentOrAskedForIsNeverWritten() throws IOException {
        // given
        ConnectionStore store = ConnectionStore.open(home);

        // when
        store.add(connection("a", "redis://ops@10.0.0.1:6379", new PasswordSource.Env("PW_A")));
        store.add(connection("b", "redis://10.0.0.2:6379", new PasswordSource.Ask()));

        // then
        String text = file();
        assertTrue(text.contains("\"passwordFrom\" : \"env:PW_A\""), text);
        assertTrue(text.contains("\"passwordFrom\" : \"ask\""), text);
        assertFalse(text.contains("\"password\" :"), text);
    }

    @Test
    void aPlainPasswordIsWrittenOnlyWhenAllowedAndTheFileIsPrivate() throws IOException {
        // when
        ConnectionStore.open(home).add(connection("lab", "redis://10.0.0.3:6379", new PasswordSource.Plain(typed)));

        // then
        assertTrue(file().contains("\"password\" : \"" + typed + "\""));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(home.resolve(ConnectionStore.FILE_NAME))));
        SavedConnection read = ConnectionStore.open(home).all().get(0);
        assertEquals(new PasswordSource.Plain(typed), read.password());
        assertFalse(read.toString().contains(typed), read.toString());
    }

    @Test
    void aUrlWithAPasswordIsRefusedWithoutEchoingIt() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> connection("x", "redis://ops:" + typed + "@10.0.0.1:6379", new PasswordSource.None()));

        assertTrue(e.getMessage().contains("contains a password"), e.getMessage());
        assertFalse(e.getMessage().contains(typed), e.getMessage());
    }

    @Test
    void namesAreUniqueWhateverTheCase() {
        ConnectionStore store = ConnectionStore.inMemory();
        store.add(connection("Local", "redis://127.0.0.1:6379", new PasswordSource.None()));

        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> store.add(connection("local ", "redis://127.0.0.1:6380", new PasswordSource.None())));

        assertEquals("a connection named 'local' is already saved", e.getMessage());
        assertEquals(1, store.all().size());
    }

    @Test
    void editKeepsTheIdAndRemoveForgets() {
        ConnectionStore store = ConnectionStore.open(home);
        SavedConnection c = connection("local", "redis://127.0.0.1:6379", new PasswordSource.None());
        store.add(c);

        store.replace(c.with("renamed", "redis://127.0.0.1:6390", "q", true, Duration.ofSeconds(10),
                new PasswordSource.Ask()));
        SavedConnection edited = ConnectionStore.open(home).byId(c.id()).orElseThrow();
        assertEquals("renamed", edited.name());
        assertEquals("redis://127.0.0.1:6390", edited.url());
        assertTrue(edited.readOnly());

        store.remove(c.id());
        assertEquals(List.of(), ConnectionStore.open(home).all());
    }

    @Test
    void aBrokenFileIsReportedAndKeptAsideBeforeTheNextSave() throws IOException {
        // given a file cut in the middle
        Files.writeString(home.resolve(ConnectionStore.FILE_NAME), "{\"connections\": [ {\"id\": \"1\", ");

        // when
        ConnectionStore store = ConnectionStore.open(home);

        // then
        assertEquals(List.of(), store.all());
        assertEquals(1, store.problems().size());
        assertTrue(store.problems().get(0).contains("connections.json is not valid JSON (line 1, column"),
                store.problems().get(0));

        // when a connection is saved
        store.add(connection("local", "redis://127.0.0.1:6379", new PasswordSource.None()));

        // then the broken file was not lost
        assertTrue(Files.readString(home.resolve("connections.json.unreadable")).startsWith("{\"connections\": [ {"));
        assertEquals(1, ConnectionStore.open(home).all().size());
    }

    @Test
    void oneBadEntryIsSkippedWithItsNameAndTheOthersLoad() throws IOException {
        Files.writeString(home.resolve(ConnectionStore.FILE_NAME), """
                {"version": 1, "connections": [
                  {"id": "1", "name": "good", "url": "redis://127.0.0.1:6379"},
                  {"id": "2", "name": "bad", "url": "http://example.com"},
                  {"id": "3", "name": "weird", "url": "redis://h:1", "passwordFrom": "keychain"},
                  {"id": "4", "name": "slow", "url": "redis://h:1", "pollIntervalMs": 5}
                ]}
                """);

        ConnectionStore store = ConnectionStore.open(home);

        assertEquals(List.of("good"), store.all().stream().map(SavedConnection::name).toList());
        assertEquals("bull", store.all().get(0).prefix());
        assertEquals(Duration.ofSeconds(2), store.all().get(0).pollInterval());
        List<String> problems = store.problems();
        assertEquals(3, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("connection #2 ('bad') skipped: invalid Redis URL"), problems.get(0));
        assertTrue(problems.get(1).contains("passwordFrom must be none, ask, env:NAME or plain, not 'keychain'"),
                problems.get(1));
        assertTrue(problems.get(2).contains("poll interval of 'slow' must be at least 100 ms"), problems.get(2));
    }

    @Test
    void passwordSourcesResolveFromTheEnvironment() {
        assertEquals("pw", new PasswordSource.Env("PW").resolve(Map.of("PW", "pw")).orElseThrow());
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new PasswordSource.Env("PW").resolve(Map.of()));
        assertEquals("environment variable PW is not set", e.getMessage());
        assertTrue(new PasswordSource.Ask().resolve(Map.of()).isEmpty());
        assertThrows(InvalidInputException.class, () -> new PasswordSource.Env("1BAD"));
        assertEquals(new PasswordSource.Env("X_1"), PasswordSource.parse("env:X_1", null));
    }
}
