package dev.bullpen.app.charts;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Errors;
import dev.bullpen.app.queue.Durations;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.monitor.TimingStats;
import dev.bullpen.queue.BullMetrics;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.Throughput;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToLongFunction;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The charts screen of one queue: throughput per minute over the last hour (exact, from the finish
 * times in Redis), the current rate, queue depth over time (sampled by the overview poller), wait and
 * run time percentiles of the newest completed jobs, and Bull's own metrics keys when the queue has
 * them. Reads run in the background on the overview poller's cadence, only while the screen is
 * shown, never two at once; a result for a queue the user left is dropped. Changed on the FX thread.
 */
public final class ChartsViewModel {
    /** Complete minutes shown in the throughput chart. */
    public static final int MINUTES = 60;
    /** Newest completed jobs the percentiles are computed over. */
    public static final int TIMING_JOBS = 500;
    /** Points per depth series at most (the history is consolidated, keeping each bucket's maximum). */
    static final int MAX_DEPTH_POINTS = 300;

    /** One point of a chart: x is epoch ms. */
    public record Point(long x, long y) {
    }

    /** What one read of a queue's charts returns. */
    public record ChartData(String queue, Throughput throughput, TimingStats timings, BullMetrics metrics) {
    }

    private final QueueInspector inspector;
    private final Background background;
    private final DepthHistory depth;
    private final Clock clock;
    private final DateTimeFormatter hhmmss;
    private final DateTimeFormatter hhmm;

    private final ObservableList<String> queues = FXCollections.observableArrayList();
    private final ObjectProperty<String> selectedQueue = new SimpleObjectProperty<>(this, "selectedQueue");
    private final ReadOnlyObjectWrapper<List<Point>> completed = points("completed");
    private final ReadOnlyObjectWrapper<List<Point>> failed = points("failed");
    private final ReadOnlyStringWrapper rateText = text("rateText", "");
    private final ReadOnlyStringWrapper throughputCaption = text("throughputCaption", "");
    private final ReadOnlyObjectWrapper<List<Point>> waiting = points("waiting");
    private final ReadOnlyObjectWrapper<List<Point>> active = points("active");
    private final ReadOnlyObjectWrapper<List<Point>> delayed = points("delayed");
    private final ReadOnlyStringWrapper depthCaption = text("depthCaption", "");
    private final ReadOnlyObjectWrapper<List<String>> waitCells = cells("waitCells");
    private final ReadOnlyObjectWrapper<List<String>> runCells = cells("runCells");
    private final ReadOnlyStringWrapper timingCaption = text("timingCaption", "");
    private final ReadOnlyBooleanWrapper metricsPresent = new ReadOnlyBooleanWrapper(this, "metricsPresent");
    private final ReadOnlyObjectWrapper<List<Point>> metricsCompleted = points("metricsCompleted");
    private final ReadOnlyObjectWrapper<List<Point>> metricsFailed = points("metricsFailed");
    private final ReadOnlyStringWrapper metricsCaption = text("metricsCaption", "");
    private final ReadOnlyStringWrapper statusText = text("statusText", "Waiting for the first read…");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    private boolean shown;
    private boolean reading;
    private long generation;
    private ChartData last;

    /**
     * @param depth the history the overview poller fills
     * @param clock what "now" is for the per-minute counts
     * @param zone  the zone of the times shown
     */
    public ChartsViewModel(QueueInspector inspector, Background background, DepthHistory depth, Clock clock,
                           ZoneId zone) {
        this.inspector = inspector;
        this.background = background;
        this.depth = depth;
        this.clock = clock;
        this.hhmmss = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.hhmm = DateTimeFormatter.ofPattern("HH:mm").withZone(zone);
        selectedQueue.addListener((o, was, now) -> {
            generation++;
            last = null;
            clear();
            showDepth();
            if (now != null && shown) {
                read();
            }
        });
        clear();
    }

    private ReadOnlyObjectWrapper<List<Point>> points(String name) {
        return new ReadOnlyObjectWrapper<>(this, name, List.of());
    }

    private ReadOnlyObjectWrapper<List<String>> cells(String name) {
        return new ReadOnlyObjectWrapper<>(this, name, dashes());
    }

    private ReadOnlyStringWrapper text(String name, String value) {
        return new ReadOnlyStringWrapper(this, name, value);
    }

    private static List<String> dashes() {
        return List.of(Durations.NONE, Durations.NONE, Durations.NONE, Durations.NONE, Durations.NONE);
    }

    /**
     * A new overview snapshot (the poller's cadence): follows the queue list, redraws the depth
     * chart from the history, and reads the selected queue's charts when the screen is shown.
     */
    public void onSnapshot(OverviewSnapshot snapshot) {
        List<String> names = snapshot.queues().stream().map(QueueStatus::name).sorted().toList();
        if (!names.equals(queues)) {
            String keep = selectedQueue.get();
            queues.setAll(names);
            if (keep == null || !names.contains(keep)) {
                selectedQueue.set(names.isEmpty() ? null : names.get(0));
            }
        }
        showDepth();
        if (shown && !reading) {
            read();
        }
    }

