package dev.bullpen.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bull's {@code removeOnComplete} / {@code removeOnFail}: {@code true} (remove at once), {@code false}
 * (keep all), a number (keep the newest N) or {@code {count, age}} (age in seconds).
 *
 * @param json the option exactly as it is written into the job's opts JSON
 */
public record KeepJobs(JsonNode json) {

    /** Remove the job as soon as it finishes ({@code true}). */
    public static KeepJobs removeImmediately() {
        return new KeepJobs(BooleanNode.TRUE);
    }

    /** Keep every finished job ({@code false}). */
    public static KeepJobs keepAll() {
        return new KeepJobs(BooleanNode.FALSE);
    }

    /** Keep the newest {@code count} jobs of the set. */
    public static KeepJobs keepLast(int count) {
        return new KeepJobs(IntNode.valueOf(count));
    }

    /** Keep at most {@code count} jobs (null: no limit) younger than {@code ageSeconds} (null: no limit). */
    public static KeepJobs keep(Integer count, Long ageSeconds) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        if (count != null) {
            o.put("count", count);
        }
        if (ageSeconds != null) {
            o.set("age", LongNode.valueOf(ageSeconds));
        }
        return new KeepJobs(o);
    }

    /** Validates an option value read from user JSON. */
    public static KeepJobs fromJson(String field, JsonNode node) {
        if (node.isBoolean() || node.isIntegralNumber()) {
            return new KeepJobs(node);
        }
        if (node.isObject()) {
            for (String k : new String[] {"count", "age"}) {
                JsonNode v = node.get(k);
                if (v != null && !v.isNull() && !v.isNumber()) {
                    throw new InvalidInputException("opts." + field + "." + k + " must be a number, got " + v);
                }
            }
            return new KeepJobs(node);
        }
        throw new InvalidInputException(
                "opts." + field + " must be true, false, a number or {count, age}, got " + node);
    }

    /** Effective keep-count as the finishing script uses it: -1 keep all, 0 remove, n keep newest n. */
    public long count() {
        if (json.isBoolean()) {
            return json.booleanValue() ? 0 : -1;
        }
        if (json.isNumber()) {
            return json.longValue();
        }
        JsonNode c = json.get("count");
        return c == null || c.isNull() ? -1 : c.longValue();
    }

    /** Max age in seconds, or -1 when not set. */
    public long ageSeconds() {
        JsonNode a = json.isObject() ? json.get("age") : null;
        return a == null || a.isNull() ? -1 : a.longValue();
    }
}
