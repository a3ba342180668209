package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CheckoutOptionsTest {

    @ParameterizedTest(name = "{0} in window {1}-{2}")
    @CsvSource(delimiter = '|', textBlock = """
            # now (UTC)            | start | end   | not before
            2026-01-10T12:00:00Z   | 01:00 | 05:00 | 2026-01-11T01:00:00Z
            2026-01-10T00:30:00Z   | 01:00 | 05:00 | 2026-01-10T01:00:00Z
            2026-01-10T01:00:00Z   | 01:00 | 05:00 | ''
            2026-01-10T04:59:59Z   | 01:00 | 05:00 | ''
            2026-01-10T05:00:00Z   | 01:00 | 05:00 | 2026-01-11T01:00:00Z
            2026-01-10T23:30:00Z   | 22:00 | 06:00 | ''
            2026-01-10T03:00:00Z   | 22:00 | 06:00 | ''
            2026-01-10T12:00:00Z   | 22:00 | 06:00 | 2026-01-10T22:00:00Z
            """)
    void offPeakJobsWaitUntilTheWindowOpens(String now, String start, String end, String notBefore) {
        CheckoutOptions options = CheckoutOptions.defaults().withOffPeak(LocalTime.parse(start), LocalTime.parse(end),
                ZoneId.of("UTC"));

        long expected = notBefore == null || notBefore.isEmpty() ? 0 : Instant.parse(notBefore).toEpochMilli();
        assertEquals(expected, options.notBefore(Instant.parse(now)));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # level | priority with priority by level
            J       | 1
            I       | 2
            A       | 10
            """)
    void higherLevelsGetHigherPriority(Level level, int priority) {
        assertEquals(priority, CheckoutOptions.defaults().withPriorityByLevel(true).priorityFor(level));
        assertEquals(0, CheckoutOptions.defaults().priorityFor(level), "no priority unless asked");
        assertEquals(0, CheckoutOptions.defaults().notBefore(Instant.EPOCH), "no window: at once");
    }
}
