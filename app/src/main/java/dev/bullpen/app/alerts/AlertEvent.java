package dev.bullpen.app.alerts;

import java.time.Instant;

/**
 * An alert going up or down.
 *
 * @param alert the alert as raised (for a clear: with its last message)
 * @param at    when it happened
 */
public record AlertEvent(Kind kind, Alert alert, Instant at) {
    public enum Kind {
        RAISED,
        CLEARED
    }
}
