package dev.bullpen.checkout;

import java.util.List;

/**
 * What processing a reward job did.
 *
 * @param applied false when the purchase's rewards were already completed (nothing changed)
 * @param plan    the applied plan, or null when nothing was applied
 * @param notice  what the rewards paid, or null when nothing was applied
 */
public record RewardOutcome(String purchaseId, boolean applied, RewardPlan plan, RewardNotice notice) {

    static RewardOutcome alreadyCompleted(String purchaseId) {
        return new RewardOutcome(purchaseId, false, null, null);
    }

    public List<LevelUpgrade> upgrades() {
        return plan == null ? List.of() : plan.upgrades();
    }
}
