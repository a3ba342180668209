package dev.bullpen.queue.redis;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.queue.Json;
import java.util.OptionalLong;

/**
 * When a waiting job became waiting, as near as its hash tells: Bull keeps no such field, so it is
 * the latest of creation (plus {@code opts.delay} for a job that was delayed), the start of its last
 * attempt (a job back from a stall or a backoff) and its manual retry. Never later than the truth,
 * so an age computed from it may be longer than the real wait, never shorter. Fields another client
 * spoiled are ignored.
 */
final class WaitingSince {
    private WaitingSince() {
    }

    /** Empty when none of the fields holds a time. */
    static OptionalLong of(String timestamp, String processedOn, String retriedOn, String opts) {
        OptionalLong created = StoredNumber.parse(timestamp);
        if (created.isPresent()) {
            long delay = Json.parseLenient(opts).map(o -> o.get("delay")).filter(JsonNode::isNumber)
                    .map(JsonNode::asLong).filter(d -> d > 0).orElse(0L);
            created = OptionalLong.of(created.getAsLong() + delay);
        }
        return latest(latest(created, StoredNumber.parse(processedOn)), StoredNumber.parse(retriedOn));
    }

    private static OptionalLong latest(OptionalLong a, OptionalLong b) {
        if (a.isEmpty()) {
            return b;
        }
        return b.isEmpty() || a.getAsLong() >= b.getAsLong() ? a : b;
    }
}