    /** The screen is shown (read now and on every poll) or hidden (no reads). */
    public void setShown(boolean shown) {
        boolean was = this.shown;
        this.shown = shown;
        if (shown && !was && !reading) {
            read();
        }
    }

    /** Reads the selected queue's charts now. */
    public void refresh() {
        read();
    }

    private void read() {
        String queue = selectedQueue.get();
        if (queue == null) {
            statusText.set("No queue to chart yet");
            return;
        }
        long mine = generation;
        long now = clock.millis();
        reading = true;
        background.run("charts " + queue, () -> inspector.read(queue, q -> new ChartData(queue,
                        q.throughput(now, MINUTES + 1), TimingStats.of(q.newestTimes(JobState.COMPLETED, TIMING_JOBS)),
                        q.bullMetrics(MINUTES))),
                data -> {
                    reading = false;
                    if (mine == generation) {
                        apply(data);
                    }
                },
                error -> {
                    reading = false;
                    if (mine == generation) {
                        markFailed(queue, error);
                    }
                });
    }

    /** A read's result: every chart but depth follows it. */
    public void apply(ChartData data) {
        if (!data.queue().equals(selectedQueue.get())) {
            return;
        }
        last = data;
        showThroughput(data.throughput());
        showTimings(data.timings());
        showMetrics(data.metrics());
        stale.set(false);
        statusText.set("Updated " + hhmmss.format(Instant.ofEpochMilli(data.throughput().readAt())));
    }

    /** A failed read: the last values stay, marked stale. */
    public void markFailed(String queue, RuntimeException error) {
        stale.set(last != null);
        statusText.set("Cannot read the charts of " + queue + ": " + Errors.sentence(error)
                + (last == null ? "" : " — showing the last values"));
    }

    private void clear() {
        completed.set(List.of());
        failed.set(List.of());
        rateText.set("");
        throughputCaption.set("Completed and failed jobs per minute, counted from the finish times in Redis");
        waitCells.set(dashes());
        runCells.set(dashes());
        timingCaption.set("Newest " + TIMING_JOBS + " completed jobs");
        metricsPresent.set(false);
        metricsCompleted.set(List.of());
        metricsFailed.set(List.of());
        metricsCaption.set("");
        stale.set(false);
        statusText.set(selectedQueue.get() == null ? "No queue to chart yet" : "Reading…");
    }

    private void showThroughput(Throughput t) {
        // the current minute is not over: it is the rate text, not a falling last point
        int complete = t.minutes() - 1;
        List<Point> done = new ArrayList<>(complete);
        List<Point> fail = new ArrayList<>(complete);
        long doneSum = 0;
        long failSum = 0;
        for (int i = 0; i < complete; i++) {
            done.add(new Point(t.minuteStart(i), t.completed().get(i)));
            fail.add(new Point(t.minuteStart(i), t.failed().get(i)));
            doneSum += t.completed().get(i);
            failSum += t.failed().get(i);
        }
        completed.set(List.copyOf(done));
        failed.set(List.copyOf(fail));
        rateText.set(String.format(Locale.ROOT, "Last 60 s: %,d completed · %,d failed", t.completedLastMinute(),
                t.failedLastMinute()));
        throughputCaption.set(String.format(Locale.ROOT,
                "Per minute, %s–%s, from the finish times in Redis: %,d completed · %,d failed",
                hhmm.format(Instant.ofEpochMilli(t.firstMinute())),
                hhmm.format(Instant.ofEpochMilli(t.minuteStart(complete))), doneSum, failSum));
    }

    private void showTimings(TimingStats s) {
        waitCells.set(cells(s.waitTime()));
        runCells.set(cells(s.runTime()));
        if (s.jobs() == 0) {
            timingCaption.set("No completed jobs yet (jobs removed on completion leave no times)");
            return;
        }
        String span = s.firstFinish().isPresent()
                ? ", finished " + hhmmss.format(Instant.ofEpochMilli(s.firstFinish().getAsLong())) + "–"
                + hhmmss.format(Instant.ofEpochMilli(s.lastFinish().getAsLong())) : "";
        String skipped = s.skipped() == 0 ? "" : String.format(Locale.ROOT, " · %,d without usable times", s.skipped());
        timingCaption.set(String.format(Locale.ROOT, "Newest %,d completed jobs%s%s", s.jobs(), span, skipped));
    }

    private static List<String> cells(TimingStats.Percentiles p) {
        if (p.isEmpty()) {
            return dashes();
        }
        return List.of(Durations.format(p.p50()), Durations.format(p.p90()), Durations.format(p.p95()),
                Durations.format(p.p99()), Durations.format(p.max()));
    }

