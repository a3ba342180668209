package dev.bullpen.checkout;

/** A reward job names a purchase the database does not have; retrying will not help. */
public class UnknownPurchaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UnknownPurchaseException(String purchaseId) {
        super("purchase " + purchaseId + " not found");
    }
}
