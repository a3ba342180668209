package dev.bullpen.app.queue;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/** How times and durations read in the queue screen. */
public final class Durations {
    public static final String NONE = "—";

    private Durations() {
    }

    /** {@code 350 ms}, {@code 1.2 s}, {@code 3 m 05 s}, {@code 2 h 03 m}, {@code 4 d 02 h}; negative shown as {@code —}. */
    public static String format(long ms) {
        if (ms < 0) {
            return NONE;
        }
        if (ms < 1_000) {
            return ms + " ms";
        }
        if (ms < 60_000) {
            return String.format("%.1f s", ms / 1000.0);
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format("%d m %02d s", s / 60, s % 60);
        }
        if (s < 86_400) {
            return String.format("%d h %02d m", s / 3600, (s % 3600) / 60);
        }
        return String.format("%d d %02d h", s / 86_400, (s % 86_400) / 3600);
    }

    /** {@code to - from} formatted, or {@code —} when either is missing. */
    public static String between(Optional<Long> from, Optional<Long> to) {
        if (from.isEmpty() || to.isEmpty()) {
            return NONE;
        }
        return format(to.get() - from.get());
    }

    /** Month, day and time: short enough for a table column. */
    public static DateTimeFormatter shortDateTime(ZoneId zone) {
        return DateTimeFormatter.ofPattern("MM-dd HH:mm:ss").withZone(zone);
    }

    public static DateTimeFormatter dateTime(ZoneId zone) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(zone);
    }

    /** An epoch-millisecond time as local date and time, or {@code —}. */
    public static String time(Optional<Long> epochMs, DateTimeFormatter format) {
        return epochMs.map(ms -> format.format(Instant.ofEpochMilli(ms))).orElse(NONE);
    }
}
