package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.List;

/**
 * Everything the reward calculation reads, loaded (and locked) by the processor.
 *
 * @param ancestors     the buyer's upline, nearest (the parent) first, up to the root
 * @param firstPurchase true when the buyer has no other completed purchase
 * @param poolBalance   the gifts pool before this purchase's income
 */
public record RewardInput(String purchaseId, ChainMember buyer, List<ChainMember> ancestors, Shares shares,
        boolean firstPurchase, BigDecimal poolBalance) {
    public RewardInput {
        ancestors = List.copyOf(ancestors);
    }
}
