package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Points are exact decimals with two places; every rounding is half-up to the cent. */
public final class Money {
    public static final int SCALE = 2;
    public static final BigDecimal ZERO = BigDecimal.ZERO.setScale(SCALE);

    private Money() {
    }

    /** The amount rounded half-up to the cent. */
    public static BigDecimal of(BigDecimal amount) {
        return amount.setScale(SCALE, RoundingMode.HALF_UP);
    }

    public static BigDecimal of(String amount) {
        return of(new BigDecimal(amount));
    }

    public static BigDecimal of(long amount) {
        return BigDecimal.valueOf(amount).setScale(SCALE);
    }

    /** {@code amount × rate}, rounded half-up to the cent. */
    public static BigDecimal times(BigDecimal amount, BigDecimal rate) {
        return of(amount.multiply(rate));
    }

    public static boolean isPositive(BigDecimal amount) {
        return amount.signum() > 0;
    }
}
