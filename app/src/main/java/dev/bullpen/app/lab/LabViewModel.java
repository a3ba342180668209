package dev.bullpen.app.lab;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Errors;
import dev.bullpen.lab.Lab;
import dev.bullpen.lab.RunHistory;
import dev.bullpen.simulate.HtmlReport;
import dev.bullpen.simulate.LiveSnapshot;
import dev.bullpen.simulate.MeasureSummary;
import dev.bullpen.simulate.Simulation;
import dev.bullpen.simulate.SimulationReport;
import dev.bullpen.simulate.Slo;
import dev.bullpen.simulate.TimelinePoint;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load-test lab: the form, Start and Stop, the live numbers and the timeline of the run (published once a
 * second by the simulator's sampler, applied on the FX thread), the final summary with its verdicts, exports, and
 * the history of runs with a side-by-side comparison of two. The run itself goes on a thread of its own; the FX
 * thread only ever applies finished snapshots. Changed only on the FX thread.
 */
public final class LabViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(LabViewModel.class);

    /** Where the lab stands. */
    public enum State {
        IDLE, STARTING, RUNNING, STOPPING
    }

    /** One line of the summary table (times in ms, as text). */
    public record MeasureRow(String measure, String count, String p50, String p90, String p99, String p999,
            String max) {
    }

    /** One verdict: what was judged, what was seen, and whether it is good. */
    public record VerdictRow(String what, String detail, boolean ok) {
    }

    /** One saved run in the history table. */
    public record RunRow(String id, String started, String load, String duration, String checkouts, String throughput,
            String checkoutP99, String verdict, SimulationReport report) {
    }

    /** One line of the comparison of two runs. */
    public record CompareRow(String what, String a, String b, String change) {
    }

    /** Starts the run's thread; tests may run it on theirs. */
    @FunctionalInterface
    public interface RunStarter {
        void start(String name, Runnable run);
    }

    private final Lab lab;
    private final Background background;
    private final Executor fx;
    private final RunStarter runs;
    private final boolean readOnly;
    private final Clock clock;
    private final DateTimeFormatter started;
    private final LabForm form = new LabForm();

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyStringWrapper phase = new ReadOnlyStringWrapper(this, "phase", "Not started");
    private final ReadOnlyStringWrapper elapsed = new ReadOnlyStringWrapper(this, "elapsed", "—");
    private final ReadOnlyStringWrapper checkouts = new ReadOnlyStringWrapper(this, "checkouts", "—");
    private final ReadOnlyStringWrapper perSecond = new ReadOnlyStringWrapper(this, "perSecond", "—");
    private final ReadOnlyStringWrapper rejected = new ReadOnlyStringWrapper(this, "rejected", "—");
    private final ReadOnlyStringWrapper checkoutP99 = new ReadOnlyStringWrapper(this, "checkoutP99", "—");
    private final ReadOnlyStringWrapper queueDepth = new ReadOnlyStringWrapper(this, "queueDepth", "—");
    private final ReadOnlyStringWrapper jobWait = new ReadOnlyStringWrapper(this, "jobWait", "—");
    private final ObservableList<TimelinePoint> timeline = FXCollections.observableArrayList();

    private final ReadOnlyObjectWrapper<SimulationReport> report = new ReadOnlyObjectWrapper<>(this, "report");
    private final ReadOnlyStringWrapper reportTitle = new ReadOnlyStringWrapper(this, "reportTitle", "");
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper(this, "verdict", "");
    private final ReadOnlyBooleanWrapper passed = new ReadOnlyBooleanWrapper(this, "passed");
    private final ObservableList<MeasureRow> measures = FXCollections.observableArrayList();
    private final ObservableList<VerdictRow> verdicts = FXCollections.observableArrayList();

    private final ObservableList<RunRow> history = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper historyStatus = new ReadOnlyStringWrapper(this, "historyStatus", "");
    private final ObservableList<CompareRow> comparison = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper comparisonTitle = new ReadOnlyStringWrapper(this, "comparisonTitle",
            "Select two runs and press Compare");

    private volatile Simulation simulation;
    private volatile boolean stopAsked;
    private volatile boolean closed;

    /**
     * @param runs     starts the thread a run goes on
     * @param readOnly refuse to start runs (they write jobs and a database)
     */
    public LabViewModel(Lab lab, Background background, RunStarter runs, boolean readOnly, Clock clock,
            ZoneId zone) {
        this.lab = lab;
        this.background = background;
        this.fx = background.fx();
        this.runs = runs;
        this.readOnly = readOnly;
        this.clock = clock;
        this.started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
        if (readOnly) {
            say("Read-only: the lab is off (a run writes jobs and a mall database).", false);
        }
    }

    public LabForm form() {
        return form;
    }

    /** The lab's key prefix and database, for the screen's header. */
    public String where() {
        return "Runs under key prefix " + lab.prefix() + " (its own checkout queue, apart from the queues the console "
                + "watches) on a fresh mall in " + LabText.database(lab.defaultDbUrl()) + " unless a database is given.";
    }

    /** The database the form names, or the lab's own; for the workers the Workers screen starts. */
    public String databaseUrl() {
        String db = form.databaseProperty().get();
        return db == null || db.isBlank() ? lab.defaultDbUrl() : db.trim();
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Starts a run with the form's values; a value that does not read, or read-only mode, is said instead. */
    public void start() {
        if (state.get() != State.IDLE) {
            return;
        }
        if (readOnly) {
            say("Read-only: a load test writes jobs and a mall database; start the console without --read-only.",
                    true);
            return;
        }
        Lab.Plan plan;
        try {
            plan = form.plan();
        } catch (LabForm.FieldException e) {
            say(e.getMessage(), true);
            return;
        }
        state.set(State.STARTING);
        stopAsked = false;
        report.set(null);
        timeline.clear();
        clearLive();
        phase.set("Starting");
        say("Checking the lab queue and preparing the mall…", false);
        runs.start("bullpen-lab-run", () -> run(plan));
    }

    /** Ends the load early; the drain, audit and verdicts still come. */
    public void stop() {
        if (state.get() != State.RUNNING && state.get() != State.STARTING) {
            return;
        }
        stopAsked = true;
        Simulation s = simulation;
        if (s != null) {
            s.stop();
        }
        state.set(State.STOPPING);
        say("Stopping: no new checkouts; draining the queue, then the audit.", false);
    }

    /** On the run's thread: prepares, runs to the end, saves the run; results go to the FX thread. */
    private void run(Lab.Plan plan) {
        Simulation s;
        try {
            s = lab.prepare(plan, clock);
        } catch (RuntimeException e) {
            LOG.warn("Lab run not started: {}", e.getMessage(), e);
            publish(() -> {
                state.set(State.IDLE);
                phase.set("Not started");
                say("Not started: " + Errors.sentence(e), true);
            });
            return;
        }
        simulation = s;
        if (closed || stopAsked) {
            s.stop();
        }
        publish(() -> {
            if (state.get() == State.STARTING) {
                state.set(State.RUNNING);
            }
        });
        SimulationReport result;
        try {
            result = s.run(snapshot -> publish(() -> applyLive(snapshot)), line -> publish(() -> say(line, false)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            publish(() -> finishFailed("interrupted"));
            return;
        } catch (RuntimeException e) {
            LOG.warn("Lab run failed: {}", e.getMessage(), e);
            publish(() -> finishFailed(Errors.sentence(e)));
            return;
        } finally {
            simulation = null;
        }
        Optional<String> saveProblem = Optional.empty();
        try {
            lab.history().save(result);
        } catch (UncheckedIOException e) {
            saveProblem = Optional.of(e.getMessage());
        }
        Optional<String> problem = saveProblem;
        publish(() -> {
            state.set(State.IDLE);
            show(result, "This run, " + started.format(Instant.ofEpochMilli(result.startedAtMillis())));
            say(problem.map(p -> "Finished, but " + p).orElse("Finished: " + (result.passed() ? "PASS" : "FAIL")
                    + ". Saved in the history."), problem.isPresent());
            loadHistory();
        });
    }

    private void finishFailed(String why) {
        state.set(State.IDLE);
        phase.set("Failed");
        say("The run failed: " + why, true);
    }

    /** One second of a running simulation. */
    void applyLive(LiveSnapshot s) {
        elapsed.set(String.format(Locale.ROOT, "%.0f s", s.elapsedSeconds()));
        checkouts.set(String.format(Locale.ROOT, "%,d", s.checkouts()));
        perSecond.set(String.format(Locale.ROOT, "%,.0f", s.perSecond()));
        rejected.set(String.format(Locale.ROOT, "%,d", s.failures()));
        checkoutP99.set(LabText.millis(s.checkoutP99Ms()));
        queueDepth.set(String.format(Locale.ROOT, "%,d waiting · %,d active · %,d delayed · %,d failed", s.waiting(),
                s.active(), s.delayed(), s.failed()));
        jobWait.set(s.point() == null ? "—" : LabText.millis(s.point().oldestWaitMs()));
        phase.set(switch (s.phase()) {
            case "load" -> "Load running";
            case "drain" -> "Draining the queue";
            case "done" -> "Auditing";
            default -> s.phase();
        });
        if (s.point() != null) {
            timeline.add(s.point());
        }
    }

    private void clearLive() {
        for (ReadOnlyStringWrapper w : List.of(elapsed, checkouts, perSecond, rejected, checkoutP99, queueDepth,
                jobWait)) {
            w.set("—");
        }
    }

    /** Shows a finished run: summary, verdicts and its timeline. */
    void show(SimulationReport r, String title) {
        report.set(r);
        reportTitle.set(title);
        passed.set(r.passed());
        verdict.set(r.passed() ? "PASS" : "FAIL");
        measures.setAll(r.measures().values().stream().map(m -> new MeasureRow(m.name(),
                String.format(Locale.ROOT, "%,d", m.count()), ms(m.count(), m.p50()), ms(m.count(), m.p90()),
                ms(m.count(), m.p99()), ms(m.count(), m.p999()), ms(m.count(), m.max()))).toList());
        verdicts.setAll(verdictsOf(r));
        timeline.setAll(r.timeline());
        phase.set("Done");
        TimelinePoint last = r.timeline().isEmpty() ? null : r.timeline().get(r.timeline().size() - 1);
        elapsed.set(String.format(Locale.ROOT, "%.0f s", r.loadSeconds()));
        checkouts.set(String.format(Locale.ROOT, "%,d", r.checkouts()));
        perSecond.set(String.format(Locale.ROOT, "%,.0f", r.throughput()));
        rejected.set(String.format(Locale.ROOT, "%,d", r.rejected() + r.failed()));
        checkoutP99.set(ms(r.measures().getOrDefault("checkout", empty()).count(),
                r.measures().getOrDefault("checkout", empty()).p99()));
        queueDepth.set(last == null ? "—" : String.format(Locale.ROOT,
                "%,d waiting · %,d active · %,d delayed · %,d failed", last.waiting(), last.active(), last.delayed(),
                last.failed()));
        jobWait.set(ms(r.measures().getOrDefault("queue-wait", empty()).count(),
                r.measures().getOrDefault("queue-wait", empty()).p99()) + " p99");
    }

    private static MeasureSummary empty() {
        return new MeasureSummary("", 0, 0, 0, 0, 0, 0, 0);
    }

    private static String ms(long count, double v) {
        return count == 0 ? "—" : LabText.millis(v);
    }

    static List<VerdictRow> verdictsOf(SimulationReport r) {
        List<VerdictRow> out = new ArrayList<>();
        out.add(new VerdictRow("Queue drained", r.drained()
                ? String.format(Locale.ROOT, "yes, in %.1f s after the load", r.drainSeconds())
                : String.format(Locale.ROOT, "NO: still busy after %.0f s", r.drainSeconds()), r.drained()));
        out.add(new VerdictRow("Rewards", String.format(Locale.ROOT, "%,d of %,d purchases paid", r.rewardsCompleted(),
                r.checkouts()) + (r.rewardsFailed() > 0 ? String.format(Locale.ROOT,
                "; %,d failed for good on purpose (in the failed list, retryable)", r.rewardsFailed()) : ""),
                r.rewardsCompleted() + r.rewardsFailed() >= r.checkouts()));
        if (r.audit() == null) {
            out.add(new VerdictRow("Audit", "not run", false));
        } else if (r.audit().clean()) {
            out.add(new VerdictRow("Audit", String.format(Locale.ROOT, "clean: %,d purchases, %,d customers",
                    r.audit().purchases(), r.audit().customers()), true));
        } else {
            out.add(new VerdictRow("Audit", r.audit().violations().size() + " violation(s): "
                    + String.join("; ", r.audit().violations().stream().limit(3).toList())
                    + (r.audit().violations().size() > 3 ? "; …" : ""), false));
        }
        String refused = r.rejected() + r.failed() == 0 ? "none" : reasons(r.rejections(), r.errors());
        out.add(new VerdictRow("Refused checkouts", refused, true));
        for (Slo.Verdict v : r.slos()) {
            out.add(new VerdictRow("SLO " + v.slo().text(), (v.met() ? "met" : "MISSED") + ": actual "
                    + (Double.isNaN(v.actualMs()) ? "no samples" : LabText.millis(v.actualMs())) + ", limit "
                    + LabText.millis(v.slo().limitMs()), v.met()));
        }
        return out;
    }

    private static String reasons(Map<String, Long> rejections, Map<String, Long> errors) {
        List<String> parts = new ArrayList<>();
        rejections.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%,d %s", v, k)));
        errors.forEach((k, v) -> parts.add(String.format(Locale.ROOT, "%,d error %s", v, k)));
        return String.join(", ", parts);
    }

    /** Writes the shown run as HTML (file ends in .html) or JSON (anything else), in the background. */
    public void export(Path target) {
        SimulationReport r = report.get();
        if (r == null) {
            say("No run to export yet.", true);
            return;
        }
        boolean html = target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".html");
        background.run("export " + target, () -> {
            try {
                Files.writeString(target, html ? HtmlReport.render(r) : r.toJson(), StandardCharsets.UTF_8);
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + target + ": " + e.getMessage(), e);
            }
        }, written -> say("Exported " + (html ? "HTML" : "JSON") + " to " + written, false),
                e -> say("Export failed: " + Errors.sentence(e), true));
    }

    /** A file name for an export of the shown run, e.g. {@code bullpen-run-20261130-061500.html}. */
    public String exportName(String extension) {
        SimulationReport r = report.get();
        long at = r == null ? clock.millis() : r.startedAtMillis();
        return "bullpen-run-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(started.getZone())
                .format(Instant.ofEpochMilli(at)) + "." + extension;
    }

    /** Reads the saved runs in the background. */
    public void loadHistory() {
        background.run("lab history", () -> lab.history().list(), listing -> {
            history.setAll(listing.entries().stream().map(this::row).toList());
            historyStatus.set(listing.entries().size() + " run(s) in " + lab.history().dir()
                    + (listing.problems().isEmpty() ? "" : "; skipped: " + String.join("; ", listing.problems())));
        }, e -> historyStatus.set("Cannot read the history: " + Errors.sentence(e)));
    }

    private RunRow row(RunHistory.Entry e) {
        SimulationReport r = e.report();
        return new RunRow(e.id(), started.format(Instant.ofEpochMilli(r.startedAtMillis())),
                r.parameters().getOrDefault("arrivals", "?"), String.format(Locale.ROOT, "%.0f s", r.loadSeconds()),
                String.format(Locale.ROOT, "%,d", r.checkouts()), String.format(Locale.ROOT, "%,.0f/s", r.throughput()),
                ms(r.measures().getOrDefault("checkout", empty()).count(),
                        r.measures().getOrDefault("checkout", empty()).p99()),
                r.passed() ? "PASS" : "FAIL", r);
    }

    /** Shows a saved run in the run view (summary, verdicts, charts). */
    public void open(RunRow row) {
        if (state.get() != State.IDLE) {
            say("A run is going: open saved runs when it is over.", true);
            return;
        }
        show(row.report(), "Saved run, " + row.started());
    }

    /** Deletes a saved run (the caller confirms first). */
    public void delete(RunRow row) {
        background.run("delete run " + row.id(), () -> {
            lab.history().delete(row.id());
            return row.id();
        }, id -> {
            say("Deleted run " + id + ".", false);
            loadHistory();
        }, e -> say("Cannot delete: " + Errors.sentence(e), true));
    }

    /** Compares two saved runs side by side, older as A. */
    public void compare(List<RunRow> selected) {
        if (selected.size() != 2) {
            say("Select exactly two runs to compare (Ctrl-click the second).", true);
            return;
        }
        RunRow a = selected.get(0);
        RunRow b = selected.get(1);
        if (a.report().startedAtMillis() > b.report().startedAtMillis()) {
            RunRow t = a;
            a = b;
            b = t;
        }
        comparison.setAll(comparisonOf(a.report(), b.report()));
        comparisonTitle.set("A: " + a.started() + "   B: " + b.started());
    }

    static List<CompareRow> comparisonOf(SimulationReport a, SimulationReport b) {
        List<CompareRow> rows = new ArrayList<>();
        for (String p : List.of("arrivals", "duration", "mall", "workers", "fail rate", "fail for good rate",
                "database")) {
            String x = a.parameters().getOrDefault(p, "—");
            String y = b.parameters().getOrDefault(p, "—");
            if (p.equals("database")) {
                x = LabText.database(x);
                y = LabText.database(y);
            }
            rows.add(new CompareRow(p, x, y, x.equals(y) ? "" : "differs"));
        }
        rows.add(number("checkouts", a.checkouts(), b.checkouts(), "%,.0f", true));
        rows.add(number("throughput /s", a.throughput(), b.throughput(), "%,.1f", true));
        rows.add(number("refused", a.rejected() + a.failed(), b.rejected() + b.failed(), "%,.0f", false));
        for (String m : List.of("checkout", "queue-wait", "processing", "end-to-end")) {
            MeasureSummary x = a.measures().getOrDefault(m, empty());
            MeasureSummary y = b.measures().getOrDefault(m, empty());
            for (String pct : List.of("p50", "p99", "max")) {
                rows.add(latency(m + " " + pct, x.count() == 0 ? Double.NaN : x.at(pct),
                        y.count() == 0 ? Double.NaN : y.at(pct)));
            }
        }
        rows.add(number("rewards failed for good", a.rewardsFailed(), b.rewardsFailed(), "%,.0f", false));
        rows.add(new CompareRow("drained", a.drained() ? "yes" : "NO", b.drained() ? "yes" : "NO", ""));
        rows.add(new CompareRow("audit", auditText(a), auditText(b), ""));
        rows.add(new CompareRow("SLOs met", slosText(a), slosText(b), ""));
        rows.add(new CompareRow("verdict", a.passed() ? "PASS" : "FAIL", b.passed() ? "PASS" : "FAIL",
                a.passed() == b.passed() ? "" : b.passed() ? "better" : "worse"));
        return rows;
    }

    private static String auditText(SimulationReport r) {
        return r.audit() == null ? "not run" : r.audit().clean() ? "clean"
                : r.audit().violations().size() + " violation(s)";
    }

    private static String slosText(SimulationReport r) {
        return r.slos().isEmpty() ? "none set" : r.slos().stream().filter(Slo.Verdict::met).count() + " of "
                + r.slos().size();
    }

    private static CompareRow number(String what, double a, double b, String format, boolean higherIsBetter) {
        return new CompareRow(what, String.format(Locale.ROOT, format, a), String.format(Locale.ROOT, format, b),
                change(a, b, higherIsBetter));
    }

    private static CompareRow latency(String what, double a, double b) {
        return new CompareRow(what, Double.isNaN(a) ? "—" : LabText.millis(a),
                Double.isNaN(b) ? "—" : LabText.millis(b), change(a, b, false));
    }

    /** {@code +12 % (better)}; empty when equal or not comparable. */
    static String change(double a, double b, boolean higherIsBetter) {
        if (Double.isNaN(a) || Double.isNaN(b) || a == b) {
            return "";
        }
        if (a == 0) {
            return b > 0 ? "new" : "";
        }
        double pct = (b - a) / Math.abs(a) * 100;
        boolean better = higherIsBetter == (b > a);
        return String.format(Locale.ROOT, "%+.0f %% (%s)", pct, better ? "better" : "worse");
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    private void publish(Runnable onFx) {
        if (closed) {
            return;
        }
        try {
            fx.execute(onFx);
        } catch (RejectedExecutionException | IllegalStateException e) {
            LOG.debug("Lab could not publish: {}", e.toString());
        }
    }

    /** The window closes: a running load stops (its drain and audit finish in the background). */
    public void close() {
        closed = true;
        Simulation s = simulation;
        if (s != null) {
            s.stop();
        }
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty elapsedProperty() {
        return elapsed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkoutsProperty() {
        return checkouts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty perSecondProperty() {
        return perSecond.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rejectedProperty() {
        return rejected.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty checkoutP99Property() {
        return checkoutP99.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty queueDepthProperty() {
        return queueDepth.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty jobWaitProperty() {
        return jobWait.getReadOnlyProperty();
    }

    /** One point a second of the run being shown (live, or the finished one). */
    public ObservableList<TimelinePoint> timeline() {
        return timeline;
    }

    public ReadOnlyObjectProperty<SimulationReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty reportTitleProperty() {
        return reportTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty verdictProperty() {
        return verdict.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty passedProperty() {
        return passed.getReadOnlyProperty();
    }

    public ObservableList<MeasureRow> measures() {
        return measures;
    }

    public ObservableList<VerdictRow> verdicts() {
        return verdicts;
    }

    public ObservableList<RunRow> history() {
        return history;
    }

    public ReadOnlyStringProperty historyStatusProperty() {
        return historyStatus.getReadOnlyProperty();
    }

    public ObservableList<CompareRow> comparison() {
        return comparison;
    }

    public ReadOnlyStringProperty comparisonTitleProperty() {
        return comparisonTitle.getReadOnlyProperty();
    }
}
