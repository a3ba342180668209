package dev.bullpen.simulate;

import org.HdrHistogram.Histogram;

/** Percentiles of one measure, in milliseconds. */
public record MeasureSummary(String name, long count, double p50, double p90, double p99, double p999, double max,
        double mean) {

    /** From a histogram of microseconds. */
    public static MeasureSummary of(String name, Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return new MeasureSummary(name, 0, 0, 0, 0, 0, 0, 0);
        }
        return new MeasureSummary(name, micros.getTotalCount(), ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(90)), ms(micros.getValueAtPercentile(99)),
                ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()), micros.getMean() / 1000.0);
    }

    private static double ms(long micros) {
        return micros / 1000.0;
    }

    /** The value at a percentile name: p50, p90, p99, p99.9, max or mean. */
    public double at(String percentile) {
        return switch (percentile) {
            case "p50" -> p50;
            case "p90" -> p90;
            case "p99" -> p99;
            case "p99.9" -> p999;
            case "max" -> max;
            case "mean" -> mean;
            default -> throw new IllegalArgumentException("unknown percentile " + percentile
                    + " (p50, p90, p99, p99.9, max, mean)");
        };
    }
}
