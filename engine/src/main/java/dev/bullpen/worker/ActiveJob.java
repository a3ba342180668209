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
 * @param opts the {@code opts} field parsed once (absent when missing or not a JSON object)
 */
record ActiveJob(String id, Map<String, String> fields, Optional<JsonNode> opts) {

    ActiveJob(String id, Map<String, String> fields) {
        this(id, Collections.unmodifiableMap(new LinkedHashMap<>(fields)),
                Json.parseLenient(fields.get("opts")).filter(JsonNode::isObject));
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
        return Optional.of(new ActiveJob(String.valueOf(pair.get(1)), Collections.unmodifiableMap(fields),
                Json.parseLenient(fields.get("opts")).filter(JsonNode::isObject)));
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
        return opts().map(o -> o.get(name)).filter(JsonNode::isNumber).map(JsonNode::longValue).orElse(fallback);
    }

    Optional<JsonNode> opt(String name) {
        return opts().map(o -> o.get(name)).filter(n -> !n.isNull());
    }
}
