package dev.bullpen.queue.redis;

import java.util.OptionalLong;

/** Numbers in hash fields that any client may have written. */
final class StoredNumber {
    private StoredNumber() {
    }

    /** A decimal number as stored by Bull ({@code "1700000000000"}, or a JS float), else empty. */
    static OptionalLong parse(String text) {
        if (text == null || text.isBlank()) {
            return OptionalLong.empty();
        }
        String t = text.trim();
        try {
            return OptionalLong.of(Long.parseLong(t));
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(t);
                return Double.isFinite(d) ? OptionalLong.of((long) d) : OptionalLong.empty();
            } catch (NumberFormatException e2) {
                return OptionalLong.empty();
            }
        }
    }
}
