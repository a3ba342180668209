package dev.bullpen.checkout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.Json;
import java.math.BigDecimal;

/**
 * The payload of a reward job on the {@code checkout} queue; its Bull job id is the purchase id.
 * Amounts travel as decimal strings so that no binary floating point touches them.
 */
public record RewardJob(String purchaseId, long customerId, Shares shares) {
    public static final String QUEUE = "checkout";
    public static final String JOB_NAME = "rewards";

    public String toJson() {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("purchaseId", purchaseId);
        o.put("customerId", customerId);
        o.put("rewardPoints", shares.rewardPoints().toPlainString());
        o.put("treeShare", shares.tree().toPlainString());
        o.put("giftsShare", shares.gifts().toPlainString());
        o.put("appShare", shares.app().toPlainString());
        o.put("referralShare", shares.referral().toPlainString());
        return Json.write(o);
    }

    /**
     * Reads a job's data.
     *
     * @throws IllegalArgumentException when the text is not a reward job
     */
    public static RewardJob fromJson(String text) {
        JsonNode o = Json.parseLenient(text).filter(JsonNode::isObject)
                .orElseThrow(() -> new IllegalArgumentException("reward job data is not a JSON object"));
        if (!o.hasNonNull("purchaseId") || !o.hasNonNull("customerId")) {
            throw new IllegalArgumentException("reward job data needs purchaseId and customerId");
        }
        Shares shares = new Shares(amount(o, "rewardPoints"), amount(o, "treeShare"), amount(o, "giftsShare"),
                amount(o, "appShare"), amount(o, "referralShare"));
        return new RewardJob(o.get("purchaseId").asText(), o.get("customerId").asLong(), shares);
    }

    /** A job naming only the purchase (the processor reads the amounts from the purchase row). */
    public static RewardJob of(String purchaseId, long customerId) {
        return new RewardJob(purchaseId, customerId,
                new Shares(Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO));
    }

    private static BigDecimal amount(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v == null || v.isNull() ? Money.ZERO : Money.of(new BigDecimal(v.asText()));
    }
}
