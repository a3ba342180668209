package dev.bullpen.checkout;

import java.math.BigDecimal;

/** A product: price in points per unit and reward points minted per unit. */
public record Product(long id, String name, BigDecimal price, BigDecimal rewardPoints, boolean active) {
}
