package dev.bullpen.app.alerts;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.queue.Durations;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.RedisUnavailableException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The console's alerts: evaluated on every overview poll (and every failed one), listed while they
 * hold, kept in a history with raised and cleared times, summed up in the status bar, and raised as
 * desktop notifications without storms: one per raise, several raised at once in one notification,
 * and an alert that comes back within {@link #RENOTIFY_AFTER} of its last notification not notified
 * again. The thresholds are edited here and saved in the settings directory. Changed on the FX thread.
 */
public final class AlertsViewModel {
    /** History entries kept, newest first. */
    public static final int HISTORY_LIMIT = 500;
    /** An alert raised again this soon after its last notification shows no new notification. */
    public static final Duration RENOTIFY_AFTER = Duration.ofMinutes(5);
    /** More alerts raised at once than this are shown in one notification. */
    static final int MAX_SEPARATE_NOTIFICATIONS = 3;

    /**
     * One alert's life in the history.
     *
     * @param alert     as raised, with its last message once cleared
     * @param clearedAt when it cleared, or null while it holds
     */
    public record HistoryEntry(Alert alert, Instant clearedAt) {
        public boolean isActive() {
            return clearedAt == null;
        }
    }

    private final AlertEvaluator evaluator;
    private final AlertSettingsStore store;
    private final Background background;
    private final AlertNotifier notifier;
    private final ZoneId zone;
    private final DateTimeFormatter times;
    private final DateTimeFormatter dayTimes;
    private final ObservableList<Alert> active = FXCollections.observableArrayList();
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ObservableList<RuleRow> rules = FXCollections.observableArrayList();
    private final Map<String, Instant> lastNotified = new HashMap<>();
    private final ReadOnlyIntegerWrapper activeCount = new ReadOnlyIntegerWrapper(this, "activeCount");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "No alerts");
    private final ReadOnlyStringWrapper statusDetail = new ReadOnlyStringWrapper(this, "statusDetail", "");
    private final ReadOnlyStringWrapper summaryText = new ReadOnlyStringWrapper(this, "summaryText", "");
    private final ReadOnlyStringWrapper settingsMessage = new ReadOnlyStringWrapper(this, "settingsMessage", "");
    private final ReadOnlyBooleanWrapper settingsError = new ReadOnlyBooleanWrapper(this, "settingsError");
    private final ReadOnlyStringWrapper workersNote = new ReadOnlyStringWrapper(this, "workersNote", "");
    private final ReadOnlyStringWrapper rulesSummary = new ReadOnlyStringWrapper(this, "rulesSummary", "");
    private AlertSettings settings;
    private Instant lastEvaluation;
    private int notifications;

    /**
     * Loads the thresholds from the store (a small local file) at once.
     *
     * @param server host:port as shown to the user
     */
    public AlertsViewModel(String server, AlertSettingsStore store, Background background, AlertNotifier notifier,
                           ZoneId zone) {
        this.evaluator = new AlertEvaluator(server, zone);
        this.store = store;
        this.background = background;
        this.notifier = notifier;
        this.zone = zone;
        this.times = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
        this.dayTimes = Durations.shortDateTime(zone);
        AlertSettingsStore.Loaded loaded = store.load();
        this.settings = loaded.settings();
        for (RuleSetting s : settings.all()) {
            rules.add(new RuleRow(s));
        }
        loaded.problem().ifPresentOrElse(p -> {
            settingsMessage.set(p);
            settingsError.set(true);
        }, () -> settingsMessage.set("Thresholds from " + store.file()));
        summaryText.set(summary());
        rulesSummary.set(rulesSummary(settings));
    }

    /** The rules in use, in words: "Rules: more than 100 jobs waiting · ... · off: ...". */
    static String rulesSummary(AlertSettings settings) {
        List<String> on = new ArrayList<>();
        List<String> off = new ArrayList<>();
        for (RuleSetting s : settings.all()) {
            (s.enabled() ? on : off).add(s.enabled() ? s.describe() : s.rule().title());
        }
        return "Rules: " + (on.isEmpty() ? "none on" : String.join(" · ", on))
                + (off.isEmpty() ? "" : " · off: " + String.join(", ", off));
    }

    /** A successful overview poll. */
    public void onSnapshot(OverviewSnapshot snapshot) {
        lastEvaluation = snapshot.readAt();
        workersNote.set(snapshot.workers().isPresent() || snapshot.queues().isEmpty() ? ""
                : "Workers are unknown: Redis refuses CLIENT LIST to this user, so \"No worker\" cannot be checked");
        apply(evaluator.snapshot(snapshot, settings));
    }

    /** A failed overview poll; only an unreachable Redis is an alert. */
    public void onFailure(RuntimeException error, Instant at) {
        if (!(error instanceof RedisUnavailableException)) {
            return;
        }
        lastEvaluation = at;
        apply(evaluator.unreachable(at, reason(error), settings));
    }

    private static String reason(RuntimeException e) {
        String m = String.valueOf(e.getMessage());
        int colon = m.indexOf(": ");
        String cause = m.startsWith("cannot reach Redis at ") && colon > 0 ? m.substring(colon + 2) : m;
        return cause.startsWith("Failed to connect to ") ? "cannot connect" : cause;
    }

    private void apply(AlertEvaluator.Result result) {
        List<Alert> raised = new ArrayList<>();
        for (AlertEvent e : result.events()) {
            if (e.kind() == AlertEvent.Kind.RAISED) {
                history.add(0, new HistoryEntry(e.alert(), null));
                Instant before = lastNotified.get(e.alert().key());
                if (before == null || !e.at().isBefore(before.plus(RENOTIFY_AFTER))) {
                    raised.add(e.alert());
                    lastNotified.put(e.alert().key(), e.at());
                }
            } else {
                for (int i = 0; i < history.size(); i++) {
                    HistoryEntry h = history.get(i);
                    if (h.isActive() && h.alert().key().equals(e.alert().key())) {
                        history.set(i, new HistoryEntry(e.alert(), e.at()));
                        break;
                    }
                }
            }
        }
        if (history.size() > HISTORY_LIMIT) {
            history.remove(HISTORY_LIMIT, history.size());
        }
        if (!result.active().equals(active)) {
            active.setAll(result.active());
        }
        activeCount.set(active.size());
        statusText.set(switch (active.size()) {
            case 0 -> "No alerts";
            case 1 -> "1 alert: " + active.get(0).text();
            default -> active.size() + " alerts";
        });
        statusDetail.set(String.join("\n", active.stream().map(Alert::text).toList()));
        summaryText.set(summary());
        notify(raised);
    }

    private void notify(List<Alert> raised) {
        if (raised.isEmpty()) {
            return;
        }
        if (raised.size() <= MAX_SEPARATE_NOTIFICATIONS) {
            for (Alert a : raised) {
                show("Bullpen alert — " + a.rule().title(), a.text());
            }
            return;
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < MAX_SEPARATE_NOTIFICATIONS; i++) {
            lines.add(raised.get(i).text());
        }
        lines.add("… and " + (raised.size() - MAX_SEPARATE_NOTIFICATIONS) + " more (see Alerts)");
        show("Bullpen — " + raised.size() + " alerts raised", String.join("\n", lines));
    }

    private void show(String title, String text) {
        notifications++;
        try {
            notifier.show(title, text);
        } catch (RuntimeException e) {
            // a notification that cannot be shown (no screen) must not stop the evaluation
            org.slf4j.LoggerFactory.getLogger(AlertsViewModel.class)
                    .debug("AlertsViewModel notification not shown: {}", e.toString());
        }
    }

    private String summary() {
        int n = active.size();
        return (n == 0 ? "No alert holds" : n == 1 ? "1 alert holds" : n + " alerts hold")
                + " · " + history.size() + " in the history";
    }

    /**
     * Checks the edited thresholds; when valid, uses them at once (the last poll is evaluated again)
     * and saves them in the background.
     *
     * @return false (and a message naming the rule and field) when a value is not valid
     */
    public boolean save() {
        AlertSettings next = AlertSettings.defaults();
        try {
            for (RuleRow r : rules) {
                next = next.with(r.toSetting());
            }
        } catch (IllegalArgumentException e) {
            settingsMessage.set(e.getMessage() + " — not saved");
            settingsError.set(true);
            return false;
        }
        settings = next;
        rulesSummary.set(rulesSummary(settings));
        for (RuleRow r : rules) {
            r.show(settings.of(r.getRule()));
        }
        if (lastEvaluation != null) {
            apply(evaluator.settingsChanged(settings, lastEvaluation));
        }
        AlertSettings toSave = next;
        settingsMessage.set("Saving…");
        settingsError.set(false);
        background.run("save alert thresholds", () -> {
            store.save(toSave);
            return store.file();
        }, file -> settingsMessage.set("Saved to " + file), error -> {
            settingsMessage.set(error.getMessage());
            settingsError.set(true);
        });
        return true;
    }

    /** Puts the thresholds in use back in the form (the user cancelled an edit). */
    public void revertForm() {
        for (RuleRow r : rules) {
            r.show(settings.of(r.getRule()));
        }
        if (!settingsError.get() || !settingsMessage.get().endsWith("not saved")) {
            return;
        }
        settingsMessage.set("Thresholds from " + store.file());
        settingsError.set(false);
    }

    /** Puts the runbook's defaults in the form; {@link #save()} uses them. */
    public void resetToDefaults() {
        for (RuleRow r : rules) {
            r.show(RuleSetting.defaults(r.getRule()));
        }
        settingsMessage.set("Defaults in the form — Save to use them");
        settingsError.set(false);
    }

    /** Clears the history of alerts that no longer hold. */
    public void clearHistory() {
        history.removeIf(h -> !h.isActive());
        summaryText.set(summary());
    }

    public String time(Instant at) {
        return at == null ? "" : times.format(at);
    }

    /** The time, with the day in front when it is not the day of the last evaluation. */
    public String dayTime(Instant at) {
        if (at == null) {
            return "";
        }
        boolean today = lastEvaluation != null
                && at.atZone(zone).toLocalDate().equals(lastEvaluation.atZone(zone).toLocalDate());
        return today ? times.format(at) : dayTimes.format(at);
    }

    // ---------------------------------------------------------------- properties

    public AlertSettings settings() {
        return settings;
    }

    /** The alerts that hold, oldest first. */
    public ObservableList<Alert> active() {
        return FXCollections.unmodifiableObservableList(active);
    }

    /** Raised and cleared alerts, newest first, at most {@link #HISTORY_LIMIT}. */
    public ObservableList<HistoryEntry> history() {
        return FXCollections.unmodifiableObservableList(history);
    }

    public ObservableList<RuleRow> rules() {
        return rules;
    }

    /** Desktop notifications shown so far. */
    public int notificationsShown() {
        return notifications;
    }

    public int getActiveCount() {
        return activeCount.get();
    }

    public ReadOnlyIntegerProperty activeCountProperty() {
        return activeCount.getReadOnlyProperty();
    }

    public String getStatusText() {
        return statusText.get();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** Every active alert, one per line (the status bar's tooltip). */
    public ReadOnlyStringProperty statusDetailProperty() {
        return statusDetail.getReadOnlyProperty();
    }

    public String getSummaryText() {
        return summaryText.get();
    }

    public ReadOnlyStringProperty summaryTextProperty() {
        return summaryText.getReadOnlyProperty();
    }

    public String getSettingsMessage() {
        return settingsMessage.get();
    }

    public ReadOnlyStringProperty settingsMessageProperty() {
        return settingsMessage.getReadOnlyProperty();
    }

    public boolean isSettingsError() {
        return settingsError.get();
    }

    public ReadOnlyBooleanProperty settingsErrorProperty() {
        return settingsError.getReadOnlyProperty();
    }

    /** The rules in use, in words. */
    public ReadOnlyStringProperty rulesSummaryProperty() {
        return rulesSummary.getReadOnlyProperty();
    }

    public String getRulesSummary() {
        return rulesSummary.get();
    }

    public ReadOnlyStringProperty workersNoteProperty() {
        return workersNote.getReadOnlyProperty();
    }

    public String getWorkersNote() {
        return workersNote.get();
    }
}
