package dev.bullpen.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.checkout.AuditReport;
import dev.bullpen.lab.Lab;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.simulate.ArrivalPattern;
import dev.bullpen.simulate.LiveSnapshot;
import dev.bullpen.simulate.MeasureSummary;
import dev.bullpen.simulate.SimulationReport;
import dev.bullpen.simulate.Slo;
import dev.bullpen.simulate.TimelinePoint;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lab's form, live numbers, verdicts and comparison, without a toolkit and without Redis. */
class LabViewModelTest {
    @TempDir
    Path dir;

    private final List<Runnable> started = new ArrayList<>();

    private LabViewModel viewModel(boolean readOnly) {
        Lab lab = new Lab(RedisEndpoint.parse("redis://127.0.0.1:1"), "t-lab", dir);
        return new LabViewModel(lab, new Background(Runnable::run, Runnable::run), (name, run) -> started.add(run),
                readOnly, Clock.systemUTC(), ZoneOffset.UTC);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            customers   | abc                  | Customers: a whole number, got 'abc'
            customers   | 1                    | Customers: between 2 and 1000000, got 1
            concurrency | 900                  | Concurrency: at most the number of customers (500): one customer has one checkout in flight at a time
            duration    | 5 parsecs            | Duration: not a duration (e.g. 200ms, 1.5s, 2m): 5 parsecs
            duration    | 0.5s                 | Duration: between 1s and 24h, got 0.5s
            failRate    | 1.5                  | Fail rate: between 0 and 1, got 1.5
            slos        | checkout-p42=1s      | SLOs: unknown percentile 'p42' in checkout-p42=1s (p50, p90, p99, p99.9, max, mean)
            database    | postgres://host/mall | Database: a JDBC URL starting with jdbc: (e.g. jdbc:postgresql://host/mall), or empty for the lab's own H2 file
            workers     | -1                   | Workers: between 0 and 32, got -1
            """)
    void aFieldThatDoesNotReadIsNamedAndNothingStarts(String field, String value, String error) {
        LabViewModel vm = viewModel(false);
        LabForm f = vm.form();
        switch (field) {
            case "customers" -> f.customersProperty().set(value);
            case "concurrency" -> f.concurrencyProperty().set(value);
            case "duration" -> f.durationProperty().set(value);
            case "failRate" -> f.failRateProperty().set(value);
            case "slos" -> f.slosProperty().set(value);
            case "database" -> f.databaseProperty().set(value);
            case "workers" -> f.workersProperty().set(value);
            default -> throw new IllegalArgumentException(field);
        }

        vm.start();

        assertEquals(error, vm.messageProperty().get());
        assertTrue(vm.messageIsErrorProperty().get());
        assertEquals(LabViewModel.State.IDLE, vm.stateProperty().get());
        assertEquals(List.of(), started);
    }

    @Test
    void theDefaultFormReadsAsAClosedLoopPlanOnTheLabsOwnDatabase() {
        Lab.Plan plan = viewModel(false).form().plan();

        assertEquals(new ArrivalPattern.ClosedLoop(8), plan.profile().arrivals());
        assertEquals(Duration.ofSeconds(30), plan.profile().duration());
        assertEquals(null, plan.dbUrl());
        assertEquals(2, plan.workers());
        assertEquals(Slo.parseList("checkout-p99=200ms,job-p99=1s"), plan.slos());
    }

    @Test
    void anOpenLoopReadsTheRateAndAShareMayBeAPercentage() {
        LabForm f = viewModel(false).form();
        f.loopProperty().set(LabForm.Loop.OPEN);
        f.rateProperty().set("250");
        f.failForGoodRateProperty().set("2%");

        Lab.Plan plan = f.plan();

        assertEquals(new ArrivalPattern.OpenLoop(250, 256), plan.profile().arrivals());
        assertEquals(0.02, plan.failForGoodRate(), 1e-12);
    }

    @Test
    void aValidFormStartsTheRunOnItsOwnThreadAndStopIsOfferedAtOnce() {
        LabViewModel vm = viewModel(false);

        vm.start();

        assertEquals(LabViewModel.State.STARTING, vm.stateProperty().get());
        assertEquals(1, started.size(), "handed to the run thread, not run on the FX thread");
        vm.stop();
        assertEquals(LabViewModel.State.STOPPING, vm.stateProperty().get());
    }

    @Test
    void readOnlyRefusesToStart() {
        LabViewModel vm = viewModel(true);

        vm.start();

        assertTrue(vm.messageProperty().get().startsWith("Read-only: a load test writes jobs"));
        assertEquals(List.of(), started);
    }

    @Test
    void eachSecondOfARunUpdatesTheTilesAndTheTimeline() {
        LabViewModel vm = viewModel(false);
        TimelinePoint p = new TimelinePoint(3, 120, 2, 4, 9, 12.5, 30, 110, 7, 4, 1, 0, 42);

        vm.applyLive(new LiveSnapshot(3.2, 1234, 118.6, 5, 12.5, 7, 4, 1, 0, "load", p));

        assertEquals("3 s", vm.elapsedProperty().get());
        assertEquals("1,234", vm.checkoutsProperty().get());
        assertEquals("119", vm.perSecondProperty().get());
        assertEquals("12.5 ms", vm.checkoutP99Property().get());
        assertEquals("7 waiting · 4 active · 1 delayed · 0 failed", vm.queueDepthProperty().get());
        assertEquals("42.0 ms", vm.jobWaitProperty().get());
        assertEquals("Load running", vm.phaseProperty().get());
        assertEquals(List.of(p), vm.timeline());
    }

    @Test
    void aFailedRunSaysWhatFailed() {
        SimulationReport r = report(false, 40, 2).withVerdicts(new AuditReport(40, 10,
                List.of("purchase p1: rewards processing with no pending outbox row and no live job in the queue")),
                Slo.parseList("checkout-p99=5ms,job-p99=1s"));

        List<LabViewModel.VerdictRow> rows = LabViewModel.verdictsOf(r);

        assertEquals(List.of("Queue drained", "Rewards", "Audit", "Refused checkouts", "SLO checkout-p99=5.00ms",
                "SLO processing-p99=1000ms"), rows.stream().map(LabViewModel.VerdictRow::what).toList());
        assertEquals(List.of(false, true, false, true, false, false),
                rows.stream().map(LabViewModel.VerdictRow::ok).toList());
        assertEquals("NO: still busy after 120 s", rows.get(0).detail());
        assertEquals("38 of 40 purchases paid; 2 failed for good on purpose (in the failed list, retryable)",
                rows.get(1).detail());
        assertTrue(rows.get(2).detail().startsWith("1 violation(s): purchase p1: rewards processing"));
        assertEquals("3 insufficient balance", rows.get(3).detail());
        assertEquals("MISSED: actual 12.0 ms, limit 5.00 ms", rows.get(4).detail());
        assertEquals("MISSED: actual no samples, limit 1000 ms", rows.get(5).detail());
    }

    @Test
    void twoRunsAreComparedFigureByFigureWithTheDirectionOfTheChange() {
        SimulationReport a = report(true, 100, 0).withVerdicts(new AuditReport(100, 10, List.of()), List.of());
        SimulationReport b = report(true, 150, 0).withVerdicts(new AuditReport(150, 10, List.of()), List.of());

        List<LabViewModel.CompareRow> rows = LabViewModel.comparisonOf(a, b);

        assertEquals(new LabViewModel.CompareRow("checkouts", "100", "150", "+50 % (better)"), find(rows, "checkouts"));
        assertEquals(new LabViewModel.CompareRow("checkout p99", "12.0 ms", "12.0 ms", ""),
                find(rows, "checkout p99"));
        assertEquals(new LabViewModel.CompareRow("queue-wait p99", "—", "—", ""), find(rows, "queue-wait p99"));
        assertEquals("", find(rows, "arrivals").change());
        assertEquals("+100 % (worse)", LabViewModel.change(10, 20, false));
        assertEquals("-50 % (better)", LabViewModel.change(10, 5, false));
        assertEquals("new", LabViewModel.change(0, 3, false));
    }

    private static LabViewModel.CompareRow find(List<LabViewModel.CompareRow> rows, String what) {
        return rows.stream().filter(r -> r.what().equals(what)).findFirst().orElseThrow(() ->
                new AssertionError(what + " not in " + rows));
    }

    private static SimulationReport report(boolean drained, long checkouts, long failedForGood) {
        Map<String, MeasureSummary> measures = new LinkedHashMap<>();
        measures.put("checkout", new MeasureSummary("checkout", checkouts, 3, 6, 12, 14, 20, 4));
        measures.put("queue-wait", new MeasureSummary("queue-wait", 0, 0, 0, 0, 0, 0, 0));
        return new SimulationReport(Map.of("arrivals", "closed loop, 4 concurrent customers"), 1_700_000_000_000L, 10,
                checkouts, Map.of("insufficient balance", 3L), Map.of(), measures, List.of(), Map.of(),
                checkouts - failedForGood, failedForGood, drained, 120, null, List.of());
    }
}
