package dev.bullpen.demo;

import dev.bullpen.queue.Backoff;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.KeepJobs;
import dev.bullpen.queue.NewJob;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gentle, seeded traffic of reward jobs for the demo: Poisson arrivals at a mean rate, a share of
 * jobs that fail on their first attempt (retried with backoff) and a smaller share that always fail.
 */
public final class DemoTraffic implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DemoTraffic.class);

    private final JobQueue queue;
    private final double ratePerSecond;
    private final double failShare;
    private final Random random;
    private final ScheduledExecutorService scheduler =
            Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "demo-traffic"));
    private final AtomicLong added = new AtomicLong();
    private volatile boolean running;

    public DemoTraffic(JobQueue queue, double ratePerSecond, double failShare, long seed) {
        if (ratePerSecond <= 0) {
            throw new IllegalArgumentException("rate must be positive");
        }
        this.queue = queue;
        this.ratePerSecond = ratePerSecond;
        this.failShare = failShare;
        this.random = new Random(seed);
    }

    public void start() {
        running = true;
        scheduleNext();
    }

    private void scheduleNext() {
        if (!running) {
            return;
        }
        long delayMicros = (long) (-Math.log(1 - random.nextDouble()) / ratePerSecond * 1_000_000);
        scheduler.schedule(this::addOne, delayMicros, TimeUnit.MICROSECONDS);
    }

    private void addOne() {
        try {
            queue.add(nextJob());
            added.incrementAndGet();
        } catch (RuntimeException e) {
            LOG.warn("Demo traffic could not add a job (will keep trying): {}", e.getMessage());
        } finally {
            scheduleNext();
        }
    }

    /** The next reward job: purchase and customer ids, points, and sometimes a failure flag. */
    NewJob nextJob() {
        long n = added.get() + 1;
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("purchaseId", "P-" + (100_000 + n));
        data.put("customerId", 1 + random.nextInt(500));
        data.put("rewardPoints", 10 + random.nextInt(490));
        double roll = random.nextDouble();
        if (roll < failShare / 4) {
            data.put("fail", "referral tree of customer " + data.get("customerId") + " is locked by an audit");
        } else if (roll < failShare) {
            data.put("fail", "wallet service timed out");
            data.put("failAttempts", 1);
        }
        JobOptions opts = JobOptions.defaults().attempts(3).backoff(Backoff.exponential(2_000))
                .removeOnComplete(KeepJobs.keepLast(5_000));
        return new NewJob("reward", Json.write(data), opts);
    }

    public long added() {
        return added.get();
    }

    @Override
    public void close() {
        running = false;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
