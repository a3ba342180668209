package dev.bullpen.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The JSON shape other tools read from {@code jobs list} and {@code jobs show}: the stored hash
 * fields, parsed where they are JSON, raw strings where they are not, {@code null} where absent.
 */
public final class JobJson {
    /** Fields whose stored value is JSON text. */
    private static final List<String> JSON_FIELDS = List.of("data", "opts", "stacktrace", "returnvalue", "progress");
    /** Fields whose stored value is a decimal number. */
    private static final List<String> NUMERIC_FIELDS =
            List.of("timestamp", "delay", "priority", "processedOn", "finishedOn", "attemptsMade");
    /** The fields of the contract, in output order. */
    public static final List<String> FIELDS = List.of("id", "name", "data", "opts", "timestamp", "delay", "priority",
            "processedOn", "finishedOn", "attemptsMade", "failedReason", "stacktrace", "returnvalue", "progress");

    private JobJson() {
    }

    public static ObjectNode toJson(JobSnapshot job) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("id", job.id());
        for (String f : FIELDS) {
            if (f.equals("id")) {
                continue;
            }
            String raw = job.fields().get(f);
            if (raw == null) {
                o.putNull(f);
            } else if (JSON_FIELDS.contains(f)) {
                o.set(f, Json.parseLenient(raw).orElseGet(() -> o.textNode(raw)));
            } else if (NUMERIC_FIELDS.contains(f)) {
                o.set(f, number(raw).orElseGet(() -> o.textNode(raw)));
            } else {
                o.put(f, raw);
            }
        }
        return o;
    }

    public static ObjectNode toJson(JobDetail detail) {
        ObjectNode o = toJson(detail.job());
        o.put("state", detail.state());
        var logs = o.putArray("logs");
        detail.logs().forEach(logs::add);
        return o;
    }

    private static java.util.Optional<JsonNode> number(String raw) {
        String t = raw.trim();
        if (t.isEmpty() || !t.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) {
            return java.util.Optional.empty();
        }
        return Json.parseLenient(t).filter(JsonNode::isNumber);
    }
}
