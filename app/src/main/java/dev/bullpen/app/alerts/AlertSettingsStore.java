package dev.bullpen.app.alerts;

import dev.bullpen.app.settings.BullpenHome;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The alert thresholds in {@code alerts.json} in the console's settings directory:
 * {@code $BULLPEN_HOME} (or the {@code bullpen.home} system property), else {@code ~/.bullpen}.
 * A missing file means the defaults; a value that is wrong keeps that rule's default and is reported
 * by name, never a crash. Writes go to a temporary file first, then replace the file at once.
 */
public final class AlertSettingsStore {
    public static final String FILE_NAME = "alerts.json";

    /** What loading found: the settings to use, and what was wrong with the file, if anything. */
    public record Loaded(AlertSettings settings, Optional<String> problem) {
    }

    private final Path file;

    public AlertSettingsStore(Path file) {
        this.file = file;
    }

    /** {@code alerts.json} in the settings directory. */
    public static AlertSettingsStore inSettingsDirectory() {
        return new AlertSettingsStore(BullpenHome.resolve().resolve(FILE_NAME));
    }

    public Path file() {
        return file;
    }

    public Loaded load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return new Loaded(AlertSettings.defaults(), Optional.empty());
        } catch (IOException | UncheckedIOException e) {
            return new Loaded(AlertSettings.defaults(), Optional.of("cannot read " + file + ": " + e.getMessage()
                    + "; the default thresholds are used"));
        }
        JsonNode root = Json.parseLenient(text).orElse(null);
        if (root == null || !root.isObject()) {
            return new Loaded(AlertSettings.defaults(), Optional.of(file + " is not a JSON object; the default "
                    + "thresholds are used"));
        }
        JsonNode rules = root.path("rules");
        Map<AlertRule, RuleSetting> read = new EnumMap<>(AlertRule.class);
        List<String> problems = new ArrayList<>();
        for (AlertRule rule : AlertRule.values()) {
            JsonNode r = rules.path(rule.key());
            if (r.isMissingNode()) {
                continue;
            }
            try {
                RuleSetting d = RuleSetting.defaults(rule);
                long window = number(r, "windowMinutes", d.windowMinutes(), rule);
                read.put(rule, new RuleSetting(rule, bool(r, "enabled", d.enabled(), rule),
                        number(r, "threshold", d.threshold(), rule),
                        (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, window)),
                        number(r, "forSeconds", d.forSeconds(), rule)));
            } catch (IllegalArgumentException e) {
                problems.add(e.getMessage() + " (default kept)");
            }
        }
        return new Loaded(new AlertSettings(read), problems.isEmpty() ? Optional.empty()
                : Optional.of(file + ": " + String.join("; ", problems)));
    }

    private static boolean bool(JsonNode rule, String field, boolean dflt, AlertRule r) {
        JsonNode v = rule.path(field);
        if (v.isMissingNode()) {
            return dflt;
        }
        if (!v.isBoolean()) {
            throw new IllegalArgumentException("rules." + r.key() + "." + field + " must be true or false, not " + v);
        }
        return v.booleanValue();
    }

    private static long number(JsonNode rule, String field, long dflt, AlertRule r) {
        JsonNode v = rule.path(field);
        if (v.isMissingNode()) {
            return dflt;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new IllegalArgumentException("rules." + r.key() + "." + field + " must be a whole number, not " + v);
        }
        return v.longValue();
    }

    /**
     * Writes the settings.
     *
     * @throws UncheckedIOException naming the file when it cannot be written
     */
    public void save(AlertSettings settings) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        ObjectNode rules = root.putObject("rules");
        for (RuleSetting s : settings.all()) {
            ObjectNode r = rules.putObject(s.rule().key());
            r.put("enabled", s.enabled());
            r.put("threshold", s.threshold());
            if (s.rule() == AlertRule.FAILURES) {
                r.put("windowMinutes", s.windowMinutes());
            }
            if (s.rule() != AlertRule.REDIS_UNREACHABLE) {
                r.put("forSeconds", s.forSeconds());
            }
        }
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, FILE_NAME, ".tmp");
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n",
                    StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the alert thresholds to " + file + ": " + e.getMessage(), e);
        }
    }
}
