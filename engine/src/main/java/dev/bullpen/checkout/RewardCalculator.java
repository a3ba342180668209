package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The reward rules as a pure calculation (no database, no clock): tree distribution, referral share,
 * company revenue, gifts pool income, signup bonus and level upgrades with their gifts.
 */
public final class RewardCalculator {
    private final RewardSettings settings;

    public RewardCalculator(RewardSettings settings) {
        this.settings = settings;
    }

    public RewardPlan plan(RewardInput in) {
        String pid = in.purchaseId();
        Shares shares = in.shares();
        List<Allocation> out = new ArrayList<>();

        // 1. tree: nearest active ancestor per level A..I, J ancestors share one slice
        BigDecimal slice = Money.times(shares.tree(), settings.treeLevelRate());
        BigDecimal remainingTree = shares.tree();
        Set<Level> paidLevels = EnumSet.noneOf(Level.class);
        List<ChainMember> topLevel = new ArrayList<>();
        for (ChainMember a : in.ancestors()) {
            if (!a.active()) {
                continue;
            }
            if (a.level().isTop()) {
                topLevel.add(a);
            } else if (paidLevels.add(a.level())) {
                BigDecimal amount = slice.min(remainingTree);
                if (Money.isPositive(amount)) {
                    out.add(Allocation.toCustomer(a.id(), LedgerType.TREE_REWARD, amount,
                            "level " + a.level() + " tree reward from purchase " + pid));
                    remainingTree = remainingTree.subtract(amount);
                }
            }
        }
        if (!topLevel.isEmpty()) {
            BigDecimal each = equalPart(slice.min(remainingTree), topLevel.size());
            if (Money.isPositive(each)) {
                for (ChainMember j : topLevel) {
                    out.add(Allocation.toCustomer(j.id(), LedgerType.TREE_REWARD_SHARED, each,
                            "level J shared tree reward (1/" + topLevel.size() + ") from purchase " + pid));
                    remainingTree = remainingTree.subtract(each);
                }
            }
        }
        BigDecimal company = shares.app().add(remainingTree);

        // 3. gifts pool income
        BigDecimal pool = in.poolBalance();
        BigDecimal poolDelta = Money.ZERO;
        if (Money.isPositive(shares.gifts())) {
            out.add(new Allocation(Account.POOL, null, LedgerType.GIFTS_REWARD, shares.gifts(),
                    "gifts pool income from purchase " + pid));
            pool = pool.add(shares.gifts());
            poolDelta = poolDelta.add(shares.gifts());
        }

        // 4. referral share: parent on a first purchase (if active), buyer later, else the company
        Optional<ChainMember> parent = in.ancestors().stream().findFirst();
        if (Money.isPositive(shares.referral())) {
            if (!in.firstPurchase()) {
                out.add(Allocation.toCustomer(in.buyer().id(), LedgerType.DIRECT_REFERRAL_REWARD, shares.referral(),
                        "referral share of own repeat purchase " + pid));
            } else if (parent.isPresent() && parent.get().active()) {
                out.add(Allocation.toCustomer(parent.get().id(), LedgerType.DIRECT_REFERRAL_REWARD,
                        shares.referral(), "direct referral reward from first purchase " + pid));
            } else {
                company = company.add(shares.referral());
            }
        }
        if (Money.isPositive(company)) {
            out.add(new Allocation(Account.COMPANY, null, LedgerType.APP_REWARD, company,
                    "company revenue from purchase " + pid));
        }

        // 5. signup bonus, only when the pool covers it
        BigDecimal bonus = settings.signupBonus();
        if (in.firstPurchase() && settings.signupBonusEnabled() && Money.isPositive(bonus) && pool.compareTo(bonus) >= 0) {
            out.add(Allocation.toCustomer(in.buyer().id(), LedgerType.SIGNUP_GIFTS_REWARD, bonus,
                    "signup bonus on first purchase " + pid));
            pool = pool.subtract(bonus);
            poolDelta = poolDelta.subtract(bonus);
        }

        // 6. level upgrades from the buyer up; a child's upgrade counts for its parent
        List<LevelUpgrade> upgrades = new ArrayList<>();
        List<ChainMember> chain = new ArrayList<>();
        chain.add(in.buyer());
        chain.addAll(in.ancestors());
        LevelUpgrade childUpgrade = null;
        for (ChainMember m : chain) {
            Map<Level, Integer> counts = new EnumMap<>(Level.class);
            counts.putAll(m.directReferrals());
            if (childUpgrade != null) {
                counts.merge(childUpgrade.from(), -1, Integer::sum);
                counts.merge(childUpgrade.to(), 1, Integer::sum);
            }
            childUpgrade = upgradeOf(m, counts).orElse(null);
            if (childUpgrade != null) {
                upgrades.add(childUpgrade);
                Optional<BigDecimal> gift = settings.levelGift(childUpgrade.to());
                if (gift.isPresent() && Money.isPositive(gift.get()) && pool.compareTo(gift.get()) >= 0) {
                    out.add(Allocation.toCustomer(m.id(), LedgerType.LEVEL_GIFT_REWARD, gift.get(),
                            "level " + childUpgrade.to() + " gift (purchase " + pid + ")"));
                    pool = pool.subtract(gift.get());
                    poolDelta = poolDelta.subtract(gift.get());
                }
            }
        }
        return new RewardPlan(out, upgrades, poolDelta);
    }

    /** The lowest level L in A..I with two or more direct referrals whose next level is above the member's. */
    static Optional<LevelUpgrade> upgradeOf(ChainMember m, Map<Level, Integer> counts) {
        for (Level l : Level.values()) {
            if (l.isTop()) {
                break;
            }
            if (counts.getOrDefault(l, 0) >= 2 && l.next().compareTo(m.level()) > 0) {
                return Optional.of(new LevelUpgrade(m.id(), m.level(), l.next()));
            }
        }
        return Optional.empty();
    }

    /**
     * {@code amount / n} rounded half-up to the cent, or down when half-up would pay out more than
     * {@code amount}; the remainder stays with the caller (it goes to the company).
     */
    static BigDecimal equalPart(BigDecimal amount, int n) {
        BigDecimal count = BigDecimal.valueOf(n);
        BigDecimal each = amount.divide(count, Money.SCALE, RoundingMode.HALF_UP);
        if (each.multiply(count).compareTo(amount) > 0) {
            each = amount.divide(count, Money.SCALE, RoundingMode.DOWN);
        }
        return each;
    }
}
