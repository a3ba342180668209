package dev.bullpen.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Bull's {@code backoff} option: {@code {type: fixed|exponential|<custom>, delay}}. A bare number
 * means fixed, as in Bull.
 */
public record Backoff(String type, long delay, JsonNode json) {

    public static Backoff fixed(long delayMs) {
        return of("fixed", delayMs);
    }

    public static Backoff exponential(long delayMs) {
        return of("exponential", delayMs);
    }

    private static Backoff of(String type, long delayMs) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("type", type);
        o.put("delay", delayMs);
        return new Backoff(type, delayMs, o);
    }

    /** Reads a backoff option as Bull normalises it; unknown (custom) types are kept. */
    public static Backoff fromJson(JsonNode node) {
        if (node.isNumber()) {
            return fixed(node.longValue());
        }
        if (node.isObject() && node.hasNonNull("type") && node.get("type").isTextual()) {
            JsonNode d = node.get("delay");
            if (d != null && !d.isNull() && !d.isNumber()) {
                throw new InvalidInputException("opts.backoff.delay must be a number, got " + d);
            }
            return new Backoff(node.get("type").asText(), d == null ? 0 : d.longValue(), node.deepCopy());
        }
        throw new InvalidInputException(
                "opts.backoff must be a number or {\"type\": \"fixed\"|\"exponential\", \"delay\": ms}, got " + node);
    }

    /**
     * The delay before the next attempt, as Bull computes it; {@code attemptsMade} already counts the
     * failure that just happened. Custom types have no delay here (-1: not known).
     */
    public long delayFor(int attemptsMade) {
        return switch (type) {
            case "fixed" -> delay;
            case "exponential" -> Math.round((Math.pow(2, attemptsMade) - 1) * delay);
            default -> -1;
        };
    }
}
