package dev.bullpen.app.lab;

import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.simulate.DurationText;
import java.util.Locale;

/** How the lab and the Workers screen write latencies and databases. */
public final class LabText {
    private LabText() {
    }

    /** {@code 0.42 ms}, {@code 12.5 ms}, {@code 980 ms}, then seconds from 10 s: {@code 15.1 s}. */
    public static String millis(double ms) {
        return ms < 10_000 ? DurationText.millis(ms) : String.format(Locale.ROOT, "%.1f s", ms / 1000);
    }

    /** A JDBC URL without password and without its settings: {@code jdbc:h2:file:/home/me/.bullpen/lab/mall}. */
    public static String database(String url) {
        String safe = JdbcMallStore.safe(url);
        int semicolon = safe.indexOf(';');
        return semicolon < 0 ? safe : safe.substring(0, semicolon);
    }
}
