package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.Optional;

/**
 * A customer as stored.
 *
 * @param parentId the referrer, or null at a tree root
 * @param address  the delivery address, or null
 */
public record Customer(long id, String username, String email, BigDecimal points, BigDecimal openingPoints,
        Level level, String referralStatus, boolean verified, Long parentId, String address) {

    public static final String ACTIVE = "active";

    /** Active means {@code referralStatus = active} and verified. */
    public boolean isActive() {
        return ACTIVE.equals(referralStatus) && verified;
    }

    public Optional<Long> parent() {
        return Optional.ofNullable(parentId);
    }
}
