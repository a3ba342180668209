package dev.bullpen.checkout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.Json;
import java.math.BigDecimal;
import java.util.List;

/**
 * Sent when a purchase's rewards are completed: the purchase, its buyer and the rewards paid to
 * customers (tree, shared J, referral, signup bonus and level gifts).
 */
public record RewardNotice(String purchaseId, long customerId, BigDecimal rewardPoints, List<Allocation> rewardsPaid) {
    public RewardNotice {
        rewardsPaid = List.copyOf(rewardsPaid);
    }

    static RewardNotice of(Purchase purchase, RewardPlan plan) {
        return new RewardNotice(purchase.id(), purchase.customerId(), purchase.shares().rewardPoints(),
                plan.allocations().stream().filter(a -> a.account() == Account.CUSTOMER).toList());
    }

    /** {@code {"purchaseId","customerId","rewardPoints","rewardsPaid":[{"customerId","type","amount"}]}}. */
    public String toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("purchaseId", purchaseId);
        o.put("customerId", customerId);
        o.put("rewardPoints", rewardPoints.toPlainString());
        ArrayNode paid = o.putArray("rewardsPaid");
        for (Allocation a : rewardsPaid) {
            paid.addObject().put("customerId", a.customerId()).put("type", a.type().dbName())
                    .put("amount", a.amount().toPlainString());
        }
        return Json.write(o);
    }
}
