package dev.bullpen.simulate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Locale;

/** Durations as people type them: {@code 250us}, {@code 200ms}, {@code 1.5s}, {@code 2m}, {@code 1h}. */
public final class DurationText {
    private DurationText() {
    }

    /**
     * @throws IllegalArgumentException when the text is not a number followed by us, ms, s, m or h
     */
    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        String[][] units = {{"us", "1000"}, {"ms", "1000000"}, {"s", "1000000000"}, {"m", "60000000000"},
            {"h", "3600000000000"}};
        for (String[] u : units) {
            if (t.endsWith(u[0]) && !(u[0].equals("s") && (t.endsWith("ms") || t.endsWith("us")))) {
                String number = t.substring(0, t.length() - u[0].length()).trim();
                try {
                    BigDecimal nanos = new BigDecimal(number).multiply(new BigDecimal(u[1]));
                    if (nanos.signum() < 0) {
                        break;
                    }
                    return Duration.ofNanos(nanos.longValueExact());
                } catch (NumberFormatException | ArithmeticException e) {
                    break;
                }
            }
        }
        throw new IllegalArgumentException("not a duration (e.g. 200ms, 1.5s, 2m): " + text);
    }

    /** Milliseconds with up to three decimals, e.g. {@code 12.345 ms}. */
    public static String millis(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f ms" : ms >= 10 ? "%.1f ms" : "%.2f ms", ms);
    }
}
