package dev.bullpen.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.AuditReport;
import dev.bullpen.simulate.MeasureSummary;
import dev.bullpen.simulate.SimulationReport;
import dev.bullpen.simulate.Slo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Saved runs: one JSON file each, listed newest first, unreadable files reported and skipped. */
class RunHistoryTest {
    @TempDir
    Path dir;

    @Test
    void savedRunsAreListedNewestFirstAndReadBackWhole() {
        RunHistory history = new RunHistory(dir.resolve("runs"));

        RunHistory.Entry older = history.save(report(1_700_000_000_000L, 120));
        RunHistory.Entry newer = history.save(report(1_700_000_060_000L, 80));
        RunHistory.Entry sameStart = history.save(report(1_700_000_060_000L, 81));

        RunHistory.Listing listing = history.list();
        assertEquals(List.of(sameStart.id(), newer.id(), older.id()),
                listing.entries().stream().map(RunHistory.Entry::id).toList());
        assertEquals("20231114-221420-000", newer.id());
        assertEquals(newer.id() + "-2", sameStart.id());
        assertEquals(80, listing.entries().get(1).report().checkouts());
        assertEquals(report(1_700_000_060_000L, 80).toJson(), listing.entries().get(1).report().toJson());
        assertEquals(List.of(), listing.problems());
    }

    @Test
    void aFileThatIsNoRunIsReportedAndTheOthersStillListed() throws Exception {
        RunHistory history = new RunHistory(dir);
        history.save(report(1_700_000_000_000L, 10));
        Files.writeString(dir.resolve("20990101-000000-000.json"), "{\"half\":");

        RunHistory.Listing listing = history.list();

        assertEquals(1, listing.entries().size());
        assertEquals(1, listing.problems().size());
        assertTrue(listing.problems().get(0).startsWith("20990101-000000-000.json is not a readable run"),
                listing.problems().toString());
    }

    @Test
    void deleteRemovesOneRunAndRefusesWhatIsNotOne() {
        RunHistory history = new RunHistory(dir);
        RunHistory.Entry e = history.save(report(1_700_000_000_000L, 10));

        history.delete(e.id());

        assertEquals(List.of(), history.list().entries());
        assertThrows(IllegalArgumentException.class, () -> history.delete(e.id()));
        assertThrows(IllegalArgumentException.class, () -> history.delete("../../etc/passwd"));
        assertEquals(List.of(), new RunHistory(dir.resolve("none")).list().entries());
    }

    private static SimulationReport report(long startedAt, long checkouts) {
        Map<String, MeasureSummary> measures = Map.of("checkout",
                new MeasureSummary("checkout", checkouts, 2, 3, 4, 5, 6, 2.5));
        return new SimulationReport(Map.of("arrivals", "closed loop, 4 concurrent customers"), startedAt, 10,
                checkouts, Map.of(), Map.of(), measures, List.of(), Map.of(), checkouts, 0, true, 0.5, null, List.of())
                .withVerdicts(new AuditReport((int) checkouts, 10, List.of()), Slo.parseList("checkout-p99=10ms"));
    }
}