    private void showMetrics(BullMetrics m) {
        metricsPresent.set(m.present());
        if (!m.present()) {
            metricsCompleted.set(List.of());
            metricsFailed.set(List.of());
            metricsCaption.set("Not kept for this queue: Bull writes metrics:completed and metrics:failed only for "
                    + "queues opened with the metrics.maxDataPoints option");
            return;
        }
        metricsCompleted.set(metricPoints(m.completed()));
        metricsFailed.set(metricPoints(m.failed()));
        long points = Math.max(m.completed().dataPoints(), m.failed().dataPoints());
        metricsCaption.set(String.format(Locale.ROOT,
                "Counted by Bull: %,d completed · %,d failed · %,d data points kept%s", m.completed().count(),
                m.failed().count(), points, points > MINUTES ? " (the newest " + MINUTES + " shown)" : ""));
    }

    private static List<Point> metricPoints(BullMetrics.Series s) {
        List<Point> out = new ArrayList<>();
        for (int i = s.data().size() - 1; i >= 0; i--) {
            int at = i;
            s.minuteOf(i).ifPresent(minute -> out.add(new Point(minute, s.data().get(at))));
        }
        return List.copyOf(out);
    }

    private void showDepth() {
        String queue = selectedQueue.get();
        List<DepthHistory.Sample> samples = queue == null ? List.of() : depth.samples(queue);
        waiting.set(consolidate(samples, DepthHistory.Sample::waiting));
        active.set(consolidate(samples, DepthHistory.Sample::active));
        delayed.set(consolidate(samples, DepthHistory.Sample::delayed));
        if (samples.isEmpty()) {
            depthCaption.set("Sampled by the overview poll while the console runs; no sample yet");
            return;
        }
        DepthHistory.Sample newest = samples.get(samples.size() - 1);
        depthCaption.set(String.format(Locale.ROOT,
                "Polled since %s (the last hour is kept) · now %,d waiting · %,d active · %,d delayed",
                hhmmss.format(Instant.ofEpochMilli(samples.get(0).at())), newest.waiting(), newest.active(),
                newest.delayed()));
    }

    /** At most {@link #MAX_DEPTH_POINTS} points: samples grouped by time, each group's maximum. */
    static List<Point> consolidate(List<DepthHistory.Sample> samples, ToLongFunction<DepthHistory.Sample> value) {
        if (samples.size() <= MAX_DEPTH_POINTS) {
            return samples.stream().map(s -> new Point(s.at(), value.applyAsLong(s))).toList();
        }
        long from = samples.get(0).at();
        long span = Math.max(1, samples.get(samples.size() - 1).at() - from);
        double width = span / (double) (MAX_DEPTH_POINTS - 1);
        List<Point> out = new ArrayList<>();
        int bucket = -1;
        for (DepthHistory.Sample s : samples) {
            int b = (int) Math.min(MAX_DEPTH_POINTS - 1, Math.floor((s.at() - from) / width));
            long v = value.applyAsLong(s);
            if (b != bucket) {
                out.add(new Point(s.at(), v));
                bucket = b;
            } else {
                Point p = out.get(out.size() - 1);
                out.set(out.size() - 1, new Point(s.at(), Math.max(p.y(), v)));
            }
        }
        return List.copyOf(out);
    }

    // ---------------------------------------------------------------- properties

    public ObservableList<String> queues() {
        return queues;
    }

    public ObjectProperty<String> selectedQueueProperty() {
        return selectedQueue;
    }

    public String getSelectedQueue() {
        return selectedQueue.get();
    }

    public void setSelectedQueue(String queue) {
        selectedQueue.set(queue);
    }

    public ReadOnlyObjectProperty<List<Point>> completedProperty() {
        return completed.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Point>> failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty rateTextProperty() {
        return rateText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty throughputCaptionProperty() {
        return throughputCaption.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Point>> waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Point>> activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Point>> delayedProperty() {
        return delayed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty depthCaptionProperty() {
        return depthCaption.getReadOnlyProperty();
    }

    /** Wait time p50, p90, p95, p99 and max, formatted. */
    public ReadOnlyObjectProperty<List<String>> waitCellsProperty() {
        return waitCells.getReadOnlyProperty();
    }

    /** Run time p50, p90, p95, p99 and max, formatted. */
    public ReadOnlyObjectProperty<List<String>> runCellsProperty() {
        return runCells.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty timingCaptionProperty() {
        return timingCaption.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty metricsPresentProperty() {
        return metricsPresent.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Point>> metricsCompletedProperty() {
        return metricsCompleted.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<List<Point>> metricsFailedProperty() {
        return metricsFailed.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty metricsCaptionProperty() {
        return metricsCaption.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public boolean isStale() {
        return stale.get();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }
}
