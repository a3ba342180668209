package dev.bullpen.checkout;

/** Whose money a ledger row moves: a customer's wallet, the company, or the gifts pool. */
public enum Account {
    CUSTOMER, COMPANY, POOL;

    public String dbName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Account parse(String s) {
        return valueOf(s.toUpperCase(java.util.Locale.ROOT));
    }
}
