package dev.bullpen.simulate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The report as one self-contained HTML page: parameters, summary, and inline SVG charts (latency percentiles
 * and throughput over time, queue depth over time, latency distribution). No script, style sheet or font is
 * loaded from anywhere; the page's data is also embedded as JSON for whoever wants to read it back.
 */
public final class HtmlReport {
    private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd"};
    private static final int W = 760;
    private static final int H = 240;
    private static final int PAD = 48;

    private HtmlReport() {
    }

    public static String render(SimulationReport r) {
        StringBuilder b = new StringBuilder();
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Bullpen simulation</title>");
        b.append("<style>body{font-family:sans-serif;margin:24px;color:#222}table{border-collapse:collapse;"
                + "margin:8px 0}td,th{border:1px solid #ccc;padding:3px 8px;text-align:right}th{background:#f3f3f3}"
                + "td:first-child,th:first-child{text-align:left}.pass{color:#2a7d2a;font-weight:bold}"
                + ".fail{color:#b00;font-weight:bold}svg{background:#fafafa;border:1px solid #ddd;margin:6px 0}"
                + "</style></head><body>");
        b.append("<h1>Bullpen checkout simulation</h1><p>Verdict: <span class=\"").append(r.passed() ? "pass" : "fail")
                .append("\">").append(r.passed() ? "PASS" : "FAIL").append("</span></p>");
        b.append("<h2>Parameters</h2><table>");
        r.parameters().forEach((k, v) -> b.append("<tr><td>").append(esc(k)).append("</td><td>").append(esc(v))
                .append("</td></tr>"));
        b.append("</table><h2>Summary</h2><table><tr><th>measure</th><th>count</th><th>p50</th><th>p90</th>"
                + "<th>p99</th><th>p99.9</th><th>max</th></tr>");
        for (MeasureSummary m : r.measures().values()) {
            b.append("<tr><td>").append(esc(m.name())).append("</td><td>").append(m.count()).append("</td>");
            for (double v : new double[] {m.p50(), m.p90(), m.p99(), m.p999(), m.max()}) {
                b.append("<td>").append(DurationText.millis(v)).append("</td>");
            }
            b.append("</tr>");
        }
        b.append("</table><pre>").append(esc(SummaryTable.render(r))).append("</pre>");

        List<TimelinePoint> t = r.timeline();
        b.append("<h2>Checkout latency over time (per second)</h2>");
        b.append(lineChart(t, "ms", List.of(series("p50", TimelinePoint::checkoutP50Ms),
                series("p95", TimelinePoint::checkoutP95Ms), series("p99", TimelinePoint::checkoutP99Ms),
                series("max", TimelinePoint::checkoutMaxMs))));
        b.append("<h2>Throughput over time</h2>");
        b.append(lineChart(t, "per second", List.of(series("checkouts", p -> p.checkouts()),
                series("reward jobs completed", p -> p.jobsCompleted()), series("rejected/failed", p -> p.failures()))));
        b.append("<h2>Queue depth over time</h2>");
        b.append(lineChart(t, "jobs", List.of(series("waiting", p -> p.waiting()), series("active", p -> p.active()),
                series("delayed", p -> p.delayed()), series("failed", p -> p.failed()))));
        b.append("<h2>Job wait over time (age of the oldest waiting reward job)</h2>");
        b.append(lineChart(t, "ms", List.of(series("oldest waiting job", TimelinePoint::oldestWaitMs))));
        b.append("<h2>Latency distribution</h2>");
        for (Map.Entry<String, List<SimulationReport.Bucket>> e : r.distribution().entrySet()) {
            b.append("<h3>").append(esc(e.getKey())).append("</h3>").append(barChart(e.getValue()));
        }
        b.append("<script type=\"application/json\" id=\"report-data\">")
                .append(r.toJson().replace("</", "<\\/")).append("</script>");
        b.append("</body></html>\n");
        return b.toString();
    }

    private record Series(String name, ToDoubleFunction<TimelinePoint> value) {
    }

    private static Series series(String name, ToDoubleFunction<TimelinePoint> value) {
        return new Series(name, value);
    }

