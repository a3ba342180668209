package dev.bullpen.checkout;

import java.math.BigDecimal;

/**
 * The answer of a successful checkout.
 *
 * @param transactionId the purchase id (also the reward job's id)
 * @param rewardsStatus {@code processing}: the rewards are applied by the reward job
 * @param queued        true when the reward job reached the queue during the checkout; false when the
 *                      outbox relay will push it later
 */
public record CheckoutAnswer(String transactionId, long customerId, BigDecimal total, BigDecimal newBalance,
        Shares shares, String rewardsStatus, boolean queued) {
}
