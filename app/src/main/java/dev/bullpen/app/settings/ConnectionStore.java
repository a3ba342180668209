package dev.bullpen.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved connections, in {@code connections.json} of the settings directory (or in memory only,
 * for a console that must not remember anything). A file that cannot be read never stops the
 * console: what could be read is used, {@link #problems()} says what could not, and the file is
 * kept aside as {@code connections.json.unreadable} before it is first written again. The file
 * is readable by its owner only; a password is in it only for {@link PasswordSource.Plain}.
 * Used on the FX thread.
 */
public final class ConnectionStore {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionStore.class);
    public static final String FILE_NAME = "connections.json";
    static final int VERSION = 1;

    private final Path file;
    private final List<SavedConnection> connections = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();
    private boolean keepAsideBeforeSave;

    private ConnectionStore(Path file) {
        this.file = file;
    }

    /** Reads {@code connections.json} in the directory (none yet is fine). */
    public static ConnectionStore open(Path home) {
        ConnectionStore store = new ConnectionStore(home.resolve(FILE_NAME));
        store.read();
        return store;
    }

    /** Connections kept for this run only. */
    public static ConnectionStore inMemory() {
        return new ConnectionStore(null);
    }

    /** The file, unless in memory. */
    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    /** Saved connections in the order the user added them. */
    public List<SavedConnection> all() {
        return List.copyOf(connections);
    }

    public Optional<SavedConnection> byId(String id) {
        return connections.stream().filter(c -> c.id().equals(id)).findFirst();
    }

    /** What could not be read from the file, one sentence each (empty when all was fine). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    /**
     * Saves a new connection.
     *
     * @throws InvalidInputException when another connection has the same name
     * @throws SettingsException     when the file cannot be written (the connection is kept for this run)
     */
    public void add(SavedConnection c) {
        checkNameFree(c.name(), c.id());
        connections.add(c);
        write();
    }

    /** Saves changed settings of a connection (same id). */
    public void replace(SavedConnection c) {
        checkNameFree(c.name(), c.id());
        for (int i = 0; i < connections.size(); i++) {
            if (connections.get(i).id().equals(c.id())) {
                connections.set(i, c);
                write();
                return;
            }
        }
        throw new InvalidInputException("no saved connection with id " + c.id());
    }

    /** Forgets a connection. */
    public void remove(String id) {
        if (connections.removeIf(c -> c.id().equals(id))) {
            write();
        }
    }

    /** True when no saved connection other than {@code id} is called {@code name} (case does not count). */
    public boolean nameFree(String name, String id) {
        String n = name.strip().toLowerCase(Locale.ROOT);
        return connections.stream().noneMatch(c -> !c.id().equals(id) && c.name().toLowerCase(Locale.ROOT).equals(n));
    }

    private void checkNameFree(String name, String id) {
        if (!nameFree(name, id)) {
            throw new InvalidInputException("a connection named '" + name.strip() + "' is already saved");
        }
    }

    // ---------------------------------------------------------------- file

    private void read() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            problem("cannot read " + file + ": " + e.getMessage());
            return;
        }
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            problem(file + " is not valid JSON" + (at == null ? "" : " (line " + at.getLineNr() + ", column "
                    + at.getColumnNr() + ")") + ": " + e.getOriginalMessage());
            return;
        }
        JsonNode list = root == null ? null : root.get("connections");
        if (list == null || !list.isArray()) {
            problem(file + " has no \"connections\" list");
            return;
        }
        int n = 0;
        for (JsonNode entry : list) {
            n++;
            String label = "connection #" + n + (entry.hasNonNull("name") ? " ('" + entry.get("name").asText() + "')" : "");
            try {
                SavedConnection c = fromJson(entry);
                if (byId(c.id()).isPresent()) {
                    throw new InvalidInputException("its id " + c.id() + " is used twice");
                }
                checkNameFree(c.name(), c.id());
                connections.add(c);
            } catch (InvalidInputException e) {
                problem(file + ": " + label + " skipped: " + e.getMessage());
            }
        }
    }

    private void problem(String sentence) {
        problems.add(sentence);
        keepAsideBeforeSave = true;
        LOG.warn("Settings(file={}) {}", file, sentence);
    }

    private static SavedConnection fromJson(JsonNode e) {
        if (!e.isObject()) {
            throw new InvalidInputException("it is not an object");
        }
        long poll = e.path("pollIntervalMs").asLong(SavedConnection.DEFAULT_POLL_INTERVAL.toMillis());
        return new SavedConnection(text(e, "id"), text(e, "name"), text(e, "url"),
                e.hasNonNull("prefix") ? e.get("prefix").asText() : "bull", e.path("readOnly").asBoolean(false),
                Duration.ofMillis(poll), PasswordSource.parse(text(e, "passwordFrom"), text(e, "password")));
    }

    private static String text(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    static ObjectNode toJson(SavedConnection c) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", c.id());
        o.put("name", c.name());
        o.put("url", c.url());
        o.put("prefix", c.prefix());
        o.put("readOnly", c.readOnly());
        o.put("pollIntervalMs", c.pollInterval().toMillis());
        o.put("passwordFrom", c.password().text());
        if (c.password() instanceof PasswordSource.Plain p) {
            o.put("password", p.password());
        }
        return o;
    }

    private void write() {
        if (file == null) {
            return;
        }
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("version", VERSION);
        ArrayNode list = root.putArray("connections");
        connections.forEach(c -> list.add(toJson(c)));
        try {
            if (keepAsideBeforeSave && Files.exists(file)) {
                Path aside = file.resolveSibling(FILE_NAME + ".unreadable");
                Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
                LOG.warn("Settings(file={}) kept the unreadable file as {}", file, aside);
            }
            keepAsideBeforeSave = false;
            PrivateFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
        } catch (IOException e) {
            throw new SettingsException("cannot save connections to " + file + ": " + e.getMessage(), e);
        }
        LOG.info("Settings(file={}) saved {} connection(s)", file, connections.size());
    }
}