    private static String lineChart(List<TimelinePoint> points, String unit, List<Series> series) {
        if (points.isEmpty()) {
            return "<p>(no samples)</p>";
        }
        double maxX = Math.max(1, points.get(points.size() - 1).second());
        double maxY = 0;
        for (Series s : series) {
            for (TimelinePoint p : points) {
                maxY = Math.max(maxY, s.value().applyAsDouble(p));
            }
        }
        maxY = maxY <= 0 ? 1 : maxY * 1.1;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                W, H + 30, W, H + 30));
        axes(b, maxX, maxY, unit, "seconds");
        int i = 0;
        for (Series s : series) {
            StringBuilder pts = new StringBuilder();
            for (TimelinePoint p : points) {
                pts.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(p.second(), maxX), y(s.value().applyAsDouble(p),
                        maxY)));
            }
            String color = COLORS[i % COLORS.length];
            b.append("<polyline fill=\"none\" stroke-width=\"1.5\" stroke=\"").append(color).append("\" points=\"")
                    .append(pts.toString().trim()).append("\"/>");
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" fill=\"%s\" font-size=\"12\">%s</text>",
                    PAD + 150 * i, H + 24, color, esc(s.name())));
            i++;
        }
        return b.append("</svg>").toString();
    }

    private static String barChart(List<SimulationReport.Bucket> buckets) {
        if (buckets.isEmpty()) {
            return "<p>(no samples)</p>";
        }
        long max = buckets.stream().mapToLong(SimulationReport.Bucket::count).max().orElse(1);
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" role=\"img\">",
                W, H + 30, W, H + 30));
        axes(b, buckets.size(), Math.max(1, max) * 1.1, "count", "latency up to (ms, log scale)");
        double bw = (W - 2.0 * PAD) / buckets.size();
        for (int i = 0; i < buckets.size(); i++) {
            SimulationReport.Bucket k = buckets.get(i);
            double top = y(k.count(), Math.max(1, max) * 1.1);
            b.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                    + "fill=\"%s\"><title>&le; %s: %d</title></rect>", PAD + i * bw + 1, top, Math.max(1, bw - 2),
                    H - PAD / 2.0 - top, COLORS[0], DurationText.millis(k.upToMs()), k.count()));
            if (buckets.size() <= 24 || i % 2 == 0) {
                b.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" font-size=\"9\" text-anchor=\"middle\">"
                        + "%s</text>", PAD + (i + 0.5) * bw, H - PAD / 2 + 12, label(k.upToMs())));
            }
        }
        return b.append("</svg>").toString();
    }

    private static void axes(StringBuilder b, double maxX, double maxY, String yUnit, String xUnit) {
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", PAD,
                H - PAD / 2, W - PAD, H - PAD / 2));
        b.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#555\"/>", PAD,
                PAD / 2, PAD, H - PAD / 2));
        List<Double> ticks = new ArrayList<>();
        for (int i = 0; i <= 4; i++) {
            ticks.add(maxY * i / 4);
        }
        for (double v : ticks) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" font-size=\"10\" text-anchor=\"end\">%s"
                    + "</text><line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#e5e5e5\"/>", PAD - 4,
                    y(v, maxY) + 3, label(v), PAD + 1, y(v, maxY), W - PAD, y(v, maxY)));
        }
        b.append(String.format(Locale.ROOT, "<text x=\"4\" y=\"14\" font-size=\"11\">%s</text>", esc(yUnit)));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\" text-anchor=\"end\">%s %s</text>",
                W - PAD, H - PAD / 2 + 14, xUnit.equals("seconds") ? label(maxX) : "", esc(xUnit)));
    }

    private static double x(double v, double maxX) {
        return PAD + v / maxX * (W - 2.0 * PAD);
    }

    private static double y(double v, double maxY) {
        return H - PAD / 2.0 - v / maxY * (H - PAD);
    }

    private static String label(double v) {
        if (v >= 100 || v == Math.rint(v)) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        return String.format(Locale.ROOT, v >= 10 ? "%.1f" : "%.2f", v);
    }

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
