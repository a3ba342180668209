package dev.bullpen.checkout;

import java.util.Map;

/**
 * The buyer or one of their ancestors, as the reward calculation needs them.
 *
 * @param directReferrals the member's direct referrals counted by level
 */
public record ChainMember(long id, Level level, boolean active, Map<Level, Integer> directReferrals) {
    public ChainMember {
        directReferrals = Map.copyOf(directReferrals);
    }
}
