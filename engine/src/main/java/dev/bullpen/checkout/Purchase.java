package dev.bullpen.checkout;

import java.math.BigDecimal;

/**
 * A purchase and the state of its rewards.
 *
 * @param rewardsStatus {@link #PROCESSING} until the reward job commits, then {@link #COMPLETED}
 * @param distribution  JSON of the allocations once completed, else null
 */
public record Purchase(String id, long customerId, BigDecimal total, Shares shares, String address,
        String rewardsStatus, String distribution, long createdAt, Long completedAt) {

    public static final String PROCESSING = "processing";
    public static final String COMPLETED = "completed";

    public boolean isCompleted() {
        return COMPLETED.equals(rewardsStatus);
    }
}
