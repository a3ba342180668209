package dev.bullpen.checkout;

import java.math.BigDecimal;

/**
 * One payment decided by the reward calculation.
 *
 * @param customerId the paid customer for {@link Account#CUSTOMER}, else null
 */
public record Allocation(Account account, Long customerId, LedgerType type, BigDecimal amount, String description) {

    static Allocation toCustomer(long customerId, LedgerType type, BigDecimal amount, String description) {
        return new Allocation(Account.CUSTOMER, customerId, type, amount, description);
    }
}
