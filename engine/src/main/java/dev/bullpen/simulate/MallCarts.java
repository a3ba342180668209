package dev.bullpen.simulate;

import dev.bullpen.checkout.CartItem;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.Product;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/**
 * Fills a customer's cart before a simulated checkout: the cart is emptied, then one of the three cheapest active
 * products is put in, so that wallets last through a long run (rewards also flow back into them) and the run
 * measures purchases rather than "insufficient balance" refusals. Those still happen and are counted.
 */
public final class MallCarts implements LoadSimulator.CartFiller {
    static final int CHEAPEST = 3;

    private final MallStore store;
    private final List<Product> products;

    public MallCarts(MallStore store) {
        this.store = store;
        List<Product> active = store.products().stream().filter(Product::active)
                .sorted(Comparator.comparing(Product::price)).toList();
        if (active.isEmpty()) {
            throw new IllegalStateException("the mall has no active product");
        }
        this.products = active.subList(0, Math.min(CHEAPEST, active.size()));
    }

    @Override
    public void fill(long customerId, Random random) {
        store.inTransaction(tx -> {
            tx.clearCart(customerId);
            return null;
        });
        Product p = products.get(random.nextInt(products.size()));
        store.putCartItem(customerId, new CartItem(p.id(), 1, p.price()));
    }
}
