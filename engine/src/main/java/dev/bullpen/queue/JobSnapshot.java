package dev.bullpen.queue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One job exactly as its hash is stored in Redis. Other clients may have written anything into it,
 * so every accessor tolerates missing, non-numeric and non-JSON values.
 *
 * @param id     the job id (from the key, as Bull does)
 * @param fields the hash fields; empty when the id is listed but its hash does not exist
 */
public record JobSnapshot(String id, Map<String, String> fields) {

    public JobSnapshot {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** True when the id was listed but no hash exists (Bull yields {@code null} for it). */
    public boolean missing() {
        return fields.isEmpty();
    }

    public Optional<String> field(String name) {
        return Optional.ofNullable(fields.get(name));
    }

    /** A numeric field as a long, when present and numeric. */
    public Optional<Long> longField(String name) {
        String v = fields.get(name);
        if (v == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Long.parseLong(v.trim()));
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(v.trim());
                return Double.isFinite(d) ? Optional.of((long) d) : Optional.empty();
            } catch (NumberFormatException e2) {
                return Optional.empty();
            }
        }
    }

    public String name() {
        return fields.getOrDefault("name", "");
    }

    public Optional<Long> timestamp() {
        return longField("timestamp");
    }

    public Optional<Long> processedOn() {
        return longField("processedOn");
    }

    public Optional<Long> finishedOn() {
        return longField("finishedOn");
    }

    public Optional<Long> attemptsMade() {
        return longField("attemptsMade");
    }

    public Optional<String> failedReason() {
        return field("failedReason");
    }

    /** The raw {@code data} string (JSON when written by Bull, anything when written by others). */
    public Optional<String> data() {
        return field("data");
    }
}
