package dev.bullpen.app.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            0          | 0 ms
            999        | 999 ms
            1200       | 1.2 s
            185000     | 3 m 05 s
            7380000    | 2 h 03 m
            352800000  | 4 d 02 h
            -5         | —
            """)
    void formatsDurationsForHumans(long ms, String shown) {
        assertEquals(shown, Durations.format(ms));
    }

    @Test
    void betweenNeedsBothEnds() {
        assertEquals("—", Durations.between(Optional.of(1L), Optional.empty()));
        assertEquals("5 ms", Durations.between(Optional.of(1L), Optional.of(6L)));
    }
}
