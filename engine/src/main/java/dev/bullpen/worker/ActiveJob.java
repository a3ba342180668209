package dev.bullpen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.queue.Json;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A job this worker holds the lock of: its id and its hash as read when it became active.
 *
 * <p>The {@code opts} field is parsed on first need, and not at all when no option asked for
 * appears in its text: a busy worker reads {@code timeout}, {@code removeOnComplete} and
 * {@code repeat} for every job, and most jobs have none of them.
 */
final class ActiveJob {
    private final String id;
    private final Map<String, String> fields;
    private final String optsText;
    private volatile Optional<JsonNode> opts;

    ActiveJob(String id, Map<String, String> fields) {
        this(id, Collections.unmodifiableMap(new LinkedHashMap<>(fields)), null);
    }

    /** Takes {@code fields} as they are (already an unmodifiable map of the caller's own). */
    private ActiveJob(String id, Map<String, String> unmodifiableFields, Void owned) {
        this.id = id;
        this.fields = unmodifiableFields;
        this.optsText = unmodifiableFields.get("opts");
    }

    /** Reads a {@code {HGETALL job, id}} script reply; empty for nil or anything else. */
    static Optional<ActiveJob> fromReply(Object reply) {
        if (!(reply instanceof List<?> pair) || pair.size() != 2 || !(pair.get(0) instanceof List<?> flat)) {
            return Optional.empty();
        }
        Map<String, String> fields = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            fields.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
        }
        return Optional.of(new ActiveJob(String.valueOf(pair.get(1)), Collections.unmodifiableMap(fields), null));
    }

    String id() {
        return id;
    }

    Map<String, String> fields() {
        return fields;
    }

    /** The {@code opts} field parsed (once); absent when missing or not a JSON object. */
    Optional<JsonNode> opts() {
        Optional<JsonNode> o = opts;
        if (o == null) {
            o = Json.parseLenient(optsText).filter(JsonNode::isObject);
            opts = o;
        }
        return o;
    }

    /**
     * False only when {@code opts} certainly has no key {@code name}: its text has no escape (so a
     * key can only be spelled literally) and no {@code "name"} in it.
     */
    private boolean mayHaveOpt(String name) {
        if (optsText == null) {
            return false;
        }
        return optsText.indexOf('\\') >= 0 || optsText.contains("\"" + name + "\"");
    }

    String name() {
        return fields.getOrDefault("name", "__default__");
    }

    /** A numeric field, 0 when absent or not a number (Bull parseInt's these fields). */
    long longField(String name) {
        String v = fields.get(name);
        if (v == null) {
            return 0;
        }
        try {
            return Long.parseLong(v.trim());
        } catch (NumberFormatException e) {
            try {
                return (long) Double.parseDouble(v.trim());
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }

    int attemptsMade() {
        return (int) longField("attemptsMade");
    }

    /** The stored stacktrace array; empty when absent or not a JSON array of strings. */
    List<String> stacktrace() {
        return Json.parseLenient(fields.get("stacktrace")).filter(JsonNode::isArray)
                .map(a -> {
                    java.util.ArrayList<String> out = new java.util.ArrayList<>();
                    a.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
                    return (List<String>) out;
                })
                .orElse(List.of());
    }

    /** An integer option, or {@code fallback} when absent or not a number. */
    long optLong(String name, long fallback) {
        if (!mayHaveOpt(name)) {
            return fallback;
        }
        return opts().map(o -> o.get(name)).filter(JsonNode::isNumber).map(JsonNode::longValue).orElse(fallback);
    }

    Optional<JsonNode> opt(String name) {
        if (!mayHaveOpt(name)) {
            return Optional.empty();
        }
        return opts().map(o -> o.get(name)).filter(n -> !n.isNull());
    }
}
