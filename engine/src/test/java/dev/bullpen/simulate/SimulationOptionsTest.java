package dev.bullpen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Parsing of the simulator's options and the deterministic pieces of the load. */
class SimulationOptionsTest {

    @ParameterizedTest
    @CsvSource(textBlock = """
            250us, 250000
            200ms, 200000000
            1.5s,  1500000000
            2m,    120000000000
            1h,    3600000000000
            """)
    void durationsParseAsPeopleTypeThem(String text, long nanos) {
        assertEquals(Duration.ofNanos(nanos), DurationText.parse(text));
    }

    @ParameterizedTest(name = "{0} wanted on {1} cores: {2}")
    @CsvSource(textBlock = """
            35,  2, 4
            3,   2, 3
            131, 2, 4
            9,   8, 9
            100, 16, 32
            """)
    void connectionPoolsAreAtMostTwiceTheCoresAndAtLeastFour(int wanted, int cores, int size) {
        assertEquals(size, Simulation.poolSize(wanted, cores));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            ''
            12
            -1s
            fast
            """)
    void nonsenseIsNotADuration(String text) {
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse(text));
    }

    @Test
    void slosParseWithAliasesAndAreJudgedAgainstTheMeasure() {
        List<Slo> slos = Slo.parseList("checkout-p99=200ms, job-p99=1s,e2e-p99.9=5s");

        assertEquals(List.of(new Slo("checkout", "p99", Duration.ofMillis(200)),
                new Slo("processing", "p99", Duration.ofSeconds(1)),
                new Slo("end-to-end", "p99.9", Duration.ofSeconds(5))), slos);
        Map<String, MeasureSummary> measures = Map.of(
                "checkout", new MeasureSummary("checkout", 10, 5, 9, 200.0, 300, 300, 6),
                "processing", new MeasureSummary("processing", 10, 5, 9, 1000.5, 1100, 1100, 6));
        assertTrue(slos.get(0).judge(measures).met(), "equal to the limit is met");
        assertFalse(slos.get(1).judge(measures).met());
        assertFalse(slos.get(2).judge(measures).met(), "no samples prove nothing");
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            checkout=200ms
            checkout-p42=1s
            latency-p99=1s
            checkout-p99=soon
            """)
    void badSlosAreRefused(String text) {
        assertThrows(IllegalArgumentException.class, () -> Slo.parseList(text));
    }

    @Test
    void chaosParsesBothFaultsAndRefusesOthers() {
        Chaos c = Chaos.parse(List.of("kill-worker:5s", "redis-restart:20s"));

        assertEquals(Duration.ofSeconds(5), c.killWorkerEvery());
        assertEquals(Duration.ofSeconds(20), c.redisRestartAt());
        assertEquals(c, Chaos.parse(List.of("kill-worker:5s,redis-restart:20s")));
        assertThrows(IllegalArgumentException.class, () -> Chaos.parse(List.of("unplug-db:1s")));
        assertThrows(IllegalArgumentException.class, () -> Chaos.parse(List.of("kill-worker:0s")));
    }

    @Test
    void injectedFailuresPickTheSameSharesOfJobsInEveryProcess() {
        InjectedFailures.Rates a = new InjectedFailures.Rates(0.2, 0.05, 42);
        InjectedFailures.Rates b = new InjectedFailures.Rates(0.2, 0.05, 42);

        int once = 0;
        int forGood = 0;
        for (int i = 0; i < 10_000; i++) {
            String id = "purchase-" + i;
            assertEquals(a.failsFirstAttempt(id), b.failsFirstAttempt(id));
            assertEquals(a.failsForGood(id), b.failsForGood(id));
            assertFalse(a.failsFirstAttempt(id) && a.failsForGood(id), "a job fails once or for good, not both");
            once += a.failsFirstAttempt(id) ? 1 : 0;
            forGood += a.failsForGood(id) ? 1 : 0;
        }
        assertTrue(once > 1_700 && once < 2_150, "first attempt only: " + once);
        assertTrue(forGood > 400 && forGood < 600, "for good: " + forGood);
        assertFalse(InjectedFailures.Rates.NONE.any());
        assertFalse(new InjectedFailures.Rates(0, 0, 42).failsForGood("purchase-1"));
        assertThrows(IllegalArgumentException.class, () -> new InjectedFailures.Rates(0, 1.5, 42));
    }

    @Test
    void poissonGapsAverageOneOverTheRate() {
        ArrivalPattern.OpenLoop open = new ArrivalPattern.OpenLoop(500, 8);
        Random random = new Random(7);

        long total = 0;
        int n = 20_000;
        for (int i = 0; i < n; i++) {
            total += open.nextGapNanos(random);
        }

        double meanMs = total / (double) n / 1e6;
        assertEquals(2.0, meanMs, 0.1);
    }
}
