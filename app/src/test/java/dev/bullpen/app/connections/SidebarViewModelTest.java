package dev.bullpen.app.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.connections.SidebarViewModel.Entry;
import dev.bullpen.app.connections.SidebarViewModel.Status;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisUnavailableException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class SidebarViewModelTest {
    private static final Instant T1 = Instant.parse("2026-11-30T10:15:30Z");

    private final SidebarViewModel inTest = new SidebarViewModel();
    private final OverviewViewModel local = new OverviewViewModel("local", "127.0.0.1:6379", "bull", ZoneOffset.UTC);
    private final OverviewViewModel staging = new OverviewViewModel("staging", "10.0.0.5:6379", "bull", ZoneOffset.UTC);

    private static QueueStatus queue(String name, long waiting, long failed, long pausedJobs) {
        return new QueueStatus(name, pausedJobs > 0, new QueueCounts(waiting, 1, 0, 7, failed, pausedJobs));
    }

    private static OverviewSnapshot snapshot(QueueStatus... queues) {
        return new OverviewSnapshot(List.of(queues), T1);
    }

    @Test
    void eachOpenConnectionListsItsQueuesWithTotals() {
        // given
        Entry a = inTest.put("a", "local", "redis://127.0.0.1:6379 · prefix bull", true, false);
        Entry b = inTest.put("b", "staging", "redis://10.0.0.5:6379 · prefix bull", true, true);
        a.attach(local);
        b.attach(staging);

        // when
        local.apply(snapshot(queue("mail", 2, 0, 0), queue("checkout", 5, 40, 0)));
        staging.apply(snapshot(queue("rewards", 0, 1, 3)));

        // then
        assertEquals(List.of("checkout", "mail"), a.queueNames());
        assertEquals(List.of("rewards"), b.queueNames());
        assertEquals(new QueueCounts(7, 2, 0, 14, 40, 0), a.getTotals());
        assertEquals(Status.CONNECTED, a.getStatus());
        assertEquals("2 queues", a.getSummary());
        assertEquals("1 queue", b.getSummary());
        assertTrue(b.isReadOnly());
    }

    @Test
    void theFilterKeepsMatchingQueuesOfEveryConnectionAndSaysHowManyMatch() {
        // given
        Entry a = inTest.put("a", "local", "", true, false);
        Entry b = inTest.put("b", "staging", "", true, false);
        a.attach(local);
        b.attach(staging);
        local.apply(snapshot(queue("mail", 1, 0, 0), queue("checkout", 1, 0, 0), queue("Mailer-eu", 1, 0, 0)));
        staging.apply(snapshot(queue("rewards", 1, 0, 0)));

        // when
        inTest.filterProperty().set(" MAIL");

        // then
        assertEquals(List.of("Mailer-eu", "mail"), a.queueNames(), "in the overview's order (by name, as Redis sorts)");
        assertEquals(List.of(), b.queueNames());
        assertEquals("2 of 3 queues", a.getSummary());
        assertEquals("0 of 1 queue", b.getSummary());

        // when a new matching queue shows up, and the filter is cleared
        staging.apply(snapshot(queue("rewards", 1, 0, 0), queue("mail-dlq", 0, 3, 0)));
        assertEquals(List.of("mail-dlq"), b.queueNames());
        inTest.filterProperty().set("");
        assertEquals(List.of("mail-dlq", "rewards"), b.queueNames());
        assertEquals("2 queues", b.getSummary());
    }

    @Test
    void oneConnectionGoingDownIsMarkedStaleWhileTheOtherStaysLive() {
        // given
        Entry a = inTest.put("a", "local", "", true, false);
        Entry b = inTest.put("b", "staging", "", true, false);
        a.attach(local);
        b.attach(staging);
        local.apply(snapshot(queue("mail", 2, 0, 0)));
        staging.apply(snapshot(queue("rewards", 4, 0, 0)));

        // when staging's Redis goes away
        staging.markFailed(new RedisUnavailableException("cannot reach Redis at 10.0.0.5:6379: connection refused",
                new ConnectException("refused")), Duration.ofSeconds(2));

        // then
        assertEquals(Status.DISCONNECTED, b.getStatus());
        assertTrue(b.isStale());
        assertEquals("disconnected", b.getSummary());
        assertEquals(List.of("rewards"), b.queueNames(), "the last known queues stay");
        assertEquals(Status.CONNECTED, a.getStatus());
        assertFalse(a.isStale());
        assertEquals("Disconnected from staging (10.0.0.5:6379) — retrying", staging.getBannerText());
    }

    @Test
    void aClosedConnectionHasNoQueuesAndAnUnsavedOneLeaves() {
        Entry a = inTest.put("a", "local", "", true, false);
        a.attach(local);
        local.apply(snapshot(queue("mail", 2, 0, 0)));

        a.detach();

        assertEquals(Status.CLOSED, a.getStatus());
        assertEquals(List.of(), a.queueNames());
        assertEquals("closed", a.getSummary());
        assertEquals(QueueCounts.empty(), a.getTotals());

        // a snapshot of the closed connection's (stopped) poller arriving late changes nothing
        local.apply(snapshot(queue("mail", 3, 0, 0)));
        assertEquals(List.of(), a.queueNames());

        inTest.put("given-1", "127.0.0.1:6380", "", false, false);
        inTest.remove("given-1");
        assertEquals(List.of("local"), inTest.entries().stream().map(Entry::getName).toList());
    }
}
