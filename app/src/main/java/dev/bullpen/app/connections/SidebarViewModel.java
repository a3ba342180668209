package dev.bullpen.app.connections;

import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.app.overview.OverviewViewModel.Connection;
import dev.bullpen.app.overview.QueueRow;
import dev.bullpen.queue.QueueCounts;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;
import javafx.beans.InvalidationListener;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.StringProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The connections sidebar: every saved connection (open or closed) and every open one that is not
 * saved, each with its queues and their counts while it is open, filtered by queue name. Changed on
 * the FX thread only.
 */
public final class SidebarViewModel {
    /** Where a connection in the sidebar stands. */
    public enum Status {
        /** Saved, not open. */
        CLOSED,
        CONNECTING,
        CONNECTED,
        /** Open, Redis unreachable: its queues are what was last read (stale). */
        DISCONNECTED,
        /** Open, Redis answered with an error. */
        READ_FAILED
    }

    private final ObservableList<Entry> entries = FXCollections.observableArrayList();
    private final ObservableList<Entry> entriesView = FXCollections.unmodifiableObservableList(entries);
    private final StringProperty filter = new SimpleStringProperty(this, "filter", "");

    /** Adds a connection at the end (or updates it when the id is known). */
    public Entry put(String id, String name, String detail, boolean saved, boolean readOnly) {
        Entry e = entry(id).orElse(null);
        if (e == null) {
            e = new Entry(id);
            entries.add(e);
        }
        e.name.set(name);
        e.detail.set(detail);
        e.saved.set(saved);
        e.readOnly.set(readOnly);
        e.update();
        return e;
    }

    public Optional<Entry> entry(String id) {
        return entries.stream().filter(e -> e.id.equals(id)).findFirst();
    }

    public void remove(String id) {
        entry(id).ifPresent(e -> {
            e.detach();
            filter.removeListener(e.update);
            entries.remove(e);
        });
    }

    public ObservableList<Entry> entries() {
        return entriesView;
    }

    /** Text that queue names must contain (case does not count); empty shows all. */
    public StringProperty filterProperty() {
        return filter;
    }

    /** One connection and its queues. */
    public final class Entry {
        private final String id;
        private final ReadOnlyStringWrapper name = new ReadOnlyStringWrapper(this, "name", "");
        private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper(this, "detail", "");
        private final ReadOnlyBooleanWrapper saved = new ReadOnlyBooleanWrapper(this, "saved");
        private final ReadOnlyBooleanWrapper readOnly = new ReadOnlyBooleanWrapper(this, "readOnly");
        private final ReadOnlyObjectWrapper<Status> status = new ReadOnlyObjectWrapper<>(this, "status", Status.CLOSED);
        private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
        private final ReadOnlyObjectWrapper<QueueCounts> totals =
                new ReadOnlyObjectWrapper<>(this, "totals", QueueCounts.empty());
        private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper(this, "summary", "closed");
        private final ObservableList<QueueRow> all = FXCollections.observableArrayList();
        private final FilteredList<QueueRow> shown = new FilteredList<>(all);
        private final InvalidationListener update = o -> update();
        private OverviewViewModel overview;

        private Entry(String id) {
            this.id = id;
            shown.predicateProperty().bind(Bindings.createObjectBinding(() -> matching(filter.get()), filter));
            shown.addListener(update);
            filter.addListener(update);
        }

        private static Predicate<QueueRow> matching(String text) {
            String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
            return t.isEmpty() ? r -> true : r -> r.getName().toLowerCase(Locale.ROOT).contains(t);
        }

        /** The connection is open: its queues follow the overview's. */
        public void attach(OverviewViewModel vm) {
            detach();
            overview = vm;
            Bindings.bindContent(all, vm.queues());
            vm.connectionProperty().addListener(update);
            vm.staleProperty().addListener(update);
            vm.totalsProperty().addListener(update);
            update();
        }

        /** The connection is closed: no queues, status closed. */
        public void detach() {
            if (overview != null) {
                Bindings.unbindContent(all, overview.queues());
                overview.connectionProperty().removeListener(update);
                overview.staleProperty().removeListener(update);
                overview.totalsProperty().removeListener(update);
                overview = null;
            }
            all.clear();
            update();
        }

        private void update() {
            if (overview == null) {
                status.set(Status.CLOSED);
                stale.set(false);
                totals.set(QueueCounts.empty());
                summary.set(saved.get() ? "closed" : "");
                return;
            }
            Connection c = overview.getConnection();
            status.set(switch (c) {
                case CONNECTING -> Status.CONNECTING;
                case CONNECTED -> Status.CONNECTED;
                case DISCONNECTED -> Status.DISCONNECTED;
                case READ_FAILED -> Status.READ_FAILED;
            });
            stale.set(overview.isStale());
            totals.set(overview.getTotals());
            String queues = all.size() == shown.size() ? count(all.size())
                    : shown.size() + " of " + count(all.size());
            summary.set(switch (c) {
                case CONNECTING -> "connecting…";
                case CONNECTED -> queues;
                case DISCONNECTED -> "disconnected";
                case READ_FAILED -> "read failed";
            });
        }

        private static String count(int n) {
            return n + (n == 1 ? " queue" : " queues");
        }

        public String id() {
            return id;
        }

        public String getName() {
            return name.get();
        }

        public ReadOnlyStringProperty nameProperty() {
            return name.getReadOnlyProperty();
        }

        /** The URL without password and the prefix, for a tooltip. */
        public String getDetail() {
            return detail.get();
        }

        public ReadOnlyStringProperty detailProperty() {
            return detail.getReadOnlyProperty();
        }

        public boolean isSaved() {
            return saved.get();
        }

        public ReadOnlyBooleanProperty savedProperty() {
            return saved.getReadOnlyProperty();
        }

        public boolean isReadOnly() {
            return readOnly.get();
        }

        public boolean isOpen() {
            return overview != null;
        }

        public Status getStatus() {
            return status.get();
        }

        public ReadOnlyObjectProperty<Status> statusProperty() {
            return status.getReadOnlyProperty();
        }

        /** True while the queues shown are what was last read before Redis went away. */
        public boolean isStale() {
            return stale.get();
        }

        public ReadOnlyBooleanProperty staleProperty() {
            return stale.getReadOnlyProperty();
        }

        /** The counts of all its queues added up (filtered or not). */
        public QueueCounts getTotals() {
            return totals.get();
        }

        public ReadOnlyObjectProperty<QueueCounts> totalsProperty() {
            return totals.getReadOnlyProperty();
        }

        /**
         * One short line: "3 queues", "1 of 3 queues" while filtered, "disconnected" (its queues then
         * show the last counts read, marked {@link #isStale() stale}), "closed".
         */
        public String getSummary() {
            return summary.get();
        }

        public ReadOnlyStringProperty summaryProperty() {
            return summary.getReadOnlyProperty();
        }

        /** Its queues that match the filter, sorted by name. */
        public ObservableList<QueueRow> queues() {
            return shown;
        }

        /** Names of the queues shown, for tests and logs. */
        public List<String> queueNames() {
            return shown.stream().map(QueueRow::getName).toList();
        }

        @Override
        public String toString() {
            return "Entry(" + name.get() + ", " + status.get() + ", " + queueNames() + ")";
        }
    }
}
