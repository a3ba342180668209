package dev.bullpen.app.settings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.app.Theme;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code window.json} in the settings directory. A missing or unreadable file gives
 * {@link WindowState#initial()} (logged, never an error for the user: it is only a convenience).
 */
public final class WindowStateStore {
    private static final Logger LOG = LoggerFactory.getLogger(WindowStateStore.class);
    public static final String FILE_NAME = "window.json";

    private final Path file;

    private WindowStateStore(Path file) {
        this.file = file;
    }

    public static WindowStateStore in(Path home) {
        return new WindowStateStore(home.resolve(FILE_NAME));
    }

    /** A store that remembers nothing. */
    public static WindowStateStore none() {
        return new WindowStateStore(null);
    }

    public Optional<Path> file() {
        return Optional.ofNullable(file);
    }

    public WindowState load() {
        if (file == null) {
            return WindowState.initial();
        }
        try {
            return fromJson(Json.MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)));
        } catch (NoSuchFileException e) {
            return WindowState.initial();
        } catch (JsonProcessingException | InvalidInputException e) {
            LOG.warn("Settings(file={}) unreadable, the window opens with defaults: {}", file, e.getMessage());
            return WindowState.initial();
        } catch (IOException e) {
            LOG.warn("Settings(file={}) cannot be read, the window opens with defaults: {}", file, e.toString());
            return WindowState.initial();
        }
    }

    /** Writes the state; a failure is logged only (the window is closing). */
    public void save(WindowState state) {
        if (file == null) {
            return;
        }
        try {
            PrivateFiles.write(file, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(toJson(state)) + "\n");
            LOG.debug("Settings(file={}) window state saved", file);
        } catch (IOException e) {
            LOG.warn("Settings(file={}) window state not saved: {}", file, e.toString());
        }
    }

    static WindowState fromJson(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidInputException("not a JSON object");
        }
        Bounds bounds = null;
        if (root.path("width").isNumber() && root.path("height").isNumber()) {
            bounds = new Bounds(root.path("x").asDouble(0), root.path("y").asDouble(0),
                    root.path("width").asDouble(), root.path("height").asDouble());
        }
        Theme theme = null;
        if (root.hasNonNull("theme")) {
            try {
                theme = Theme.parse(root.get("theme").asText());
            } catch (InvalidInputException e) {
                LOG.debug("Settings window theme ignored: {}", e.getMessage());
            }
        }
        List<String> open = new ArrayList<>();
        root.path("openConnections").forEach(n -> {
            if (n.isTextual() && !open.contains(n.asText())) {
                open.add(n.asText());
            }
        });
        return new WindowState(bounds, root.path("maximized").asBoolean(false),
                root.path("sidebarWidth").asDouble(WindowState.DEFAULT_SIDEBAR_WIDTH),
                root.path("sidebarVisible").asBoolean(true), theme, open,
                root.hasNonNull("current") ? root.get("current").asText() : null);
    }

    static ObjectNode toJson(WindowState s) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("version", 1);
        if (s.bounds() != null) {
            o.put("x", s.bounds().x());
            o.put("y", s.bounds().y());
            o.put("width", s.bounds().width());
            o.put("height", s.bounds().height());
        }
        o.put("maximized", s.maximized());
        o.put("sidebarWidth", s.sidebarWidth());
        o.put("sidebarVisible", s.sidebarVisible());
        if (s.theme() != null) {
            o.put("theme", s.theme().name().toLowerCase(java.util.Locale.ROOT));
        }
        s.openConnections().forEach(o.putArray("openConnections")::add);
        if (s.current() != null) {
            o.put("current", s.current());
        }
        return o;
    }
}
