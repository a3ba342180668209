package dev.bullpen.simulate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.checkout.AuditReport;
import dev.bullpen.queue.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

/** The report's verdict, its JSON and its HTML page, from known numbers. */
class SimulationReportTest {

    @Test
    void percentilesComeFromTheHistogramInMilliseconds() {
        Histogram micros = new Histogram(3);
        for (int i = 1; i <= 100; i++) {
            micros.recordValue(i * 1000L); // 1..100 ms
        }

        MeasureSummary m = MeasureSummary.of("checkout", micros);

        assertEquals(100, m.count());
        assertEquals(50, m.p50(), 0.1);
        assertEquals(99, m.p99(), 0.1);
        assertEquals(100, m.max(), 0.1);
    }

    @Test
    void theRunPassesOnlyWhenDrainedCleanAndEveryObjectiveIsMet() {
        SimulationReport base = report(true);

        assertTrue(base.withVerdicts(new AuditReport(3, 5, List.of()), Slo.parseList("checkout-p99=20ms")).passed());
        assertFalse(base.withVerdicts(new AuditReport(3, 5, List.of()), Slo.parseList("checkout-p99=5ms")).passed());
        assertFalse(base.withVerdicts(new AuditReport(3, 5, List.of("purchase x: lost")), List.of()).passed());
        assertFalse(report(false).withVerdicts(new AuditReport(3, 5, List.of()), List.of()).passed());
    }

    @Test
    void jsonAndHtmlCarryTheSameNumbersAndThePageIsSelfContained() {
        SimulationReport r = report(true).withVerdicts(new AuditReport(3, 5, List.of()),
                Slo.parseList("checkout-p99=20ms"));

        JsonNode json = Json.parseLenient(r.toJson()).orElseThrow();
        String html = HtmlReport.render(r);

        assertEquals(12.5, json.get("measuresMs").get("checkout").get("p99").asDouble(), 1e-9);
        assertTrue(json.get("passed").asBoolean());
        assertEquals(2, json.get("timeline").size());
        assertTrue(html.contains("<svg") && html.contains("12.5 ms") && html.contains("PASS"), html);
        assertFalse(html.contains("http:") || html.contains("https:") || html.contains("src="), html);
    }

    @Test
    void aSavedReportReadsBackAsTheSameReport() {
        SimulationReport r = report(true).withVerdicts(new AuditReport(3, 5, List.of("purchase p1: lost")),
                Slo.parseList("checkout-p99=20ms,job-p99=1us")).withRewardsFailed(2);

        SimulationReport back = SimulationReport.fromJson(r.toJson());

        assertEquals(r.toJson(), back.toJson());
        assertEquals(r.timeline(), back.timeline());
        assertEquals(r.measures(), back.measures());
        assertEquals(2, back.rewardsFailed());
        assertEquals(List.of("purchase p1: lost"), back.audit().violations());
        assertEquals(r.slos().get(0).met(), back.slos().get(0).met());
        assertFalse(back.slos().get(1).met());
        assertTrue(Double.isNaN(back.slos().get(1).actualMs()), "no job samples: NaN survives");
    }

    @Test
    void whatIsNotAReportIsRefusedWithAReason() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SimulationReport.fromJson("{\"checkouts\": 1}"));
        assertTrue(e.getMessage().contains("measuresMs"), e.getMessage());
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> SimulationReport.fromJson("not json"));
    }

    @Test
    void failedForGoodRewardsAreNamedInTheSummary() {
        String text = SummaryTable.render(report(true).withVerdicts(new AuditReport(3, 5, List.of()), List.of())
                .withRewardsFailed(1));

        assertTrue(text.contains("3 of 3 purchases completed, 1 failed for good (in the failed list: retry them)"),
                text);
    }

    @Test
    void rewardsPaidComeFromTheDatabaseAndTheSummarySaysHowManyWereTimed() {
        // given a run whose end-to-end latency was read from 2 job hashes, while the database shows 3 rewards paid
        SimulationReport r = report(true);
        Map<String, MeasureSummary> measures = new LinkedHashMap<>(r.measures());
        measures.put("end-to-end", new MeasureSummary("end-to-end", 2, 4, 8, 9, 9, 9, 6));
        SimulationReport timedTwo = new SimulationReport(r.parameters(), 0, 2, 3, Map.of(), Map.of(), measures,
                r.timeline(), r.distribution(), 2, 0, true, 0.5, null, List.of());

        // when the database's count is set
        String text = SummaryTable.render(timedTwo.withRewardsCompleted(3));

        // then
        assertTrue(text.contains("3 of 3 purchases completed (2 timed: the others' job hashes were not readable)"),
                text);
        assertTrue(SummaryTable.render(timedTwo.withRewardsCompleted(2)).contains("2 of 3 purchases completed; queue"));
    }

    private static SimulationReport report(boolean drained) {
        Map<String, MeasureSummary> measures = new LinkedHashMap<>();
        measures.put("checkout", new MeasureSummary("checkout", 3, 4, 8, 12.5, 12.5, 12.5, 6));
        List<TimelinePoint> timeline = List.of(new TimelinePoint(1, 2, 0, 4, 10, 12.5, 12.5, 1, 1, 1, 0, 0, 35),
                new TimelinePoint(2, 1, 0, 4, 7, 8, 8, 2, 0, 0, 0, 0, 0));
        return new SimulationReport(Map.of("seed", "1"), 0, 2, 3, Map.of(), Map.of(), measures, timeline,
                Map.of("checkout", List.of(new SimulationReport.Bucket(6.4, 2), new SimulationReport.Bucket(12.8, 1))),
                3, 0, drained, 0.5, null, List.of());
    }
}
