package dev.bullpen.checkout;

import java.util.Locale;

/** A customer's level; new customers start at {@link #A}, {@link #J} is the top. */
public enum Level {
    A, B, C, D, E, F, G, H, I, J;

    /** The level above this one; {@code J} has none. */
    public Level next() {
        if (this == J) {
            throw new IllegalStateException("J is the top level");
        }
        return values()[ordinal() + 1];
    }

    public boolean isTop() {
        return this == J;
    }

    /** Parses {@code a}..{@code j} (case-insensitive). */
    public static Level parse(String s) {
        return valueOf(s.trim().toUpperCase(Locale.ROOT));
    }
}
