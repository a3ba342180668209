package dev.bullpen.app.charts;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javafx.scene.chart.NumberAxis;
import javafx.util.StringConverter;

/** Axis ranges that read well: clock times on x, whole numbers on y. */
final class Axes {
    private static final long MINUTE = 60_000;
    private static final List<Long> TIME_UNITS = List.of(15_000L, 30_000L, MINUTE, 2 * MINUTE, 5 * MINUTE,
            10 * MINUTE, 15 * MINUTE, 30 * MINUTE, 60 * MINUTE);

    private Axes() {
    }

    /** An x axis of epoch-ms times, labelled {@code HH:mm} (or {@code HH:mm:ss} for short spans). */
    static void time(NumberAxis axis, long from, long to, ZoneId zone) {
        long span = Math.max(to - from, 15_000);
        long unit = TIME_UNITS.get(TIME_UNITS.size() - 1);
        for (long u : TIME_UNITS) {
            if (span / u <= 6) {
                unit = u;
                break;
            }
        }
        DateTimeFormatter f = DateTimeFormatter.ofPattern(unit < MINUTE ? "HH:mm:ss" : "HH:mm").withZone(zone);
        axis.setAutoRanging(false);
        axis.setLowerBound(from);
        axis.setUpperBound(Math.max(to, from + 15_000));
        axis.setTickUnit(unit);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return f.format(Instant.ofEpochMilli(n.longValue()));
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
    }

    /** A y axis from 0 to a round number at or above {@code max}, with about five whole-number ticks. */
    static void count(NumberAxis axis, long max) {
        long unit = niceUnit(Math.max(max, 4) / 4.0);
        long upper = Math.max(unit * 4, (long) Math.ceil(max / (double) unit) * unit);
        axis.setAutoRanging(false);
        axis.setLowerBound(0);
        axis.setUpperBound(upper);
        axis.setTickUnit(unit);
        axis.setMinorTickVisible(false);
        axis.setTickLabelFormatter(new StringConverter<>() {
            @Override
            public String toString(Number n) {
                return String.format(java.util.Locale.ROOT, "%,d", n.longValue());
            }

            @Override
            public Number fromString(String s) {
                throw new UnsupportedOperationException();
            }
        });
    }

    /** 1, 2 or 5 times a power of ten, at least {@code raw} and at least 1. */
    static long niceUnit(double raw) {
        long pow = 1;
        while (pow * 10 <= raw) {
            pow *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * pow >= raw) {
                return m * pow;
            }
        }
        return 10 * pow;
    }
}
