package dev.bullpen.app.alerts;

import dev.bullpen.app.queue.Durations;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueStatus;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.OptionalLong;

/**
 * Decides which alerts hold, from the overview snapshots and the connection's failures, and reports
 * each raise and clear once. No JavaFX, no Redis: fed by the poller's results.
 *
 * <p>Queue rules are evaluated on the last snapshot (ages relative to its read time); while Redis is
 * unreachable they keep what that snapshot said, since nothing newer is known. A queue that is gone
 * from a snapshot clears its alerts. A rule that cannot be evaluated (workers unknown because Redis
 * refuses CLIENT LIST) raises nothing. A rule with a "for" raises once its condition has held that long
 * in consecutive snapshots.
 */
public final class AlertEvaluator {
    /** What one evaluation found. */
    public record Result(List<AlertEvent> events, List<Alert> active) {
    }

    private final String server;
    private final DateTimeFormatter clock;
    private final Map<String, Alert> active = new LinkedHashMap<>();
    /** When each condition that holds but is not raised yet (its rule's "for") was first seen. */
    private final Map<String, Instant> pendingSince = new HashMap<>();
    private OverviewSnapshot lastSnapshot;
    private Instant unreachableSince;
    private String unreachableReason = "";

    /**
     * @param server host:port as shown to the user
     * @param zone   the zone of times in messages
     */
    public AlertEvaluator(String server, ZoneId zone) {
        this.server = server;
        this.clock = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(zone);
    }

    /** A successful poll: Redis is reachable, queue rules follow the snapshot. */
    public Result snapshot(OverviewSnapshot snapshot, AlertSettings settings) {
        lastSnapshot = snapshot;
        unreachableSince = null;
        return evaluate(settings, snapshot.readAt());
    }

    /** A poll that could not reach Redis. */
    public Result unreachable(Instant at, String reason, AlertSettings settings) {
        if (unreachableSince == null) {
            unreachableSince = at;
        }
        unreachableReason = reason;
        return evaluate(settings, at);
    }

    /** New thresholds: the last data evaluated again. */
    public Result settingsChanged(AlertSettings settings, Instant at) {
        return evaluate(settings, at);
    }

    public List<Alert> active() {
        return sorted(active);
    }

    private Result evaluate(AlertSettings settings, Instant at) {
        Map<String, Alert> holding = new LinkedHashMap<>();
        RuleSetting redis = settings.of(AlertRule.REDIS_UNREACHABLE);
        if (redis.enabled() && unreachableSince != null
                && Duration.between(unreachableSince, at).toMillis() >= redis.threshold() * 1000) {
            hold(holding, AlertRule.REDIS_UNREACHABLE, null, "cannot reach Redis at " + server + " since "
                    + clock.format(unreachableSince) + (unreachableReason.isBlank() ? "" : ": " + unreachableReason), at);
        }
        if (lastSnapshot != null) {
            Map<String, Alert> seen = new LinkedHashMap<>();
            for (QueueStatus q : lastSnapshot.queues()) {
                evaluateQueue(q, settings, seen, at);
            }
            // a rule's "for": held since the snapshot that first saw it (ages go by snapshots, not by
            // failed polls: while Redis is unreachable, nothing newer is known)
            Instant now = lastSnapshot.readAt();
            pendingSince.keySet().retainAll(seen.keySet());
            for (Alert a : seen.values()) {
                Instant since = active.containsKey(a.key()) ? now : pendingSince.computeIfAbsent(a.key(), k -> now);
                if (active.containsKey(a.key()) || !since.plusSeconds(settings.of(a.rule()).forSeconds()).isAfter(now)) {
                    pendingSince.remove(a.key());
                    holding.put(a.key(), a);
                }
            }
        }
        List<AlertEvent> events = new ArrayList<>();
        for (Map.Entry<String, Alert> e : new ArrayList<>(active.entrySet())) {
            Alert now = holding.get(e.getKey());
            if (now == null) {
                active.remove(e.getKey());
                events.add(new AlertEvent(AlertEvent.Kind.CLEARED, e.getValue(), at));
            } else {
                active.put(e.getKey(), e.getValue().withMessage(now.message()));
            }
        }
        for (Map.Entry<String, Alert> e : holding.entrySet()) {
            if (!active.containsKey(e.getKey())) {
                active.put(e.getKey(), e.getValue());
                events.add(new AlertEvent(AlertEvent.Kind.RAISED, e.getValue(), at));
            }
        }
        return new Result(List.copyOf(events), sorted(active));
    }

    private void evaluateQueue(QueueStatus q, AlertSettings settings, Map<String, Alert> holding, Instant at) {
        String name = q.name();
        long waiting = q.counts().waiting() + q.counts().paused();
        String paused = q.paused() ? " (queue paused)" : "";
        RuleSetting w = settings.of(AlertRule.WAITING);
        if (w.enabled() && waiting > w.threshold()) {
            hold(holding, AlertRule.WAITING, name, count(waiting, "job") + " waiting, more than "
                    + w.threshold() + paused, at);
        }
        QueueActivity activity = lastSnapshot.activityOf(name).orElse(null);
        RuleSetting f = settings.of(AlertRule.FAILURES);
        if (f.enabled() && activity != null) {
            long failed = activity.failedIn(f.windowMinutes());
            if (failed > f.threshold()) {
                hold(holding, AlertRule.FAILURES, name, count(failed, "job") + " failed in the last "
                        + f.windowMinutes() + " min, more than " + f.threshold(), at);
            }
        }
        RuleSetting nw = settings.of(AlertRule.NO_WORKER);
        OptionalInt workers = lastSnapshot.workersOf(name);
        if (nw.enabled() && workers.isPresent() && workers.getAsInt() == 0 && waiting > nw.threshold()) {
            hold(holding, AlertRule.NO_WORKER, name, count(waiting, "job") + " waiting and no worker connected"
                    + paused, at);
        }
        RuleSetting old = settings.of(AlertRule.OLDEST_WAITING);
        if (old.enabled() && activity != null) {
            OptionalLong age = activity.oldestWaitingAgeMs(lastSnapshot.readAt().toEpochMilli());
            if (age.isPresent() && age.getAsLong() > old.threshold() * 1000) {
                hold(holding, AlertRule.OLDEST_WAITING, name, "the oldest waiting job has waited "
                        + Durations.format(age.getAsLong()) + ", more than " + old.threshold() + " s" + paused, at);
            }
        }
    }

    private static void hold(Map<String, Alert> holding, AlertRule rule, String queue, String message, Instant at) {
        Alert a = new Alert(rule, queue, message, at);
        holding.put(a.key(), a);
    }

    private static String count(long n, String what) {
        return String.format(Locale.ROOT, "%,d %s%s", n, what, n == 1 ? "" : "s");
    }

    private static List<Alert> sorted(Map<String, Alert> alerts) {
        return alerts.values().stream()
                .sorted(Comparator.comparing(Alert::raisedAt)
                        .thenComparing(Alert::queue, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(Alert::rule))
                .toList();
    }
}
