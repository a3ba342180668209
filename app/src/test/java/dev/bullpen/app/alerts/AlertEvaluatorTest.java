package dev.bullpen.app.alerts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class AlertEvaluatorTest {
    private static final Instant T0 = Instant.parse("2026-01-02T10:00:00Z");

    private final AlertEvaluator inTest = new AlertEvaluator("redis.local:6379", ZoneOffset.UTC);
    private final AlertSettings defaults = AlertSettings.defaults();

    /** A queue's figures in one snapshot. */
    private record Q(String name, boolean paused, long waiting, long pausedJobs, List<Long> failedPerMinute,
                     Long oldestWaitingAgeMs, Integer workers) {
        static Q of(String name) {
            return new Q(name, false, 0, 0, List.of(), null, 1);
        }

        Q waiting(long n) {
            return new Q(name, paused, n, pausedJobs, failedPerMinute, oldestWaitingAgeMs, workers);
        }

        Q pausedWith(long n) {
            return new Q(name, true, 0, n, failedPerMinute, oldestWaitingAgeMs, workers);
        }

        Q failed(Long... perMinute) {
            return new Q(name, paused, waiting, pausedJobs, List.of(perMinute), oldestWaitingAgeMs, workers);
        }

        Q oldest(long ageMs) {
            return new Q(name, paused, waiting, pausedJobs, failedPerMinute, ageMs, workers);
        }

        Q workers(Integer n) {
            return new Q(name, paused, waiting, pausedJobs, failedPerMinute, oldestWaitingAgeMs, n);
        }
    }

    private static OverviewSnapshot snapshot(Instant at, boolean workersKnown, Q... queues) {
        List<QueueStatus> statuses = new ArrayList<>();
        Map<String, QueueActivity> activity = new HashMap<>();
        Map<String, Integer> workers = new HashMap<>();
        for (Q q : queues) {
            statuses.add(new QueueStatus(q.name(), q.paused(), new QueueCounts(q.waiting(), 0, 0, 0, 0, q.pausedJobs())));
            activity.put(q.name(), new QueueActivity(0, q.failedPerMinute(), q.oldestWaitingAgeMs() == null
                    ? OptionalLong.empty() : OptionalLong.of(at.toEpochMilli() - q.oldestWaitingAgeMs())));
            workers.put(q.name(), q.workers());
        }
        return new OverviewSnapshot(statuses, at, activity, workersKnown ? Optional.of(workers) : Optional.empty());
    }

    private static OverviewSnapshot snapshot(Instant at, Q... queues) {
        return snapshot(at, true, queues);
    }

    private static List<String> events(AlertEvaluator.Result r) {
        return r.events().stream().map(e -> e.kind() + " " + e.alert().key()).toList();
    }

    @Test
    void eachRuleRaisesAboveItsDefaultThresholdOnly() {
        // given queues right at the runbook's thresholds, and one just over each
        AlertEvaluator.Result r = inTest.snapshot(snapshot(T0,
                Q.of("at").waiting(100).failed(5L, 2L, 1L, 1L, 1L, 9L).oldest(60_000),
                Q.of("over").waiting(101).failed(5L, 2L, 1L, 1L, 2L).oldest(60_001).workers(0)), defaults);

        assertEquals(List.of("RAISED waiting@over", "RAISED failures@over", "RAISED noWorker@over",
                "RAISED oldestWaiting@over"), events(r));
        assertEquals(List.of(
                "over: 101 jobs waiting, more than 100",
                "over: 11 jobs failed in the last 5 min, more than 10",
                "over: 101 jobs waiting and no worker connected",
                "over: the oldest waiting job has waited 1 m 00 s, more than 60 s"),
                r.active().stream().map(Alert::text).toList());
    }

    @Test
    void anAlertIsRaisedOnceUpdatedWhileItHoldsAndClearedWhenTheConditionEnds() {
        assertEquals(List.of("RAISED waiting@q"), events(inTest.snapshot(snapshot(T0, Q.of("q").waiting(150)), defaults)));

        AlertEvaluator.Result still = inTest.snapshot(snapshot(T0.plusSeconds(2), Q.of("q").waiting(170)), defaults);
        assertEquals(List.of(), events(still));
        assertEquals("170 jobs waiting, more than 100", still.active().get(0).message());
        assertEquals(T0, still.active().get(0).raisedAt());

        AlertEvaluator.Result cleared = inTest.snapshot(snapshot(T0.plusSeconds(4), Q.of("q").waiting(3)), defaults);
        assertEquals(List.of("CLEARED waiting@q"), events(cleared));
        assertEquals("170 jobs waiting, more than 100", cleared.events().get(0).alert().message(), "its last words");
        assertEquals(T0.plusSeconds(4), cleared.events().get(0).at());
        assertEquals(List.of(), cleared.active());
    }

    @Test
    void pausedJobsCountAsWaitingAndTheMessageSaysTheQueueIsPaused() {
        AlertEvaluator.Result r = inTest.snapshot(snapshot(T0, Q.of("p").pausedWith(120).workers(0)), defaults);

        assertEquals(List.of("p: 120 jobs waiting, more than 100 (queue paused)",
                "p: 120 jobs waiting and no worker connected (queue paused)"), r.active().stream().map(Alert::text).toList());
    }

    @Test
    void noWorkerNeedsWaitingJobsAndKnownWorkers() {
        assertEquals(List.of(), events(inTest.snapshot(snapshot(T0, Q.of("idle").workers(0)), defaults)));
        assertEquals(List.of(), events(inTest.snapshot(snapshot(T0, false, Q.of("unknown").waiting(5)), defaults)),
                "workers unknown (CLIENT LIST refused): nothing to say");
        assertEquals(List.of("RAISED noWorker@q"), events(inTest.snapshot(
                snapshot(T0, Q.of("q").waiting(1).workers(0)), defaults)));
    }

    @Test
    void thresholdsAndWindowsComeFromTheSettingsAndDisabledRulesClear() {
        inTest.snapshot(snapshot(T0, Q.of("q").waiting(50).failed(1L, 1L, 1L, 1L, 1L, 1L, 1L)), defaults);

        AlertSettings tight = defaults.with(new RuleSetting(AlertRule.WAITING, true, 40, 5))
                .with(new RuleSetting(AlertRule.FAILURES, true, 6, 7));
        assertEquals(List.of("RAISED waiting@q", "RAISED failures@q"),
                events(inTest.settingsChanged(tight, T0.plusSeconds(1))));
        assertEquals("7 jobs failed in the last 7 min, more than 6", inTest.active().get(1).message());

        AlertSettings off = tight.with(new RuleSetting(AlertRule.WAITING, false, 40, 5));
        assertEquals(List.of("CLEARED waiting@q"), events(inTest.settingsChanged(off, T0.plusSeconds(2))));
    }

    @Test
    void aRuleWithForRaisesOnlyOnceItsConditionHeldThatLongInARow() {
        AlertSettings for10s = defaults.with(new RuleSetting(AlertRule.WAITING, true, 100, 5, 10));

        assertEquals(List.of(), events(inTest.snapshot(snapshot(T0, Q.of("q").waiting(150)), for10s)));
        assertEquals(List.of(), events(inTest.snapshot(snapshot(T0.plusSeconds(6), Q.of("q").waiting(150)), for10s)));
        assertEquals(List.of(), events(inTest.snapshot(snapshot(T0.plusSeconds(8), Q.of("q").waiting(50)), for10s)),
                "the condition broke: the wait starts again");
        assertEquals(List.of(), events(inTest.snapshot(snapshot(T0.plusSeconds(10), Q.of("q").waiting(150)), for10s)));
        assertEquals(List.of(), events(inTest.snapshot(snapshot(T0.plusSeconds(19), Q.of("q").waiting(150)), for10s)));
        AlertEvaluator.Result r = inTest.snapshot(snapshot(T0.plusSeconds(20), Q.of("q").waiting(150)), for10s);
        assertEquals(List.of("RAISED waiting@q"), events(r));
        assertEquals(T0.plusSeconds(20), r.active().get(0).raisedAt());
        assertEquals("more than 100 jobs waiting for 10 s", for10s.of(AlertRule.WAITING).describe());
    }

    @Test
    void redisUnreachableRaisesAfterItsThresholdAndQueueAlertsKeepTheirLastState() {
        inTest.snapshot(snapshot(T0, Q.of("q").waiting(500)), defaults);
        AlertSettings after30s = defaults.with(new RuleSetting(AlertRule.REDIS_UNREACHABLE, true, 30, 5));

        assertEquals(List.of(), events(inTest.unreachable(T0.plusSeconds(2), "cannot connect", after30s)));
        assertEquals(List.of(), events(inTest.unreachable(T0.plusSeconds(31), "cannot connect", after30s)));
        AlertEvaluator.Result down = inTest.unreachable(T0.plusSeconds(32), "cannot connect", after30s);
        assertEquals(List.of("RAISED redisUnreachable"), events(down));
        assertEquals("cannot reach Redis at redis.local:6379 since 10:00:02: cannot connect",
                down.active().stream().filter(a -> a.queue() == null).findFirst().orElseThrow().text());
        assertEquals(2, down.active().size(), "the queue's alert stays: nothing newer is known");

        AlertEvaluator.Result back = inTest.snapshot(snapshot(T0.plusSeconds(40), Q.of("q").waiting(0)), after30s);
        assertEquals(List.of("CLEARED redisUnreachable", "CLEARED waiting@q"), events(back).stream().sorted().toList());
    }

    @Test
    void redisUnreachableWithTheDefaultThresholdRaisesAtTheFirstFailedPoll() {
        assertEquals(List.of("RAISED redisUnreachable"), events(inTest.unreachable(T0, "", defaults)));
        assertEquals("cannot reach Redis at redis.local:6379 since 10:00:00", inTest.active().get(0).message());
    }

    @Test
    void aQueueThatIsGoneClearsItsAlerts() {
        inTest.snapshot(snapshot(T0, Q.of("gone").waiting(500), Q.of("stays").waiting(500)), defaults);

        AlertEvaluator.Result r = inTest.snapshot(snapshot(T0.plusSeconds(2), Q.of("stays").waiting(500)), defaults);

        assertEquals(List.of("CLEARED waiting@gone"), events(r));
    }

    @Test
    void aSnapshotWithoutActivityRaisesNoActivityRule() {
        OverviewSnapshot countsOnly = new OverviewSnapshot(List.of(
                new QueueStatus("q", false, new QueueCounts(1, 0, 0, 0, 0, 0))), T0);

        assertEquals(List.of(), events(inTest.snapshot(countsOnly, defaults)));
    }
}
