package dev.bullpen.app.overview;

import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

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
