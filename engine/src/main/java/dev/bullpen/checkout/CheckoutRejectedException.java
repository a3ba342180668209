package dev.bullpen.checkout;

import java.math.BigDecimal;

/** A checkout that was refused; nothing was changed. The message says exactly why. */
public class CheckoutRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why a checkout was refused. */
    public enum Reason {
        CUSTOMER_NOT_FOUND, CART_EMPTY, PRODUCT_UNAVAILABLE, INSUFFICIENT_BALANCE
    }

    private final Reason reason;
    private final transient BigDecimal required;
    private final transient BigDecimal available;

    private CheckoutRejectedException(Reason reason, String message, BigDecimal required, BigDecimal available) {
        super(message);
        this.reason = reason;
        this.required = required;
        this.available = available;
    }

    static CheckoutRejectedException customerNotFound(long id) {
        return new CheckoutRejectedException(Reason.CUSTOMER_NOT_FOUND, "customer not found: " + id, null, null);
    }

    static CheckoutRejectedException cartEmpty(long id) {
        return new CheckoutRejectedException(Reason.CART_EMPTY, "cart is empty (customer " + id + ")", null, null);
    }

    static CheckoutRejectedException productMissing(long productId) {
        return new CheckoutRejectedException(Reason.PRODUCT_UNAVAILABLE,
                "product " + productId + " in the cart does not exist", null, null);
    }

    static CheckoutRejectedException productInactive(Product p) {
        return new CheckoutRejectedException(Reason.PRODUCT_UNAVAILABLE,
                "product " + p.id() + " (" + p.name() + ") in the cart is inactive", null, null);
    }

    static CheckoutRejectedException insufficient(BigDecimal required, BigDecimal available) {
        return new CheckoutRejectedException(Reason.INSUFFICIENT_BALANCE, "insufficient balance: required "
                + required.toPlainString() + ", available " + available.toPlainString(), required, available);
    }

    public Reason reason() {
        return reason;
    }

    /** The total, for {@link Reason#INSUFFICIENT_BALANCE}; else null. */
    public BigDecimal required() {
        return required;
    }

    /** The wallet balance, for {@link Reason#INSUFFICIENT_BALANCE}; else null. */
    public BigDecimal available() {
        return available;
    }
}
