package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Builds a demo mall, the same for the same seed: products (some inactive), a referral tree of at most
 * {@code depth} generations with a spread of levels (more low levels than high), some inactive or
 * unverified customers, wallet balances, filled carts (a few holding an inactive product, which
 * checkout refuses) and an opening gifts pool.
 */
public final class Seeder {
    /** What was created. */
    public record Result(int customers, int products, int carts, int roots, int maxDepth) {
    }

    static final int PRODUCTS = 12;
    static final int INACTIVE_PRODUCTS = 2;
    private static final int[] LEVEL_WEIGHTS = {30, 20, 14, 10, 8, 6, 4, 3, 3, 2};
    private static final String[] NAMES = {"Tea", "Coffee", "Mug", "Lamp", "Scarf", "Notebook", "Pen", "Backpack",
        "Headphones", "Kettle", "Umbrella", "Candle"};

    private final MallStore store;

    public Seeder(MallStore store) {
        this.store = store;
    }

    /**
     * Seeds an empty store.
     *
     * @throws IllegalStateException when the store already has customers or products
     */
    public Result seed(int customers, int depth, long seed) {
        if (customers < 1 || depth < 1) {
            throw new IllegalArgumentException("customers and depth must be 1 or more");
        }
        if (!store.customers().isEmpty() || !store.products().isEmpty()) {
            throw new IllegalStateException("the mall is not empty (use --reset to start over)");
        }
        Random random = new Random(seed);
        List<Product> active = new ArrayList<>();
        List<Product> inactive = new ArrayList<>();
        for (int i = 1; i <= PRODUCTS; i++) {
            BigDecimal price = BigDecimal.valueOf(5 + random.nextInt(196) * 50L, 1).setScale(Money.SCALE);
            BigDecimal reward = Money.of(price.multiply(BigDecimal.valueOf(10 + random.nextInt(31), 2)));
            Product p = new Product(i, NAMES[(i - 1) % NAMES.length], Money.of(price), reward,
                    i <= PRODUCTS - INACTIVE_PRODUCTS);
            store.insertProduct(p);
            (p.active() ? active : inactive).add(p);
        }
        int[] depthOf = new int[customers + 1];
        List<Integer> canParent = new ArrayList<>();
        int roots = 0;
        int maxDepth = 0;
        int carts = 0;
        for (int id = 1; id <= customers; id++) {
            Long parent = null;
            if (id > 1 && !canParent.isEmpty() && random.nextInt(100) >= 3) {
                parent = (long) canParent.get(random.nextInt(canParent.size()));
                depthOf[id] = depthOf[parent.intValue()] + 1;
            } else {
                roots++;
            }
            maxDepth = Math.max(maxDepth, depthOf[id] + 1);
            if (depthOf[id] + 1 < depth) {
                canParent.add(id);
            }
            Level level = pickLevel(random);
            String status = random.nextInt(100) < 90 ? Customer.ACTIVE : "inactive";
            boolean verified = random.nextInt(100) < 93;
            BigDecimal points = BigDecimal.valueOf(20_000 + random.nextInt(480_000), 2);
            String address = random.nextInt(100) < 60 ? id + " Market Street, Springfield" : null;
            store.insertCustomer(new Customer(id, "customer" + id, "customer" + id + "@example.com", points, points,
                    level, status, verified, parent, address));
            if (random.nextInt(100) < 85) {
                carts++;
                int lines = 1 + random.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    Product p = active.get(random.nextInt(active.size()));
                    store.putCartItem(id, new CartItem(p.id(), 1 + random.nextInt(3), p.price()));
                }
                if (random.nextInt(100) < 3) {
                    Product p = inactive.get(random.nextInt(inactive.size()));
                    store.putCartItem(id, new CartItem(p.id(), 1, p.price()));
                }
            }
        }
        store.openPool(Money.of(500));
        return new Result(customers, PRODUCTS, carts, roots, maxDepth);
    }

    private static Level pickLevel(Random random) {
        int total = 0;
        for (int w : LEVEL_WEIGHTS) {
            total += w;
        }
        int r = random.nextInt(total);
        for (int i = 0; i < LEVEL_WEIGHTS.length; i++) {
            r -= LEVEL_WEIGHTS[i];
            if (r < 0) {
                return Level.values()[i];
            }
        }
        return Level.A;
    }
}
