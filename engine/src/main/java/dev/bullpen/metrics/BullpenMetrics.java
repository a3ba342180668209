package dev.bullpen.metrics;

import dev.bullpen.checkout.MallStore;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.worker.WorkerListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics of one process: a Prometheus registry with the process's CPU, memory, threads and GC,
 * plus what the process asks for: {@link #workerListener per-queue job metrics} for its workers,
 * {@link #checkoutEnded checkout latency}, and {@link #watch queue gauges} read from Redis in the
 * background. {@link #scrape()} never touches Redis or the database. Thread-safe.
 */
public final class BullpenMetrics implements AutoCloseable {
    /** How often queue depth, worker count, oldest job age and the outbox backlog are read. */
    public static final Duration REFRESH = Duration.ofSeconds(5);

    /** Checkout latency buckets: the checkout goal is p99 under 20 ms. */
    static final Duration[] CHECKOUT_BUCKETS = millis(1, 2, 5, 10, 20, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final Map<String, JobMetrics> jobMetrics = new ConcurrentHashMap<>();
    private final Map<CheckoutOutcome, Timer> checkouts = new ConcurrentHashMap<>();
    private final List<QueueGauges> watchers = new CopyOnWriteArrayList<>();
    private final List<MetricsServer> servers = new CopyOnWriteArrayList<>();

    /** How a checkout ended, the {@code outcome} label of {@code bullpen_checkout_seconds}. */
    public enum CheckoutOutcome {
        /** Committed (its reward job queued or left in the outbox). */
        OK,
        /** Refused by the rules (empty cart, balance too low...); nothing changed. */
        REJECTED,
        /** Failed (database error); nothing changed. */
        ERROR;

        String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    public BullpenMetrics() {
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        gc.bindTo(registry);
        ResidentMemory.bindTo(registry);
    }

    /** The registry, for tests and for binders of the caller's own. */
    public MeterRegistry registry() {
        return registry;
    }

    /** Everything in Prometheus text format (version 0.0.4). */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * Serves {@link #scrape()} on {@code bind:port} until this is closed.
     *
     * @throws dev.bullpen.queue.InvalidInputException when the port cannot be listened on
     */
    public MetricsServer serve(String bind, int port) {
        MetricsServer server = MetricsServer.start(bind, port, this::scrape);
        servers.add(server);
        return server;
    }

    /**
     * Counters and histograms of the attempts this process's workers finish on {@code queue}; add it to
     * the workers' {@link dev.bullpen.worker.WorkerOptions.Builder#listener listener}. One per queue:
     * asking twice gives the same.
     */
    public WorkerListener workerListener(String queue) {
        return jobMetrics.computeIfAbsent(queue, q -> new JobMetrics(registry, q));
    }

    /** Records one checkout's latency (answer time as the customer sees it). */
    public void checkoutEnded(Duration took, CheckoutOutcome outcome) {
        checkouts.computeIfAbsent(outcome, o -> Timer.builder("bullpen.checkout")
                .description("Checkout latency: the synchronous transaction and the push of the reward job")
                .tag("outcome", o.label())
                .serviceLevelObjectives(CHECKOUT_BUCKETS)
                .register(registry)).record(took);
    }

    /**
     * Starts reading, every {@link #REFRESH}, the depth of each queue per state, its pause flag, the
     * age of its oldest waiting job and its connected workers, whether Redis answers, and (with a
     * store) the outbox backlog. Stops when this is closed or the returned handle is.
     */
    public AutoCloseable watch(RedisQueueConnection connection, List<String> queues, Optional<MallStore> store) {
        QueueGauges g = QueueGauges.start(registry, new QueueProbe(connection), queues, store, REFRESH);
        watchers.add(g);
        return () -> {
            watchers.remove(g);
            g.close();
        };
    }

    @Override
    public void close() {
        servers.forEach(MetricsServer::close);
        servers.clear();
        watchers.forEach(QueueGauges::close);
        watchers.clear();
        gc.close();
        registry.close();
    }

    static Duration[] millis(long... ms) {
        Duration[] out = new Duration[ms.length];
        for (int i = 0; i < ms.length; i++) {
            out[i] = Duration.ofMillis(ms[i]);
        }
        return out;
    }
}
