package dev.bullpen.checkout;

import java.math.BigDecimal;

/**
 * One ledger row. Customer rows change that customer's wallet by {@code amount}; company rows are
 * company revenue; pool rows are gifts-pool income.
 *
 * @param customerId the customer for {@link Account#CUSTOMER} rows, else null
 * @param related    the purchase the row came from
 */
public record LedgerEntry(long id, Account account, Long customerId, BigDecimal amount, LedgerType type,
        String status, String description, String related, long createdAt) {

    /** A row to append (the id is assigned by the store). */
    public static LedgerEntry of(Account account, Long customerId, BigDecimal amount, LedgerType type,
            String description, String related, long now) {
        return new LedgerEntry(0, account, customerId, amount, type, "completed", description, related, now);
    }
}
