package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Purchase ids (also the reward jobs' ids) are random version 4 UUIDs, unique across threads. */
class PurchaseIdTest {

    @Test
    void idsAreVersionFourUuidsInTheirUsualText() {
        for (int i = 0; i < 1000; i++) {
            String id = CheckoutService.randomUuid();
            UUID parsed = UUID.fromString(id);
            assertEquals(4, parsed.version(), id);
            assertEquals(2, parsed.variant(), id);
            assertEquals(parsed.toString(), id);
        }
    }

    @Test
    void idsMadeOnManyThreadsAtOnceNeverRepeat() {
        Set<String> ids = ConcurrentHashMap.newKeySet();
        IntStream.range(0, 8).parallel().forEach(t -> {
            Set<String> mine = new HashSet<>();
            for (int i = 0; i < 20_000; i++) {
                mine.add(CheckoutService.randomUuid());
            }
            ids.addAll(mine);
        });
        assertEquals(8 * 20_000, ids.size());
    }
}
