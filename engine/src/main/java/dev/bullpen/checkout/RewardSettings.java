package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

/**
 * How reward points are split and which bonuses exist. The four shares are fractions of a
 * purchase's reward points; {@code treeLevelRate} is a fraction of the tree share per paid level.
 */
public record RewardSettings(BigDecimal treeShare, BigDecimal giftsShare, BigDecimal appShare,
        BigDecimal referralShare, BigDecimal treeLevelRate, Map<Level, BigDecimal> levelGifts,
        BigDecimal signupBonus, boolean signupBonusEnabled, boolean levelGiftsEnabled) {

    public RewardSettings {
        levelGifts = Map.copyOf(levelGifts);
        if (treeShare.add(giftsShare).add(appShare).add(referralShare).compareTo(BigDecimal.ONE) != 0) {
            throw new IllegalArgumentException("the four shares must add up to 1");
        }
    }

    /** The settings of the rules: 0.50 / 0.15 / 0.30 / 0.05, 10 % per level, gifts B10 D20 F30 H40 J50, bonus 50. */
    public static RewardSettings defaults() {
        Map<Level, BigDecimal> gifts = new EnumMap<>(Level.class);
        gifts.put(Level.B, Money.of(10));
        gifts.put(Level.D, Money.of(20));
        gifts.put(Level.F, Money.of(30));
        gifts.put(Level.H, Money.of(40));
        gifts.put(Level.J, Money.of(50));
        return new RewardSettings(new BigDecimal("0.50"), new BigDecimal("0.15"), new BigDecimal("0.30"),
                new BigDecimal("0.05"), new BigDecimal("0.10"), gifts, Money.of(50), true, true);
    }

    public Optional<BigDecimal> levelGift(Level level) {
        return levelGiftsEnabled ? Optional.ofNullable(levelGifts.get(level)) : Optional.empty();
    }

    /**
     * Splits reward points: tree, gifts and referral rounded half-up, the company's app share takes
     * the remainder so that the four always add up exactly to the reward points.
     */
    public Shares split(BigDecimal rewardPoints) {
        BigDecimal rp = Money.of(rewardPoints);
        BigDecimal tree = Money.times(rp, treeShare);
        BigDecimal gifts = Money.times(rp, giftsShare);
        BigDecimal referral = Money.times(rp, referralShare);
        BigDecimal app = rp.subtract(tree).subtract(gifts).subtract(referral);
        return new Shares(rp, tree, gifts, app, referral);
    }
}
