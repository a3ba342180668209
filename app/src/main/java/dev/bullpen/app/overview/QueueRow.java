package dev.bullpen.app.overview;

import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/** One queue in the overview table; updated in place by each snapshot so selection and scrolling stay. */
public final class QueueRow {
    private final String name;
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final ReadOnlyLongWrapper waiting = new ReadOnlyLongWrapper(this, "waiting");
    private final ReadOnlyLongWrapper active = new ReadOnlyLongWrapper(this, "active");
    private final ReadOnlyLongWrapper delayed = new ReadOnlyLongWrapper(this, "delayed");
    private final ReadOnlyLongWrapper completed = new ReadOnlyLongWrapper(this, "completed");
    private final ReadOnlyLongWrapper failed = new ReadOnlyLongWrapper(this, "failed");
    private final ReadOnlyLongWrapper pausedJobs = new ReadOnlyLongWrapper(this, "pausedJobs");
    private final ReadOnlyObjectWrapper<Number> completedLastMinute =
            new ReadOnlyObjectWrapper<>(this, "completedLastMinute");
    private final ReadOnlyObjectWrapper<Number> failedLastMinute = new ReadOnlyObjectWrapper<>(this, "failedLastMinute");
    private final ReadOnlyObjectWrapper<List<Long>> waitingTrend =
            new ReadOnlyObjectWrapper<>(this, "waitingTrend", List.of());

    QueueRow(QueueStatus status) {
        this.name = status.name();
        update(status);
    }

    void update(QueueStatus status) {
        QueueCounts c = status.counts();
        paused.set(status.paused());
        waiting.set(c.waiting());
        active.set(c.active());
        delayed.set(c.delayed());
        completed.set(c.completed());
        failed.set(c.failed());
        pausedJobs.set(c.paused());
    }

    /**
     * Recent activity and the depth sparkline.
     *
     * @param activity what the queue did lately, or null when not read (then "—")
     * @param trend    waiting jobs over the sparkline's window, oldest first
     */
    void updateTrend(QueueActivity activity, List<Long> trend) {
        completedLastMinute.set(activity == null ? null : activity.completedLastMinute());
        failedLastMinute.set(activity == null ? null : activity.failedLastMinute());
        if (!trend.equals(waitingTrend.get())) {
            waitingTrend.set(List.copyOf(trend));
        }
    }

    /** Jobs completed in the last 60 s, or null when unknown. */
    public ReadOnlyObjectProperty<Number> completedLastMinuteProperty() {
        return completedLastMinute.getReadOnlyProperty();
    }

    /** Jobs failed in the last 60 s, or null when unknown. */
    public ReadOnlyObjectProperty<Number> failedLastMinuteProperty() {
        return failedLastMinute.getReadOnlyProperty();
    }

    /** Waiting jobs over the last minutes, oldest first (the sparkline). */
    public ReadOnlyObjectProperty<List<Long>> waitingTrendProperty() {
        return waitingTrend.getReadOnlyProperty();
    }

    public String getName() {
        return name;
    }

    public boolean isPaused() {
        return paused.get();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty activeProperty() {
        return active.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty delayedProperty() {
        return delayed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty completedProperty() {
        return completed.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Jobs in Bull's {@code paused} list (waiting jobs of a paused queue). */
    public ReadOnlyLongProperty pausedJobsProperty() {
        return pausedJobs.getReadOnlyProperty();
    }

    /** The counts as shown now, for tests and summaries. */
    public QueueCounts counts() {
        return new QueueCounts(waiting.get(), active.get(), delayed.get(), completed.get(), failed.get(),
                pausedJobs.get());
    }

    @Override
    public String toString() {
        return "QueueRow(" + name + (isPaused() ? ", paused" : "") + ", " + counts() + ")";
    }
}
