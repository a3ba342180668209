package dev.bullpen.simulate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A latency objective, written {@code MEASURE-PERCENTILE=DURATION}: {@code checkout-p99=200ms}. Measures:
 * {@code checkout}, {@code queue-wait} (alias {@code wait}), {@code processing} (alias {@code job}: the reward
 * job's own run time) and {@code end-to-end} (alias {@code e2e}: rewards completed − checkout answered).
 */
public record Slo(String measure, String percentile, Duration limit) {
    public static final List<String> MEASURES = List.of("checkout", "queue-wait", "processing", "end-to-end");
    private static final Map<String, String> ALIASES = Map.of("wait", "queue-wait", "job", "processing",
            "e2e", "end-to-end");

    /** Whether a run met one objective. */
    public record Verdict(Slo slo, double actualMs, boolean met) {
        public String line() {
            return String.format(java.util.Locale.ROOT, "%-24s %-6s actual %s (limit %s)", slo.text(),
                    met ? "met" : "MISSED", DurationText.millis(actualMs), DurationText.millis(slo.limitMs()));
        }
    }

    /**
     * Parses a comma-separated list.
     *
     * @throws IllegalArgumentException naming the part that is not an objective
     */
    public static List<Slo> parseList(String text) {
        List<Slo> slos = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return slos;
        }
        for (String part : text.split(",")) {
            slos.add(parse(part.trim()));
        }
        return slos;
    }

    public static Slo parse(String text) {
        int eq = text.indexOf('=');
        int dash = eq < 0 ? -1 : text.lastIndexOf('-', eq);
        if (eq < 0 || dash < 0) {
            throw new IllegalArgumentException("an SLO looks like checkout-p99=200ms, got " + text);
        }
        String measure = text.substring(0, dash).trim();
        measure = ALIASES.getOrDefault(measure, measure);
        if (!MEASURES.contains(measure)) {
            throw new IllegalArgumentException("unknown measure '" + measure + "' in " + text + " (checkout, "
                    + "queue-wait, processing or job, end-to-end or e2e)");
        }
        String percentile = text.substring(dash + 1, eq).trim();
        if (!List.of("p50", "p90", "p99", "p99.9", "max", "mean").contains(percentile)) {
            throw new IllegalArgumentException("unknown percentile '" + percentile + "' in " + text
                    + " (p50, p90, p99, p99.9, max, mean)");
        }
        return new Slo(measure, percentile, DurationText.parse(text.substring(eq + 1)));
    }

    public double limitMs() {
        return limit.toNanos() / 1e6;
    }

    public String text() {
        return measure + "-" + percentile + "=" + DurationText.millis(limitMs()).replace(" ", "");
    }

    /** Judges the run; an objective on a measure with no samples is missed (nothing proves it). */
    public Verdict judge(Map<String, MeasureSummary> measures) {
        Optional<MeasureSummary> m = Optional.ofNullable(measures.get(measure));
        if (m.isEmpty() || m.get().count() == 0) {
            return new Verdict(this, Double.NaN, false);
        }
        double actual = m.get().at(percentile);
        return new Verdict(this, actual, actual <= limitMs());
    }
}
