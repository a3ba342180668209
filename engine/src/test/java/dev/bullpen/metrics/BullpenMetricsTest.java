package dev.bullpen.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.worker.WorkerListener;
import dev.bullpen.worker.WorkerListener.AttemptTimes;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The metrics of one process, without Redis: names, labels, counts and buckets as Prometheus reads them. */
class BullpenMetricsTest {

    @Test
    void processCpuAndMemoryAreThereFromTheStart() {
        try (BullpenMetrics metrics = new BullpenMetrics()) {
            String text = metrics.scrape();
            for (String name : new String[] {"process_cpu_usage ", "system_cpu_count ", "process_uptime_seconds ",
                "jvm_memory_used_bytes{", "jvm_threads_live_threads ", "process_resident_memory_bytes "}) {
                assertTrue(text.contains("\n" + name), name + " missing in:\n" + text);
            }
            assertTrue(Scrape.value(text, "process_resident_memory_bytes") > 10_000_000, "a JVM uses more than 10 MB");
        }
    }

    @Test
    void workerAttemptsBecomeCountersAndHistogramsPerQueue() {
        try (BullpenMetrics metrics = new BullpenMetrics()) {
            // given the listener of queue "mail" told of three attempts
            WorkerListener mail = metrics.workerListener("mail");
            assertSame(mail, metrics.workerListener("mail"));
            // a first attempt that waited 40 ms and ran 3 ms, then failed and will be retried
            mail.attemptEnded("1", new AttemptTimes(1_000, 0, 0, 1_040, 1_043, false));
            mail.failed("1", "boom", false);
            // its retry: no wait observed (it includes the backoff), ran 7 ms and completed
            mail.attemptEnded("1", new AttemptTimes(1_000, 0, 1, 9_000, 9_007, true));
            mail.completed("1", null);
            // a delayed job due at 2 000 + 500, started 2 s after: waited 2 s
            mail.attemptEnded("2", new AttemptTimes(2_000, 500, 0, 4_500, 4_600, false));
            mail.failed("2", "boom", true);
            mail.refused("3", "Missing lock for job 3 moveToFinished");

            // then
            String text = metrics.scrape();
            assertEquals(1, Scrape.value(text, "bullpen_jobs_completed_total{queue=\"mail\"}"));
            assertEquals(1, Scrape.value(text, "bullpen_jobs_failed_total{queue=\"mail\"}"));
            assertEquals(1, Scrape.value(text, "bullpen_job_retries_total{queue=\"mail\"}"));
            assertEquals(1, Scrape.value(text, "bullpen_job_finishes_refused_total{queue=\"mail\"}"));
            assertEquals(2, Scrape.value(text, "bullpen_job_wait_seconds_count{queue=\"mail\"}"));
            assertEquals(2.04, Scrape.value(text, "bullpen_job_wait_seconds_sum{queue=\"mail\"}"), 1e-9);
            assertEquals(1, Scrape.value(text, "bullpen_job_wait_seconds_bucket{queue=\"mail\",le=\"0.05\"}"));
            assertEquals(2, Scrape.value(text, "bullpen_job_wait_seconds_bucket{queue=\"mail\",le=\"2.5\"}"));
            assertEquals(1, Scrape.value(text,
                    "bullpen_job_run_seconds_count{outcome=\"completed\",queue=\"mail\"}"));
            assertEquals(2, Scrape.value(text, "bullpen_job_run_seconds_count{outcome=\"failed\",queue=\"mail\"}"));
            assertEquals(0.103, Scrape.value(text, "bullpen_job_run_seconds_sum{outcome=\"failed\",queue=\"mail\"}"),
                    1e-9);
            assertEquals(1, Scrape.value(text,
                    "bullpen_job_run_seconds_bucket{outcome=\"failed\",queue=\"mail\",le=\"0.005\"}"));
        }
    }

    @Test
    void checkoutLatencyIsAHistogramPerOutcome() {
        try (BullpenMetrics metrics = new BullpenMetrics()) {
            metrics.checkoutEnded(Duration.ofMillis(4), BullpenMetrics.CheckoutOutcome.OK);
            metrics.checkoutEnded(Duration.ofMillis(30), BullpenMetrics.CheckoutOutcome.OK);
            metrics.checkoutEnded(Duration.ofMillis(1), BullpenMetrics.CheckoutOutcome.REJECTED);

            String text = metrics.scrape();
            assertEquals(2, Scrape.value(text, "bullpen_checkout_seconds_count{outcome=\"ok\"}"));
            assertEquals(1, Scrape.value(text, "bullpen_checkout_seconds_bucket{outcome=\"ok\",le=\"0.02\"}"));
            assertEquals(2, Scrape.value(text, "bullpen_checkout_seconds_bucket{outcome=\"ok\",le=\"0.05\"}"));
            assertEquals(1, Scrape.value(text, "bullpen_checkout_seconds_count{outcome=\"rejected\"}"));
        }
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # timestamp, delay, processedOn, finishedOn, wait, run
            1000,        0,     1250,        1300,       250,  50
            1000,        5000,  6100,        6100,       100,  0
            1000,        5000,  4000,        4500,       0,    500
            2000,        -7,    1000,        900,        0,    0
            """)
    void waitIsFromTheDueTimeAndNothingIsNegative(long timestamp, long delay, long processedOn, long finishedOn,
            long waitMs, long runMs) {
        AttemptTimes t = new AttemptTimes(timestamp, delay, 0, processedOn, finishedOn, true);
        assertEquals(waitMs, t.waitMs());
        assertEquals(runMs, t.runMs());
    }

    @Test
    void oneListenerThatThrowsDoesNotSilenceTheOthers() {
        int[] heard = {0};
        WorkerListener broken = new WorkerListener() {
            @Override
            public void completed(String jobId, Object result) {
                throw new IllegalStateException("broken listener (test)");
            }
        };
        WorkerListener counting = new WorkerListener() {
            @Override
            public void completed(String jobId, Object result) {
                heard[0]++;
            }
        };
        WorkerListener.all(broken, counting).completed("1", null);
        assertEquals(1, heard[0]);
    }
}
