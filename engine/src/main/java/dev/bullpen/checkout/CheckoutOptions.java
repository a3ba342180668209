package dev.bullpen.checkout;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Operator options of the checkout's reward jobs.
 *
 * @param priorityByLevel when true the job's Bull priority follows the buyer's level: J gets 1 (the
 *                        highest), A gets 10; when false jobs have no priority
 * @param offPeakStart    start of the off-peak window, or null for "process at once"
 * @param offPeakEnd      end of the window (may be before the start: the window spans midnight)
 * @param zone            the zone the window is in
 */
public record CheckoutOptions(boolean priorityByLevel, LocalTime offPeakStart, LocalTime offPeakEnd, ZoneId zone) {

    public static CheckoutOptions defaults() {
        return new CheckoutOptions(false, null, null, ZoneId.systemDefault());
    }

    public CheckoutOptions withPriorityByLevel(boolean on) {
        return new CheckoutOptions(on, offPeakStart, offPeakEnd, zone);
    }

    public CheckoutOptions withOffPeak(LocalTime start, LocalTime end, ZoneId zone) {
        return new CheckoutOptions(priorityByLevel, start, end, zone);
    }

    /** The Bull priority of a job for a buyer at {@code level}: 0 (none) unless priority by level is on. */
    public int priorityFor(Level level) {
        return priorityByLevel ? Level.J.ordinal() - level.ordinal() + 1 : 0;
    }

    /** The epoch ms before which a job made at {@code now} must not run: 0 inside the window or without one. */
    public long notBefore(Instant now) {
        return offPeakWindowStart(now).map(Instant::toEpochMilli).orElse(0L);
    }

    private Optional<Instant> offPeakWindowStart(Instant now) {
        if (offPeakStart == null || offPeakEnd == null) {
            return Optional.empty();
        }
        ZonedDateTime t = now.atZone(zone);
        LocalTime time = t.toLocalTime();
        boolean inside = offPeakStart.isBefore(offPeakEnd)
                ? !time.isBefore(offPeakStart) && time.isBefore(offPeakEnd)
                : !time.isBefore(offPeakStart) || time.isBefore(offPeakEnd);
        if (inside || offPeakStart.equals(offPeakEnd)) {
            return Optional.empty();
        }
        ZonedDateTime start = t.with(offPeakStart);
        if (!start.isAfter(t)) {
            start = start.plusDays(1);
        }
        return Optional.of(start.toInstant());
    }
}
