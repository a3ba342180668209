package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Purchase ids (also the reward jobs' ids) are time-ordered version 7 UUIDs, unique across threads. */
class PurchaseIdTest {

    @Test
    void idsAreVersionSevenUuidsCarryingTheirTimeInTheUsualText() {
        long t = 1_780_000_000_123L;
        for (int i = 0; i < 1000; i++) {
            String id = CheckoutService.timeOrderedUuid(t);
            UUID parsed = UUID.fromString(id);
            assertEquals(7, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(parsed.toString(), id);
            assertEquals(t, parsed.getMostSignificantBits() >>> 16, id);
        }
    }

    @Test
    void idsOfLaterMillisecondsSortAfterEarlierOnes() {
        String earlier = CheckoutService.timeOrderedUuid(1_780_000_000_123L);
        String later = CheckoutService.timeOrderedUuid(1_780_000_000_124L);
        assertTrue(earlier.compareTo(later) < 0, earlier + " < " + later);
        assertTrue(CheckoutService.timeOrderedUuid(0x0000_0fff_ffff_ffffL)
                .compareTo(CheckoutService.timeOrderedUuid(0x0000_1000_0000_0000L)) < 0);
    }

    @Test
    void idsMadeOnManyThreadsInTheSameMillisecondNeverRepeat() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            Set<String> mine = new HashSet<>();
            for (int i = 0; i < 20_000; i++) {
                mine.add(CheckoutService.timeOrderedUuid(1_780_000_000_123L));
            }
            ids.addAll(mine);
        });
        assertEquals(8 * 20_000, ids.size());
    }
}
