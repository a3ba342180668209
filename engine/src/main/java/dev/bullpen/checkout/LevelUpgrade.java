package dev.bullpen.checkout;

/** A customer moved up one level by a reward job. */
public record LevelUpgrade(long customerId, Level from, Level to) {
}
