package dev.bullpen.checkout;

import java.math.BigDecimal;

/** The split of one purchase's reward points; {@code tree + gifts + app + referral = rewardPoints}. */
public record Shares(BigDecimal rewardPoints, BigDecimal tree, BigDecimal gifts, BigDecimal app, BigDecimal referral) {
}
