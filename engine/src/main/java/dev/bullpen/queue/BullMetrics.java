package dev.bullpen.queue;

import java.util.List;
import java.util.OptionalLong;

/**
 * Bull 4's own metrics keys, as {@code queue.getMetrics(type)} reads them: the hash
 * {@code P:Q:metrics:<type>} ({@code count}, {@code prevTS}, {@code prevCount}) and the list
 * {@code P:Q:metrics:<type>:data} of per-minute counts, newest first. Bull writes them only for
 * queues opened with the {@code metrics.maxDataPoints} option.
 */
public record BullMetrics(Series completed, Series failed) {

    /** True when Bull keeps metrics for this queue (either hash exists). */
    public boolean present() {
        return completed.present() || failed.present();
    }

    /**
     * One type's metrics. Values another client spoiled read as 0 (counts) or empty (prevTS).
     *
     * @param present    the hash exists
     * @param count      jobs counted since metrics began
     * @param prevTS     finish time of the job that last closed a minute, epoch ms
     * @param prevCount  {@code count} when that minute closed
     * @param data       per-minute counts read, newest first
     * @param dataPoints the length of the whole list
     */
    public record Series(boolean present, long count, OptionalLong prevTS, long prevCount, List<Long> data,
                         long dataPoints) {
        public Series {
            data = List.copyOf(data);
        }

        public static Series absent() {
            return new Series(false, 0, OptionalLong.empty(), 0, List.of(), 0);
        }

        /**
         * Start of the minute that {@code data.get(i)} counts, epoch ms: the list's head is the
         * minute before the one {@code prevTS} falls in, each later entry one minute earlier.
         */
        public OptionalLong minuteOf(int i) {
            if (prevTS.isEmpty()) {
                return OptionalLong.empty();
            }
            long minute = Math.floorDiv(prevTS.getAsLong(), Throughput.MINUTE_MS) * Throughput.MINUTE_MS;
            return OptionalLong.of(minute - (i + 1L) * Throughput.MINUTE_MS);
        }

        /** Jobs counted in {@code prevTS}'s minute so far, not yet in the list. */
        public long sinceLastPoint() {
            return Math.max(0, count - prevCount);
        }
    }
}
