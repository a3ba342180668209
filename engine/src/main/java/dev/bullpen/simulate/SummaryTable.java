package dev.bullpen.simulate;

import java.util.Locale;
import java.util.Map;

/** The end-of-run summary as plain text. */
public final class SummaryTable {
    private SummaryTable() {
    }

    public static String render(SimulationReport r) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "%-12s %8s %10s %10s %10s %10s %10s%n", "measure", "count", "p50", "p90",
                "p99", "p99.9", "max"));
        for (MeasureSummary m : r.measures().values()) {
            b.append(String.format(Locale.ROOT, "%-12s %8d %10s %10s %10s %10s %10s%n", m.name(), m.count(),
                    DurationText.millis(m.p50()), DurationText.millis(m.p90()), DurationText.millis(m.p99()),
                    DurationText.millis(m.p999()), DurationText.millis(m.max())));
        }
        b.append(String.format(Locale.ROOT, "%nthroughput   %.1f checkouts/s (%d in %.1f s of load)%n", r.throughput(),
                r.checkouts(), r.loadSeconds()));
        b.append("rejected     ").append(r.rejected()).append(reasons(r.rejections())).append('\n');
        b.append("errors       ").append(r.failed()).append(reasons(r.errors())).append('\n');
        MeasureSummary endToEnd = r.measures().get("end-to-end");
        b.append(String.format(Locale.ROOT, "rewards      %d of %d purchases completed%s%s; queue %s in %.1f s%n",
                r.rewardsCompleted(), r.checkouts(),
                endToEnd == null || endToEnd.count() == r.rewardsCompleted() ? ""
                        : " (" + endToEnd.count() + " timed: the others' job hashes were not readable)",
                r.rewardsFailed() == 0 ? ""
                        : ", " + r.rewardsFailed() + " failed for good (in the failed list: retry them)",
                r.drained() ? "drained" : "NOT drained", r.drainSeconds()));
        if (r.audit() != null) {
            b.append(String.format(Locale.ROOT, "audit        %s (%d purchases, %d customers, %d violation(s))%n",
                    r.audit().clean() ? "clean" : "VIOLATIONS", r.audit().purchases(), r.audit().customers(),
                    r.audit().violations().size()));
            r.audit().violations().stream().limit(20).forEach(v -> b.append("  ").append(v).append('\n'));
        } else {
            b.append("audit        not run\n");
        }
        for (Slo.Verdict v : r.slos()) {
            b.append("slo          ").append(v.line()).append('\n');
        }
        b.append("verdict      ").append(r.passed() ? "PASS" : "FAIL").append('\n');
        return b.toString();
    }

    private static String reasons(Map<String, Long> byReason) {
        if (byReason.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder(" (");
        byReason.forEach((k, v) -> b.append(b.length() > 2 ? ", " : "").append(k).append(": ").append(v));
        return b.append(')').toString();
    }
}
