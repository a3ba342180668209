package dev.bullpen.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueuePage;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The queue screen's state, without a toolkit: pages are applied as the engine returns them; reads
 * go to a port where nothing listens, so every read fails at once (the read paths against a real
 * Redis are in ConsoleQueueUiIT).
 */
class QueueViewModelTest {
    private static final long T0 = 1_764_500_000_000L;

    private final QueueInspector nowhere = new QueueInspector(
            RedisEndpoint.parse("redis://127.0.0.1:" + RedisServer.freePort()), "bull");
    private final QueueViewModel inTest =
            new QueueViewModel("orders", nowhere, new Background(Runnable::run, Runnable::run), ZoneOffset.UTC);

    @AfterEach
    void close() {
        nowhere.close();
    }

    private static QueuePage page(JobState state, long count, int jobs) {
        List<JobSnapshot> list = new ArrayList<>();
        for (int i = 0; i < jobs; i++) {
            list.add(new JobSnapshot(String.valueOf(1000 - i), Map.of("name", "charge",
                    "timestamp", String.valueOf(T0), "processedOn", String.valueOf(T0 + 2_000),
                    "finishedOn", String.valueOf(T0 + 2_350), "attemptsMade", "2", "failedReason", "declined\nat x")));
        }
        QueueCounts counts = new QueueCounts(state == JobState.WAITING ? count : 0, 0, 7, 0,
                state == JobState.FAILED ? count : 0, 0);
        return new QueuePage(new QueueStatus("orders", true, counts), state, list);
    }

    @Test
    void aPageBecomesRowsWithCountsPerStateAndPaging() {
        // when
        inTest.apply(page(JobState.WAITING, 1_000_000, 50));

        // then
        assertEquals(1_000_000, inTest.count(JobState.WAITING));
        assertEquals(7, inTest.count(JobState.DELAYED));
        assertTrue(inTest.isPaused());
        assertEquals(50, inTest.rows().size());
        assertEquals("1–50 of 1,000,000", inTest.getPageText());
        assertEquals("Page 1 of 20,000", inTest.getStatusText());
        assertFalse(inTest.isCanPrevious());
        assertTrue(inTest.isCanNext());
        JobRow first = inTest.rows().get(0);
        assertEquals("1000", first.id());
        assertEquals("11-30 10:53:20", first.created());
        assertEquals("2.0 s", first.waitTime());
        assertEquals("350 ms", first.runTime());
        assertEquals("2", first.attempts());
        assertEquals("declined", first.failedReason());
    }

    @Test
    void anEmptyStateSaysSo() {
        inTest.apply(page(JobState.WAITING, 0, 0));

        assertEquals("No waiting jobs", inTest.getPageText());
        assertFalse(inTest.isCanNext());
    }

    @Test
    void anUnchangedRefreshKeepsTheSameRowObjects() {
        inTest.apply(page(JobState.WAITING, 60, 50));
        JobRow first = inTest.rows().get(0);

        inTest.apply(page(JobState.WAITING, 60, 50));

        assertTrue(first == inTest.rows().get(0), "rows not replaced, so the selection stays");
    }

    @Test
    void aFailedReadIsShownAndTheLastRowsStay() {
        inTest.apply(page(JobState.WAITING, 60, 50));

        inTest.nextPage();

        assertTrue(inTest.isError());
        assertTrue(inTest.getStatusText().startsWith("Reading orders failed: Redis is unreachable: "),
                inTest.getStatusText());
        assertEquals(50, inTest.rows().size());
        assertFalse(inTest.isLoading());
    }

    @Test
    void searchWithoutTextGoesBackToThePage() {
        inTest.search("  ");

        assertEquals(QueueViewModel.Mode.BROWSE, inTest.getMode());
        assertFalse(inTest.isSearching());
    }

    @Test
    void aFailedSearchEndsTheSearch() {
        inTest.search("alice");

        assertEquals(QueueViewModel.Mode.SEARCH, inTest.getMode());
        assertFalse(inTest.isSearching());
        assertTrue(inTest.isError());
    }

    @Test
    void garbageFromOtherClientsIsShownNotThrown() {
        JobRow row = JobRow.of(new JobSnapshot("x", Map.of("timestamp", "yesterday", "progress", "{\"step\":2}",
                "attemptsMade", "many")), Durations.dateTime(ZoneOffset.UTC));

        assertEquals("—", row.created());
        assertEquals("{\"step\":2}", row.progress());
        assertEquals("0", row.attempts());
        assertEquals("—", row.waitTime());
        assertEquals("(missing: no hash)", JobRow.of(new JobSnapshot("y", Map.of()),
                Durations.dateTime(ZoneOffset.UTC)).name());
    }

    @Test
    void aScreenInABackgroundTabIsNotRefreshedUntilItComesToTheFront() {
        // given
        inTest.apply(page(JobState.WAITING, 60, 50));
        inTest.setActive(false);

        // when
        inTest.autoRefresh();

        // then no read was made (a read would fail here)
        assertFalse(inTest.isError());
        assertEquals("Page 1 of 2", inTest.getStatusText());

        // when it comes to the front, it is read at once
        inTest.setActive(true);

        assertTrue(inTest.isError());
    }
}
