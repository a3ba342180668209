package dev.bullpen.app.workers;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Errors;
import dev.bullpen.app.lab.LabForm;
import dev.bullpen.app.lab.LabText;
import dev.bullpen.lab.EmbeddedWorkers;
import dev.bullpen.monitor.ConnectedWorker;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The Workers screen: reward workers this console starts, scales and stops (on the lab's queue and database), and
 * every worker connected to Redis for the console's and the lab's prefixes, read from {@code CLIENT LIST} by a
 * poller. Changed only on the FX thread.
 */
public final class WorkersViewModel {
    /** What the poller reads: the connected workers, and the console's own as they stand. */
    public record Snapshot(List<ConnectedWorker> connected, List<EmbeddedWorkers.WorkerStatus> embedded) {
    }

    /** One worker this console runs. */
    public record EmbeddedRow(String number, String concurrency, String started, String completed,
            String failedAttempts, String failedForGood) {
    }

    /** One worker connected to Redis. */
    public record ConnectedRow(String queue, String kind, String process, String address, String connectedFor,
            String idle, String command, String library) {
    }

    private final Function<String, EmbeddedWorkers> pools;
    private final Supplier<String> database;
    private final Background background;
    private final boolean readOnly;
    private final Clock clock;
    private final DateTimeFormatter time;
    private final String labPrefix;

    private final StringProperty count = new SimpleStringProperty(this, "count", "2");
    private final StringProperty concurrency = new SimpleStringProperty(this, "concurrency", "4");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyBooleanWrapper messageIsError = new ReadOnlyBooleanWrapper(this, "messageIsError");
    private final ReadOnlyStringWrapper embeddedSummary = new ReadOnlyStringWrapper(this, "embeddedSummary",
            "None running.");
    private final ReadOnlyStringWrapper connectedSummary = new ReadOnlyStringWrapper(this, "connectedSummary",
            "Reading CLIENT LIST…");
    private final ObservableList<EmbeddedRow> embedded = FXCollections.observableArrayList();
    private final ObservableList<ConnectedRow> connected = FXCollections.observableArrayList();
    private volatile EmbeddedWorkers pool;

    /**
     * @param pools    makes the workers for a database URL
     * @param database the database the lab uses now (its form's, else its own)
     * @param readOnly refuse to start or stop workers
     */
    public WorkersViewModel(Function<String, EmbeddedWorkers> pools, Supplier<String> database, String labPrefix,
            Background background, boolean readOnly, Clock clock, ZoneId zone) {
        this.pools = pools;
        this.database = database;
        this.labPrefix = labPrefix;
        this.background = background;
        this.readOnly = readOnly;
        this.clock = clock;
        this.time = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        if (readOnly) {
            say("Read-only: workers cannot be started or stopped here (they write to Redis and a database).", false);
        }
    }

    public String where() {
        return "Reward workers for queue checkout under prefix " + labPrefix + " (the load-test lab's), paying "
                + "rewards into the lab's database.";
    }

    public boolean readOnly() {
        return readOnly;
    }

    /** Runs as many workers of as many slots as the fields say: starts, scales or restarts them. */
    public void apply() {
        if (refusedReadOnly()) {
            return;
        }
        int n;
        int c;
        try {
            n = LabForm.wholeNumber("Workers", count.get(), 0, EmbeddedWorkers.MAX_WORKERS);
            c = LabForm.wholeNumber("Jobs at once", concurrency.get(), 1, EmbeddedWorkers.MAX_CONCURRENCY);
        } catch (IllegalArgumentException e) {
            say(e.getMessage(), true);
            return;
        }
        String db = database.get();
        busy.set(true);
        say(n == 0 ? "Stopping the workers…" : "Starting " + n + " worker(s) × " + c + "…", false);
        EmbeddedWorkers current = pool;
        background.run("scale workers", () -> {
            EmbeddedWorkers p = current;
            if (p != null && !p.database().equals(dev.bullpen.checkout.jdbc.JdbcMallStore.safe(db))) {
                p.stopAll(); // the lab's database changed: the workers follow it
                p = null;
            }
            if (p == null) {
                p = pools.apply(db);
            }
            p.scale(n, c);
            return p;
        }, p -> {
            pool = p;
            busy.set(false);
            say(n == 0 ? "Stopped." : "Running " + n + " worker(s) × " + c + " on " + LabText.database(db) + ".",
                    false);
            showEmbedded(p.status());
        }, e -> {
            busy.set(false);
            say("Cannot start the workers: " + Errors.sentence(e), true);
            if (current != null) {
                showEmbedded(current.status());
            }
        });
    }

    /** Stops every worker this console started (running jobs finish first, within a grace period). */
    public void stopAll() {
        if (refusedReadOnly() || pool == null) {
            return;
        }
        EmbeddedWorkers p = pool;
        busy.set(true);
        say("Stopping the workers (running jobs finish first)…", false);
        background.run("stop workers", () -> {
            p.stopAll();
            return p.status();
        }, status -> {
            busy.set(false);
            say("Stopped.", false);
            showEmbedded(status);
        }, e -> {
            busy.set(false);
            say("Cannot stop the workers: " + Errors.sentence(e), true);
        });
    }

    private boolean refusedReadOnly() {
        if (readOnly) {
            say("Read-only: start the console without --read-only to run workers from it.", true);
        }
        return readOnly;
    }

    /** For the poller (off the FX thread): the workers this console runs, as they stand. */
    public List<EmbeddedWorkers.WorkerStatus> embeddedStatus() {
        EmbeddedWorkers p = pool;
        return p == null ? List.of() : p.status();
    }

    /** A successful read of the connected workers. */
    public void apply(Snapshot s) {
        connected.setAll(s.connected().stream().map(w -> new ConnectedRow(w.prefix() + ":" + w.queue(),
                w.kind().text(), w.thisProcess() ? "this console" : w.pid().isPresent() ? "pid " + w.pid().getAsLong()
                        : "—", w.address(), duration(w.ageSeconds()), duration(w.idleSeconds()),
                w.command().isEmpty() ? "—" : w.command(), w.library().isEmpty() ? "—" : w.library())).toList());
        long queues = s.connected().stream().map(w -> w.prefix() + ":" + w.queue()).distinct().count();
        connectedSummary.set(s.connected().size() + " worker(s) on " + queues + " queue(s) · read at "
                + time.format(clock.instant()));
        if (!busy.get()) {
            showEmbedded(s.embedded());
        }
    }

    /** A failed read: the last rows stay. */
    public void markFailed(RuntimeException e, Duration retryIn) {
        connectedSummary.set("Cannot read CLIENT LIST: " + Errors.sentence(e) + " — trying again in "
                + retryIn.toSeconds() + " s; the last rows stay.");
    }

    private void showEmbedded(List<EmbeddedWorkers.WorkerStatus> status) {
        embedded.setAll(status.stream().map(w -> new EmbeddedRow("#" + w.number(), Integer.toString(w.concurrency()),
                time.format(w.startedAt()), String.format(Locale.ROOT, "%,d", w.completed()),
                String.format(Locale.ROOT, "%,d", w.failedAttempts()),
                String.format(Locale.ROOT, "%,d", w.failedForGood()))).toList());
        int slots = status.stream().mapToInt(EmbeddedWorkers.WorkerStatus::concurrency).sum();
        embeddedSummary.set(status.isEmpty() ? "None running." : status.size() + " worker(s), " + slots
                + " job slot(s), " + String.format(Locale.ROOT, "%,d", status.stream()
                .mapToLong(EmbeddedWorkers.WorkerStatus::completed).sum()) + " job(s) done");
    }

    /** The window closes: stop the workers without making anyone wait. */
    public void close() {
        EmbeddedWorkers p = pool;
        if (p != null) {
            Thread t = new Thread(p::stopAll, "bullpen-workers-close");
            t.setDaemon(true);
            t.start();
        }
    }

    static String duration(long seconds) {
        if (seconds < 60) {
            return seconds + " s";
        }
        if (seconds < 3600) {
            return String.format(Locale.ROOT, "%d m %02d s", seconds / 60, seconds % 60);
        }
        if (seconds < 86_400) {
            return String.format(Locale.ROOT, "%d h %02d m", seconds / 3600, seconds % 3600 / 60);
        }
        return String.format(Locale.ROOT, "%d d %02d h", seconds / 86_400, seconds % 86_400 / 3600);
    }

    private void say(String text, boolean error) {
        message.set(text);
        messageIsError.set(error);
    }

    public StringProperty countProperty() {
        return count;
    }

    public StringProperty concurrencyProperty() {
        return concurrency;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty messageIsErrorProperty() {
        return messageIsError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty embeddedSummaryProperty() {
        return embeddedSummary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty connectedSummaryProperty() {
        return connectedSummary.getReadOnlyProperty();
    }

    public ObservableList<EmbeddedRow> embedded() {
        return embedded;
    }

    public ObservableList<ConnectedRow> connected() {
        return connected;
    }
}
