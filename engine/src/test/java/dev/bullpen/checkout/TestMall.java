package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * A deterministic mall for the checkout ITs: a referral tree whose buyers share ancestors, with repeated
 * levels, inactive and unverified customers and several J ancestors, built so that no level upgrade can
 * happen (no customer has two direct referrals at or above its own level). The rewards of every
 * purchase are then independent of the order in which jobs run, so exact balances can be predicted.
 */
final class TestMall {
    static final long TEA = 1;
    static final long MUG = 2;
    static final long OLD = 3;
    static final BigDecimal OPENING = new BigDecimal("1000.00");
    static final BigDecimal POOL = new BigDecimal("1000000.00");

    final List<Long> buyers = new ArrayList<>();
    final Map<Long, Customer> customers = new HashMap<>();

    static TestMall build(MallStore store, int ancestors, int buyerCount, long seed) {
        TestMall mall = new TestMall();
        Random random = new Random(seed);
        store.insertProduct(new Product(TEA, "Tea", new BigDecimal("12.34"), new BigDecimal("7.77"), true));
        store.insertProduct(new Product(MUG, "Mug", new BigDecimal("5.00"), new BigDecimal("1.01"), true));
        store.insertProduct(new Product(OLD, "Old", new BigDecimal("1.00"), new BigDecimal("1.00"), false));
        Map<Long, Integer> depth = new HashMap<>();
        Set<Long> hasHighChild = new HashSet<>();
        int total = ancestors + buyerCount;
        for (long id = 1; id <= total; id++) {
            Long parent = null;
            Level level;
            if (id <= 3) {
                level = Level.values()[Level.J.ordinal() - (int) id + 1];
            } else {
                while (true) {
                    long candidate = 1 + random.nextInt((int) Math.min(id - 1, ancestors));
                    if (depth.get(candidate) >= 14) {
                        continue;
                    }
                    Level parentLevel = mall.customers.get(candidate).level();
                    level = random.nextInt(4) == 0 ? Level.J : Level.values()[random.nextInt(10)];
                    if (level.compareTo(parentLevel) >= 0) {
                        if (!hasHighChild.add(candidate)) {
                            if (parentLevel == Level.A) {
                                continue;
                            }
                            level = Level.values()[random.nextInt(parentLevel.ordinal())];
                        }
                    }
                    parent = candidate;
                    break;
                }
            }
            depth.put(id, parent == null ? 0 : depth.get(parent) + 1);
            boolean active = random.nextInt(100) < 85;
            boolean verified = random.nextInt(100) < 95;
            Customer c = new Customer(id, "c" + id, "c" + id + "@example.com", OPENING, OPENING, level,
                    active ? Customer.ACTIVE : "inactive", verified, parent, null);
            store.insertCustomer(c);
            mall.customers.put(id, c);
            if (id > ancestors) {
                mall.buyers.add(id);
                fillCart(store, id);
            }
        }
        store.openPool(POOL);
        return mall;
    }

    static void fillCart(MallStore store, long id) {
        store.putCartItem(id, new CartItem(TEA, 1 + (int) (id % 3), new BigDecimal("0.01")));
        if (id % 2 == 0) {
            store.putCartItem(id, new CartItem(MUG, 1, null));
        }
    }

    /** The total of {@link #fillCart}: prices from the product table. */
    static BigDecimal cartTotal(long id) {
        BigDecimal tea = new BigDecimal("12.34").multiply(BigDecimal.valueOf(1 + id % 3));
        return Money.of(id % 2 == 0 ? tea.add(new BigDecimal("5.00")) : tea);
    }

    static BigDecimal cartRewardPoints(long id) {
        BigDecimal tea = new BigDecimal("7.77").multiply(BigDecimal.valueOf(1 + id % 3));
        return Money.of(id % 2 == 0 ? tea.add(new BigDecimal("1.01")) : tea);
    }

    /** The reward input of a first purchase by {@code buyer}, from the initial tree. */
    RewardInput firstPurchaseInput(String purchaseId, long buyer) {
        List<ChainMember> chain = new ArrayList<>();
        Long next = buyer;
        while (next != null) {
            Customer c = customers.get(next);
            Map<Level, Integer> referrals = new HashMap<>();
            for (Customer child : customers.values()) {
                if (child.parentId() != null && child.parentId() == c.id()) {
                    referrals.merge(child.level(), 1, Integer::sum);
                }
            }
            chain.add(new ChainMember(c.id(), c.level(), c.isActive(), referrals));
            next = c.parentId();
        }
        return new RewardInput(purchaseId, chain.get(0), chain.subList(1, chain.size()),
                RewardSettings.defaults().split(cartRewardPoints(buyer)), true, POOL);
    }
}
