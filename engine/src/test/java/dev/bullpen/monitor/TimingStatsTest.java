package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.JobSnapshot;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class TimingStatsTest {

    private static JobSnapshot job(String id, String created, String started, String finished) {
        Map<String, String> f = new HashMap<>();
        if (created != null) {
            f.put("timestamp", created);
        }
        if (started != null) {
            f.put("processedOn", started);
        }
        if (finished != null) {
            f.put("finishedOn", finished);
        }
        return new JobSnapshot(id, f);
    }

    @Test
    void percentilesAreNearestRankOverEveryJob() {
        // given 100 jobs waiting 1..100 ms and running 10..1000 ms, in shuffled order
        List<JobSnapshot> jobs = new ArrayList<>();
        for (int i = 100; i >= 1; i--) {
            long created = 1_000_000L * i;
            jobs.add(job("j" + i, Long.toString(created), Long.toString(created + i),
                    Long.toString(created + i + 10L * i)));
        }

        // when
        TimingStats stats = TimingStats.of(jobs);

        // then
        assertEquals(new TimingStats.Percentiles(100, 50, 90, 95, 99, 100), stats.waitTime());
        assertEquals(new TimingStats.Percentiles(100, 500, 900, 950, 990, 1000), stats.runTime());
        assertEquals(100, stats.jobs());
        assertEquals(0, stats.skipped());
        assertEquals(OptionalLong.of(1_000_000L + 11), stats.firstFinish());
        assertEquals(OptionalLong.of(100_000_000L + 1_100), stats.lastFinish());
    }

    @Test
    void fewSamplesGiveTheirOwnValues() {
        TimingStats stats = TimingStats.of(List.of(job("a", "0", "7", "10"), job("b", "0", "3", "100")));
        assertEquals(new TimingStats.Percentiles(2, 3, 7, 7, 7, 7), stats.waitTime());
        assertEquals(new TimingStats.Percentiles(2, 3, 97, 97, 97, 97), stats.runTime());
    }

    @Test
    void missingGarbageAndOutOfOrderTimesGiveNoSampleAndNeverThrow() {
        TimingStats stats = TimingStats.of(List.of(
                job("missing", null, null, null),
                new JobSnapshot("no-hash", Map.of()),
                job("garbage", "soon", "later", "{}"),
                job("skewed", "2000", "1000", "500"),      // clocks that disagree
                job("not-started", "1000", null, "3000"),  // finished without processedOn
                job("float", "1000.5", "1250.9", "1300"),  // JS numbers
                job("wait-only", "1000", "1100", "900")));

        assertEquals(2, stats.waitTime().samples(), "float and wait-only");
        assertEquals(100, stats.waitTime().p50());
        assertEquals(250, stats.waitTime().max(), "1250.9 - 1000.5 read as whole ms");
        assertEquals(1, stats.runTime().samples(), "float");
        assertEquals(50, stats.runTime().p50());
        assertEquals(5, stats.skipped());
        assertEquals(7, stats.jobs());
    }

    @Test
    void noJobsGiveEmptyPercentiles() {
        TimingStats stats = TimingStats.of(List.of());
        assertTrue(stats.waitTime().isEmpty());
        assertTrue(stats.runTime().isEmpty());
        assertEquals(OptionalLong.empty(), stats.firstFinish());
    }
}
