package dev.bullpen.checkout;

import java.util.Optional;

/**
 * The outbox rows not yet pushed to the queue.
 *
 * @param pending         how many
 * @param oldestCreatedAt when the oldest of them was written (ms since the epoch), empty when none is pending
 */
public record OutboxBacklog(long pending, Optional<Long> oldestCreatedAt) {
}
