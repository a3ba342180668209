package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.List;

/**
 * What one reward job does: the payments, the level upgrades and the net change of the gifts pool
 * (its income minus the bonuses and gifts it pays).
 */
public record RewardPlan(List<Allocation> allocations, List<LevelUpgrade> upgrades, BigDecimal poolDelta) {
    public RewardPlan {
        allocations = List.copyOf(allocations);
        upgrades = List.copyOf(upgrades);
    }

    /** The sum of the allocations of one type. */
    public BigDecimal total(LedgerType type) {
        return allocations.stream().filter(a -> a.type() == type).map(Allocation::amount)
                .reduce(Money.ZERO, BigDecimal::add);
    }

    /** The sum of what one customer receives. */
    public BigDecimal paidTo(long customerId) {
        return allocations.stream().filter(a -> a.customerId() != null && a.customerId() == customerId)
                .map(Allocation::amount).reduce(Money.ZERO, BigDecimal::add);
    }

    /** The sum of the allocations that split the reward points (equals the reward points). */
    public BigDecimal splitTotal() {
        return allocations.stream().filter(a -> a.type().isRewardSplit()).map(Allocation::amount)
                .reduce(Money.ZERO, BigDecimal::add);
    }
}
