package dev.bullpen.app.overview;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.overview.OverviewViewModel.Connection;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RedisUnavailableException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class OverviewViewModelTest {
    private static final Instant T1 = Instant.parse("2026-11-30T10:15:30Z");
    private static final Instant T2 = Instant.parse("2026-11-30T10:15:32Z");

    private final OverviewViewModel inTest = new OverviewViewModel("127.0.0.1:6379", "bull", ZoneOffset.UTC);

    private static QueueStatus queue(String name, boolean paused, long waiting, long failed) {
        return new QueueStatus(name, paused, new QueueCounts(waiting, 1, 2, 3, failed, paused ? 4 : 0));
    }

    private static RedisUnavailableException unreachable() {
        return new RedisUnavailableException("cannot reach Redis at 127.0.0.1:6379: connection refused",
                new ConnectException("Connection refused"));
    }

    @Test
    void startsConnectingWithoutBanner() {
        assertEquals(Connection.CONNECTING, inTest.getConnection());
        assertFalse(inTest.isBannerVisible());
        assertFalse(inTest.isStale());
        assertEquals("Connecting to 127.0.0.1:6379…", inTest.getConnectionText());
        assertEquals("Not refreshed yet", inTest.getLastRefreshText());
        assertTrue(inTest.queues().isEmpty());
    }

    @Test
    void snapshotBecomesOneRowPerQueueSortedByNameWithCountsAndPauseFlag() {
        // when
        inTest.apply(new OverviewSnapshot(List.of(queue("mail", false, 5, 0), queue("checkout", true, 0, 7)), T1));

        // then
        assertEquals(List.of("checkout", "mail"), inTest.queues().stream().map(QueueRow::getName).toList());
        QueueRow checkout = inTest.queues().get(0);
        assertTrue(checkout.isPaused());
        assertEquals(new QueueCounts(0, 1, 2, 3, 7, 4), checkout.counts());
        assertFalse(inTest.queues().get(1).isPaused());
        assertEquals(Connection.CONNECTED, inTest.getConnection());
        assertEquals("Connected to 127.0.0.1:6379", inTest.getConnectionText());
        assertEquals("Last refresh 10:15:30", inTest.getLastRefreshText());
        assertEquals("2 queues · 9 waiting · 7 failed · 1 paused", inTest.getSummaryText());
    }

    @Test
    void nextSnapshotUpdatesRowsInPlaceAndFollowsAddedAndRemovedQueues() {
        // given
        inTest.apply(new OverviewSnapshot(List.of(queue("a", false, 1, 0), queue("b", false, 1, 0)), T1));
        QueueRow a = inTest.queues().get(0);

        // when the same queues change
        inTest.apply(new OverviewSnapshot(List.of(queue("a", true, 9, 1), queue("b", false, 1, 0)), T2));

        // then the row object is kept (selection survives) and shows the new values
        assertSame(a, inTest.queues().get(0));
        assertEquals(9, a.waitingProperty().get());
        assertTrue(a.isPaused());
        assertEquals("Last refresh 10:15:32", inTest.getLastRefreshText());

        // when a queue appears and another goes away
        inTest.apply(new OverviewSnapshot(List.of(queue("c", false, 0, 0), queue("a", true, 9, 1)), T2));

        // then
        assertEquals(List.of("a", "c"), inTest.queues().stream().map(QueueRow::getName).toList());
        assertSame(a, inTest.queues().get(0));
    }

    @Test
    void unreachableRedisShowsBannerAndKeepsLastRowsMarkedStale() {
        // given
        inTest.apply(new OverviewSnapshot(List.of(queue("mail", false, 5, 0)), T1));

        // when
        inTest.markFailed(unreachable(), Duration.ofSeconds(4));

        // then
        assertEquals(Connection.DISCONNECTED, inTest.getConnection());
        assertTrue(inTest.isBannerVisible());
        assertEquals("Disconnected from 127.0.0.1:6379 — retrying", inTest.getBannerText());
        assertEquals("connection refused · next attempt in 4 s · showing data from 10:15:30 (stale)",
                inTest.getBannerDetail());
        assertTrue(inTest.isStale());
        assertEquals(1, inTest.queues().size());
        assertEquals(5, inTest.queues().get(0).waitingProperty().get());
        assertEquals("Disconnected from 127.0.0.1:6379", inTest.getConnectionText());
        assertEquals("Last refresh 10:15:30 — stale", inTest.getLastRefreshText());
    }

    @Test
    void unreachableAtStartShowsBannerWithoutStaleData() {
        inTest.markFailed(unreachable(), Duration.ofMillis(500));

        assertTrue(inTest.isBannerVisible());
        assertFalse(inTest.isStale());
        assertEquals("connection refused · next attempt in 500 ms · no data read yet", inTest.getBannerDetail());
        assertEquals("Cannot reach 127.0.0.1:6379 — retrying", inTest.getPlaceholderText());
        assertEquals("Not refreshed yet", inTest.getLastRefreshText());
    }

    @Test
    void bannerDetailDoesNotRepeatTheAddressTheBannerAlreadyNames() {
        inTest.markFailed(new RedisUnavailableException(
                "cannot reach Redis at 127.0.0.1:6379: Failed to connect to 127.0.0.1:6379.", null), Duration.ofSeconds(2));

        assertEquals("cannot connect · next attempt in 2 s · no data read yet", inTest.getBannerDetail());
    }

    @Test
    void recoveryHidesBannerAndClearsStale() {
        inTest.apply(new OverviewSnapshot(List.of(queue("mail", false, 5, 0)), T1));
        inTest.markFailed(unreachable(), Duration.ofSeconds(2));

        inTest.apply(new OverviewSnapshot(List.of(queue("mail", false, 6, 0)), T2));

        assertFalse(inTest.isBannerVisible());
        assertFalse(inTest.isStale());
        assertEquals(Connection.CONNECTED, inTest.getConnection());
        assertEquals("", inTest.getBannerText());
        assertEquals(6, inTest.queues().get(0).waitingProperty().get());
        assertEquals("Last refresh 10:15:32", inTest.getLastRefreshText());
    }

    @Test
    void redisErrorReplyIsAReadFailureNotADisconnect() {
        inTest.markFailed(new QueueException("Redis at 127.0.0.1:6379 replied with an error: WRONGTYPE"),
                Duration.ofSeconds(2));

        assertEquals(Connection.READ_FAILED, inTest.getConnection());
        assertEquals("Reading queues from 127.0.0.1:6379 failed — retrying", inTest.getBannerText());
        assertTrue(inTest.getBannerDetail().startsWith("Redis at 127.0.0.1:6379 replied with an error: WRONGTYPE"));
    }

    @Test
    void emptyPrefixSaysSoInThePlaceholder() {
        inTest.apply(new OverviewSnapshot(List.of(), T1));

        assertEquals("No queues under prefix 'bull' on 127.0.0.1:6379", inTest.getPlaceholderText());
        assertEquals("0 queues · 0 waiting · 0 failed", inTest.getSummaryText());
    }

    @Test
    void rowsAreReadOnlyForTheView() {
        inTest.apply(new OverviewSnapshot(List.of(queue("mail", false, 5, 0)), T1));

        assertThrows(UnsupportedOperationException.class, () -> inTest.queues().clear());
    }

    @Test
    void aRefusedLoginSaysSoAndNamesTheConnection() {
        OverviewViewModel named = new OverviewViewModel("secured", "127.0.0.1:6379", "bull", ZoneOffset.UTC);

        named.markFailed(new RedisUnavailableException("Redis at 127.0.0.1:6379 refused the login: WRONGPASS invalid "
                + "username-password pair", null), Duration.ofSeconds(2));

        assertTrue(named.isLoginRefused());
        assertEquals("secured (127.0.0.1:6379) refused the login — retrying", named.getBannerText());
        assertEquals("Disconnected from secured (127.0.0.1:6379)", named.getConnectionText());

        named.apply(new OverviewSnapshot(List.of(), T1));
        assertFalse(named.isLoginRefused());
        assertEquals("Connected to secured (127.0.0.1:6379)", named.getConnectionText());
    }
}
