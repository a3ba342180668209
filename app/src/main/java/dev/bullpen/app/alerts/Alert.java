package dev.bullpen.app.alerts;

import java.time.Instant;
import java.util.Optional;

/**
 * A raised alert: one rule's condition holding for one queue (or for Redis).
 *
 * @param queue    the queue, or null for {@link AlertRule#REDIS_UNREACHABLE}
 * @param message  what holds now, with the figures of the last evaluation
 * @param raisedAt when the condition was first seen
 */
public record Alert(AlertRule rule, String queue, String message, Instant raisedAt) {

    /** Identifies the alert across evaluations: the rule and the queue. */
    public String key() {
        return queue == null ? rule.key() : rule.key() + "@" + queue;
    }

    /** The message with the queue in front, as notifications and the status bar say it. */
    public String text() {
        return queue == null ? message : queue + ": " + message;
    }

    public Optional<String> queueName() {
        return Optional.ofNullable(queue);
    }

    Alert withMessage(String text) {
        return text.equals(message) ? this : new Alert(rule, queue, text, raisedAt);
    }
}
