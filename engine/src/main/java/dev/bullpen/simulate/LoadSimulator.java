package dev.bullpen.simulate;

import dev.bullpen.checkout.CheckoutAnswer;
import dev.bullpen.checkout.CheckoutRejectedException;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.QueueCounts;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramIterationValue;
import org.HdrHistogram.Recorder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drives checkouts by a {@link LoadProfile}, measures them, waits for the reward queue to drain and reads the
 * reward jobs' times back from the queue.
 *
 * <ul>
 * <li>Checkout latency: closed loop from the call to the answer; open loop from the intended (Poisson) start,
 * so time spent waiting for a free slot counts (no coordinated omission). Filling the cart before a checkout is
 * the simulated customer's own work and is not counted. Only successful checkouts are in the histogram;
 * rejections and errors are counted by reason.</li>
 * <li>From each purchase's Bull job hash: queue wait = processedOn − timestamp, processing = finishedOn −
 * processedOn, end-to-end = finishedOn − checkout answered (all in ms, as Bull stores them; a retried job's
 * processedOn is its last attempt's).</li>
 * </ul>
 * Customers are picked at random (seeded); one customer never has two checkouts in flight.
 */
public final class LoadSimulator {
    private static final Logger LOG = LoggerFactory.getLogger(LoadSimulator.class);

    /** The checkout being measured (the real service, possibly decorated). */
    @FunctionalInterface
    public interface Checkout {
        CheckoutAnswer checkout(long customerId);
    }

    /** Puts something in the customer's cart before a checkout (not measured). */
    @FunctionalInterface
    public interface CartFiller {
        void fill(long customerId, Random random);
    }

    /** Tells, during the drain, whether every reward has been paid (it may also repair, e.g. reconcile). */
    @FunctionalInterface
    public interface Settlement {
        boolean settled();
    }

    private final LoadProfile profile;
    private final List<Long> customers;
    private final CartFiller carts;
    private final Checkout checkout;
    private final JobQueue queue;
    private final Settlement settlement;
    private final Clock clock;
    private final Random random;
    private final Map<String, String> parameters;

    private final Recorder checkoutRecorder = new Recorder(3);
    private final Histogram checkoutTotal = new Histogram(3);
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong issued = new AtomicLong();
    private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();
    private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();
    private final Map<String, Long> answeredAt = new ConcurrentHashMap<>();
    private final Set<Long> busy = ConcurrentHashMap.newKeySet();
    private final List<TimelinePoint> timeline = new ArrayList<>();
    private final AtomicReference<LiveSnapshot> last = new AtomicReference<>();
    private volatile boolean stopping;
    private volatile String phase = "load";
    private long startNanos;
    private long lastSampleOk;
    private long lastSampleFailures;
    private long lastCompleted = -1;
    private long lastSampleNanos;
    private QueueCounts lastCounts = QueueCounts.empty();

    public LoadSimulator(LoadProfile profile, List<Long> customers, CartFiller carts, Checkout checkout,
            JobQueue queue, Settlement settlement, Clock clock, Random random, Map<String, String> parameters) {
        if (customers.isEmpty()) {
            throw new IllegalArgumentException("no customers to simulate");
        }
        if (profile.arrivals() instanceof ArrivalPattern.ClosedLoop c && c.concurrency() > customers.size()) {
            throw new IllegalArgumentException("concurrency " + c.concurrency() + " exceeds the " + customers.size()
                    + " customers (one customer has one checkout in flight at a time)");
        }
        this.profile = profile;
        this.customers = List.copyOf(customers);
        this.carts = carts;
        this.checkout = checkout;
        this.queue = queue;
        this.settlement = settlement;
        this.clock = clock;
        this.random = random;
        this.parameters = new LinkedHashMap<>(parameters);
    }

    /** Ends the load early (the drain still runs, bounded by the profile's drain timeout). */
    public void stop() {
        stopping = true;
    }

    /** The latest live numbers, if a second has passed. */
    public Optional<LiveSnapshot> snapshot() {
        return Optional.ofNullable(last.get());
    }

    /** Runs the load, then the drain; blocks until both are over. */
    public SimulationReport run(SimulationListener listener) throws InterruptedException {
        long startMillis = clock.millis();
        startNanos = System.nanoTime();
        lastSampleNanos = startNanos;
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bullpen-simulator-sampler");
            t.setDaemon(true);
            return t;
        });
        sampler.scheduleAtFixedRate(() -> {
            try {
                listener.snapshot(sample());
            } catch (RuntimeException e) {
                LOG.warn("Simulator sample failed, will keep running: {}", e.getMessage(), e);
            }
        }, 1, 1, TimeUnit.SECONDS);
        double loadSeconds;
        boolean drained;
        long drainStart;
        try {
            if (profile.arrivals() instanceof ArrivalPattern.ClosedLoop c) {
                runClosed(c);
            } else {
                runOpen((ArrivalPattern.OpenLoop) profile.arrivals());
            }
            loadSeconds = (System.nanoTime() - startNanos) / 1e9;
            phase = "drain";
            drainStart = System.nanoTime();
            long drainDeadline = drainStart + profile.drainTimeout().toNanos();
            drained = settlement.settled();
            while (!drained && System.nanoTime() < drainDeadline) {
                Thread.sleep(200);
                drained = settlement.settled();
            }
        } finally {
            sampler.shutdownNow();
            sampler.awaitTermination(5, TimeUnit.SECONDS);
        }
        double drainSeconds = (System.nanoTime() - drainStart) / 1e9;
        phase = "done";
        listener.snapshot(sample());

        Map<String, Histogram> jobs = jobMeasures();
        Map<String, MeasureSummary> measures = new LinkedHashMap<>();
        Map<String, List<SimulationReport.Bucket>> distribution = new LinkedHashMap<>();
        Map<String, Histogram> all = new LinkedHashMap<>();
        synchronized (checkoutTotal) {
            all.put("checkout", checkoutTotal.copy());
        }
        all.putAll(jobs);
        all.forEach((name, h) -> {
            measures.put(name, MeasureSummary.of(name, h));
            distribution.put(name, buckets(h));
        });
        long completed = jobs.get("end-to-end").getTotalCount();
        List<TimelinePoint> points;
        synchronized (timeline) {
            points = List.copyOf(timeline);
        }
        return new SimulationReport(parameters, startMillis, loadSeconds, succeeded.get(), counts(rejections),
                counts(errors), measures, points, distribution, completed, 0, drained, drainSeconds, null, List.of());
    }

    private void runClosed(ArrivalPattern.ClosedLoop c) throws InterruptedException {
        long deadline = profile.durationLimit().map(d -> startNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < c.concurrency(); i++) {
            Random r = new Random(random.nextLong());
            Thread t = new Thread(() -> {
                while (!stopping && System.nanoTime() < deadline && claim()) {
                    once(-1, r);
                }
            }, "bullpen-simulated-customer-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
    }

    private void runOpen(ArrivalPattern.OpenLoop o) throws InterruptedException {
        long deadline = profile.durationLimit().map(d -> startNanos + d.toNanos()).orElse(Long.MAX_VALUE);
        ExecutorService pool = Executors.newFixedThreadPool(o.maxInFlight(), r -> {
            Thread t = new Thread(r, "bullpen-simulated-arrival");
            t.setDaemon(true);
            return t;
        });
        try {
            long next = startNanos;
            while (!stopping) {
                next += o.nextGapNanos(random);
                if (next >= deadline || !claim()) {
                    break;
                }
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                long intended = next;
                Random r = new Random(random.nextLong());
                pool.execute(() -> once(intended, r));
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.MINUTES);
        }
    }

    /** Takes one checkout from the budget; false when the budget is spent. */
    private boolean claim() {
        return profile.checkouts() <= 0 || issued.incrementAndGet() <= profile.checkouts();
    }

    /** One checkout; {@code intendedNanos} is its planned start in the open loop, or -1. */
    private void once(long intendedNanos, Random r) {
        long customer = pick(r);
        try {
            long fillStart = System.nanoTime();
            try {
                carts.fill(customer, r);
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                errors.computeIfAbsent("cart: " + e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                return;
            }
            long start = System.nanoTime();
            long fill = start - fillStart;
            try {
                CheckoutAnswer a = checkout.checkout(customer);
                long end = System.nanoTime();
                long nanos = intendedNanos < 0 ? end - start : end - intendedNanos - fill;
                answeredAt.put(a.transactionId(), clock.millis());
                checkoutRecorder.recordValue(Math.max(1, nanos / 1000));
                succeeded.incrementAndGet();
            } catch (CheckoutRejectedException e) {
                failures.incrementAndGet();
                rejections.computeIfAbsent(e.reason().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                        k -> new LongAdder()).increment();
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                errors.computeIfAbsent(e.getClass().getSimpleName(), k -> new LongAdder()).increment();
                LOG.debug("Simulated checkout of customer {} failed", customer, e);
            }
        } finally {
            busy.remove(customer);
        }
    }

    private long pick(Random r) {
        while (true) {
            for (int i = 0; i < 64; i++) {
                long id = customers.get(r.nextInt(customers.size()));
                if (busy.add(id)) {
                    return id;
                }
            }
            LockSupport.parkNanos(200_000); // every customer is busy: wait for one
        }
    }

    private LiveSnapshot sample() {
        long now = System.nanoTime();
        Histogram interval = checkoutRecorder.getIntervalHistogram();
        double p99;
        synchronized (checkoutTotal) {
            checkoutTotal.add(interval);
            p99 = checkoutTotal.getTotalCount() == 0 ? 0 : checkoutTotal.getValueAtPercentile(99) / 1000.0;
        }
        long ok = succeeded.get();
        long bad = failures.get();
        QueueCounts counts = lastCounts;
        try {
            counts = queue.status().counts();
        } catch (RuntimeException e) {
            LOG.debug("Simulator could not read the queue counts: {}", e.getMessage());
        }
        long completedNow = lastCompleted < 0 ? 0 : Math.max(0, counts.completed() - lastCompleted);
        double seconds = (now - startNanos) / 1e9;
        double perSecond = (ok - lastSampleOk) / Math.max(1e-9, (now - lastSampleNanos) / 1e9);
        boolean none = interval.getTotalCount() == 0;
        TimelinePoint point = new TimelinePoint(seconds, ok - lastSampleOk, bad - lastSampleFailures,
                none ? 0 : interval.getValueAtPercentile(50) / 1000.0,
                none ? 0 : interval.getValueAtPercentile(95) / 1000.0,
                none ? 0 : interval.getValueAtPercentile(99) / 1000.0,
                interval.getMaxValue() / 1000.0, completedNow, counts.waiting(), counts.active(), counts.delayed(),
                counts.failed(), counts.waiting() > 0 ? oldestWaitMs() : 0);
        synchronized (timeline) {
            timeline.add(point);
        }
        lastSampleOk = ok;
        lastSampleFailures = bad;
        lastSampleNanos = now;
        lastCompleted = counts.completed();
        lastCounts = counts;
        LiveSnapshot s = new LiveSnapshot(seconds, ok, perSecond, bad, p99, counts.waiting(), counts.active(),
                counts.delayed(), counts.failed(), phase, point);
        last.set(s);
        return s;
    }

    /** Age of the job at the far end of the wait list (the next one a worker takes), in ms; 0 when unknown. */
    private double oldestWaitMs() {
        try {
            List<JobSnapshot> oldest = queue.jobs(dev.bullpen.queue.JobState.WAITING, -1, -1);
            if (oldest.isEmpty() || oldest.get(0).timestamp().isEmpty()) {
                return 0;
            }
            return Math.max(0, clock.millis() - oldest.get(0).timestamp().get());
        } catch (RuntimeException e) {
            LOG.debug("Simulator could not read the oldest waiting job: {}", e.getMessage());
            return 0;
        }
    }

    /** Reads every purchase's job hash back: queue wait, processing and end-to-end times, in µs. */
    private Map<String, Histogram> jobMeasures() {
        Histogram wait = new Histogram(3);
        Histogram processing = new Histogram(3);
        Histogram endToEnd = new Histogram(3);
        for (Map.Entry<String, Long> e : answeredAt.entrySet()) {
            Optional<JobSnapshot> job;
            try {
                job = queue.job(e.getKey());
            } catch (RuntimeException ex) {
                LOG.warn("Simulator could not read job {}: {}", e.getKey(), ex.getMessage());
                continue;
            }
            if (job.isEmpty() || job.get().field("returnvalue").isEmpty()) {
                continue; // not completed (or its hash was lost with Redis)
            }
            JobSnapshot j = job.get();
            Optional<Long> created = j.timestamp();
            Optional<Long> processed = j.processedOn();
            Optional<Long> finished = j.finishedOn();
            if (created.isEmpty() || processed.isEmpty() || finished.isEmpty()) {
                continue;
            }
            wait.recordValue(Math.max(0, processed.get() - created.get()) * 1000);
            processing.recordValue(Math.max(0, finished.get() - processed.get()) * 1000);
            endToEnd.recordValue(Math.max(0, finished.get() - e.getValue()) * 1000);
        }
        Map<String, Histogram> m = new LinkedHashMap<>();
        m.put("queue-wait", wait);
        m.put("processing", processing);
        m.put("end-to-end", endToEnd);
        return m;
    }

    private static List<SimulationReport.Bucket> buckets(Histogram h) {
        List<SimulationReport.Bucket> out = new ArrayList<>();
        if (h.getTotalCount() == 0) {
            return out;
        }
        for (HistogramIterationValue v : h.logarithmicBucketValues(100, 2.0)) {
            out.add(new SimulationReport.Bucket(v.getValueIteratedTo() / 1000.0, v.getCountAddedInThisIterationStep()));
        }
        return out;
    }

    private static Map<String, Long> counts(Map<String, LongAdder> adders) {
        Map<String, Long> m = new TreeMap<>();
        adders.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }
}
