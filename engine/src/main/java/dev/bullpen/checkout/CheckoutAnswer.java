package dev.bullpen.checkout;

import java.math.BigDecimal;

/**
 * The answer of a successful checkout.
 *
 * @param transactionId the purchase id (also the reward job's id)
 * @param rewardsStatus {@code processing}: the rewards are applied by the reward job
 * @param queued        true when the reward job reached the queue before the answer; false when it is
 *                      pushed after it (by the background {@link OutboxPusher}, or by the outbox relay,
 *                      e.g. while Redis is unreachable)
 */
public record CheckoutAnswer(String transactionId, long customerId, BigDecimal total, BigDecimal newBalance,
        Shares shares, String rewardsStatus, boolean queued) {
}
