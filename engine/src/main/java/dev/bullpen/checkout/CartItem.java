package dev.bullpen.checkout;

import java.math.BigDecimal;

/**
 * One line of a cart.
 *
 * @param storedPrice the price the cart remembers; never used for pricing (it may be stale or forged)
 */
public record CartItem(long productId, int quantity, BigDecimal storedPrice) {
}
