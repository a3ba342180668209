package dev.bullpen.app.overview;

import dev.bullpen.app.charts.DepthHistory;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of the overview screen and of the window's connection banner and status bar: the queues of
 * the last snapshot, and whether that data is live or stale. Changed only on the FX thread, by
 * {@link #apply(OverviewSnapshot)} and {@link #markFailed(RuntimeException, Duration)}.
 */
public final class OverviewViewModel {
    /** Where the window stands with its Redis. */
    public enum Connection {
        /** No read has finished yet. */
        CONNECTING,
        /** The last read worked. */
        CONNECTED,
        /** The last read could not reach Redis. */
        DISCONNECTED,
        /** Redis answered the last read with an error. */
        READ_FAILED
    }

    /** The span of each row's depth sparkline. */
    public static final Duration TREND_WINDOW = Duration.ofMinutes(10);

    private final DepthHistory depth;
    private final String server;
    private final String name;
    private final String who;
    private final String prefix;
    private final DateTimeFormatter clock;

    private final ObservableList<QueueRow> rows = FXCollections.observableArrayList();
    private final ObservableList<QueueRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyObjectWrapper<Connection> connection =
            new ReadOnlyObjectWrapper<>(this, "connection", Connection.CONNECTING);
    private final ReadOnlyBooleanWrapper bannerVisible = new ReadOnlyBooleanWrapper(this, "bannerVisible");
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper(this, "bannerText", "");
    private final ReadOnlyStringWrapper bannerDetail = new ReadOnlyStringWrapper(this, "bannerDetail", "");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");
    private final ReadOnlyObjectWrapper<QueueCounts> totals =
            new ReadOnlyObjectWrapper<>(this, "totals", QueueCounts.empty());
    private final ReadOnlyBooleanWrapper loginRefused = new ReadOnlyBooleanWrapper(this, "loginRefused");
    private final ReadOnlyStringWrapper connectionText = new ReadOnlyStringWrapper(this, "connectionText");
    private final ReadOnlyStringWrapper lastRefreshText =
            new ReadOnlyStringWrapper(this, "lastRefreshText", "Not refreshed yet");
    private final ReadOnlyStringWrapper placeholderText = new ReadOnlyStringWrapper(this, "placeholderText");
    private final ReadOnlyStringWrapper summaryText = new ReadOnlyStringWrapper(this, "summaryText", "");
    private Instant lastRefresh;

    /**
     * @param server host:port as shown to the user (never a URL with a password)
     * @param prefix the Bull key prefix
     * @param zone   the zone of the times shown
     */
    public OverviewViewModel(String server, String prefix, ZoneId zone) {
        this(server, server, prefix, zone);
    }

    /**
     * @param name   the connection's name as the user saved it (host:port when it has none)
     * @param server host:port as shown to the user (never a URL with a password)
     * @param prefix the Bull key prefix
     * @param zone   the zone of the times shown
     */
    public OverviewViewModel(String name, String server, String prefix, ZoneId zone) {
        this(name, server, prefix, zone, new DepthHistory());
    }

    /**
     * @param depth the depth history the poller fills (read for each row's sparkline)
     */
    public OverviewViewModel(String name, String server, String prefix, ZoneId zone, DepthHistory depth) {
        this.depth = depth;
        this.server = server;
        this.name = name;
        this.who = name.equals(server) ? server : name + " (" + server + ")";
        this.prefix = prefix;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        connectionText.set("Connecting to " + who + "…");
        placeholderText.set("Connecting to " + who + "…");
    }

    /** A successful read: the rows follow the snapshot (kept in place, sorted by name) and are live. */
    public void apply(OverviewSnapshot snapshot) {
        Map<String, QueueRow> existing = new HashMap<>();
        for (QueueRow r : rows) {
            existing.put(r.getName(), r);
        }
        List<QueueStatus> statuses = snapshot.queues().stream()
                .sorted((a, b) -> a.name().compareTo(b.name())).toList();
        boolean sameOrder = statuses.size() == rows.size();
        for (int i = 0; sameOrder && i < statuses.size(); i++) {
            sameOrder = statuses.get(i).name().equals(rows.get(i).getName());
        }
        if (sameOrder) {
            for (int i = 0; i < statuses.size(); i++) {
                rows.get(i).update(statuses.get(i));
            }
        } else {
            List<QueueRow> next = statuses.stream().map(s -> {
                QueueRow r = existing.get(s.name());
                if (r == null) {
                    return new QueueRow(s);
                }
                r.update(s);
                return r;
            }).toList();
            rows.setAll(next);
        }
        for (QueueRow r : rows) {
            r.updateTrend(snapshot.activityOf(r.getName()).orElse(null), depth.waitingTrend(r.getName(), TREND_WINDOW));
        }
        lastRefresh = snapshot.readAt();
        connection.set(Connection.CONNECTED);
        stale.set(false);
        loginRefused.set(false);
        bannerVisible.set(false);
        bannerText.set("");
        bannerDetail.set("");
        connectionText.set("Connected to " + who);
        lastRefreshText.set("Last refresh " + clock.format(lastRefresh));
        placeholderText.set("No queues under prefix '" + prefix + "' on " + who);
        summaryText.set(summary(statuses));
        totals.set(sum(statuses));
    }

    /**
     * A failed read: the banner says so, the last rows stay but are marked stale.
     *
     * @param error   what the read threw; {@link RedisUnavailableException} means disconnected
     * @param retryIn when the next attempt happens
     */
    public void markFailed(RuntimeException error, Duration retryIn) {
        boolean unreachable = error instanceof RedisUnavailableException;
        loginRefused.set(unreachable && String.valueOf(error.getMessage()).contains(" refused the login"));
        connection.set(unreachable ? Connection.DISCONNECTED : Connection.READ_FAILED);
        bannerText.set(loginRefused.get() ? who + " refused the login — retrying"
                : unreachable ? "Disconnected from " + who + " — retrying"
                : "Reading queues from " + who + " failed — retrying");
        String when = "next attempt in " + seconds(retryIn);
        String data = lastRefresh == null ? "no data read yet"
                : "showing data from " + clock.format(lastRefresh) + " (stale)";
        bannerDetail.set(reason(error) + " · " + when + " · " + data);
        bannerVisible.set(true);
        stale.set(lastRefresh != null);
        connectionText.set(unreachable ? "Disconnected from " + who : "Read failed on " + who);
        lastRefreshText.set(lastRefresh == null ? "Not refreshed yet"
                : "Last refresh " + clock.format(lastRefresh) + " — stale");
        if (lastRefresh == null) {
            placeholderText.set("Cannot reach " + who + " — retrying");
        }
    }

    private static String summary(List<QueueStatus> statuses) {
        long waiting = 0;
        long failed = 0;
        long paused = 0;
        for (QueueStatus s : statuses) {
            waiting += s.counts().waiting() + s.counts().paused();
            failed += s.counts().failed();
            paused += s.paused() ? 1 : 0;
        }
        int n = statuses.size();
        return String.format("%d %s · %,d waiting · %,d failed%s", n, n == 1 ? "queue" : "queues", waiting, failed,
                paused == 0 ? "" : " · " + paused + " paused");
    }

    private static QueueCounts sum(List<QueueStatus> statuses) {
        long[] n = new long[6];
        for (QueueStatus s : statuses) {
            QueueCounts c = s.counts();
            n[0] += c.waiting();
            n[1] += c.active();
            n[2] += c.delayed();
            n[3] += c.completed();
            n[4] += c.failed();
            n[5] += c.paused();
        }
        return new QueueCounts(n[0], n[1], n[2], n[3], n[4], n[5]);
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms < 1_000 ? ms + " ms" : String.format("%d s", Math.round(ms / 1000.0));
    }

    private String reason(RuntimeException e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        // the engine says "cannot reach Redis at host:port: cause"; the banner already names host:port
        String known = "cannot reach Redis at " + server + ": ";
        String cause = m.startsWith(known) ? m.substring(known.length()) : m;
        if (cause.startsWith("Failed to connect to ")) {
            return "cannot connect";
        }
        return cause.endsWith(".") ? cause.substring(0, cause.length() - 1) : cause;
    }

    public String server() {
        return server;
    }

    /** The connection's name (host:port when it has none). */
    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    /** The queues of the last successful read, sorted by name. */
    public ObservableList<QueueRow> queues() {
        return rowsView;
    }

    public Connection getConnection() {
        return connection.get();
    }

    public ReadOnlyObjectProperty<Connection> connectionProperty() {
        return connection.getReadOnlyProperty();
    }

    public boolean isBannerVisible() {
        return bannerVisible.get();
    }

    public ReadOnlyBooleanProperty bannerVisibleProperty() {
        return bannerVisible.getReadOnlyProperty();
    }

    public String getBannerText() {
        return bannerText.get();
    }

    public ReadOnlyStringProperty bannerTextProperty() {
        return bannerText.getReadOnlyProperty();
    }

    public String getBannerDetail() {
        return bannerDetail.get();
    }

    public ReadOnlyStringProperty bannerDetailProperty() {
        return bannerDetail.getReadOnlyProperty();
    }

    /** True while rows are shown that the last read could not confirm. */
    public boolean isStale() {
        return stale.get();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    /** The counts of all queues of the last successful read added up. */
    public QueueCounts getTotals() {
        return totals.get();
    }

    public ReadOnlyObjectProperty<QueueCounts> totalsProperty() {
        return totals.getReadOnlyProperty();
    }

    /** True while the last read failed because Redis refused the login (wrong or missing password). */
    public boolean isLoginRefused() {
        return loginRefused.get();
    }

    public ReadOnlyBooleanProperty loginRefusedProperty() {
        return loginRefused.getReadOnlyProperty();
    }

    public String getConnectionText() {
        return connectionText.get();
    }

    public ReadOnlyStringProperty connectionTextProperty() {
        return connectionText.getReadOnlyProperty();
    }

    public String getLastRefreshText() {
        return lastRefreshText.get();
    }

    public ReadOnlyStringProperty lastRefreshTextProperty() {
        return lastRefreshText.getReadOnlyProperty();
    }

    public String getPlaceholderText() {
        return placeholderText.get();
    }

    public ReadOnlyStringProperty placeholderTextProperty() {
        return placeholderText.getReadOnlyProperty();
    }

    public String getSummaryText() {
        return summaryText.get();
    }

    public ReadOnlyStringProperty summaryTextProperty() {
        return summaryText.getReadOnlyProperty();
    }
}
