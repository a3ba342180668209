package dev.bullpen.metrics;

import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.OutboxBacklog;
import dev.bullpen.queue.JobState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from Redis (and the mall database) by a background thread, so that a scrape only
 * reads the last snapshot and a slow or dead Redis never hangs it. When a read fails,
 * {@code bullpen_redis_up} is 0 and the queue gauges are NaN until a read succeeds again (a stale
 * number would look current, and no alert threshold matches NaN).
 */
final class QueueGauges implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(QueueGauges.class);

    private final QueueProbe probe;
    private final List<String> queues;
    private final Optional<MallStore> store;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private volatile Map<String, QueueProbe.Reading> readings = Map.of();
    private volatile boolean redisUp;
    private volatile boolean redisKnown;
    private volatile Optional<OutboxBacklog> outbox = Optional.empty();
    private volatile long outboxReadAt;
    private boolean warnedUnreachable;

    /** Registers the gauges; nothing is read until {@link #refreshSafely()} (see {@link #start}). */
    QueueGauges(MeterRegistry registry, QueueProbe probe, List<String> queues, Optional<MallStore> store,
            Clock clock) {
        this.probe = probe;
        this.queues = List.copyOf(queues);
        this.store = store;
        this.clock = clock;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bullpen-metrics-refresh");
            t.setDaemon(true);
            return t;
        });
        register(registry);
    }

    static QueueGauges start(MeterRegistry registry, QueueProbe probe, List<String> queues, Optional<MallStore> store,
            Duration every) {
        QueueGauges g = new QueueGauges(registry, probe, queues, store, Clock.systemUTC());
        g.refresher.scheduleWithFixedDelay(g::refreshSafely, 0, every.toMillis(), TimeUnit.MILLISECONDS);
        return g;
    }

    private void register(MeterRegistry registry) {
        gauge(registry, "bullpen.redis.up", null, null, "1 when the last read of Redis succeeded, else 0",
                g -> g.redisKnown ? (g.redisUp ? 1 : 0) : Double.NaN);
        for (String q : queues) {
            for (JobState s : JobState.values()) {
                String state = s.name().toLowerCase(Locale.ROOT);
                gauge(registry, "bullpen.queue.jobs", q, state, "Jobs in the queue per state (Bull's getJobCounts)",
                        g -> g.reading(q).map(r -> (double) r.status().counts().of(s)).orElse(Double.NaN));
            }
            gauge(registry, "bullpen.queue.paused", q, null, "1 when the queue is globally paused",
                    g -> g.reading(q).map(r -> r.status().paused() ? 1.0 : 0.0).orElse(Double.NaN));
            gauge(registry, "bullpen.queue.workers", q, null,
                    "Connected Bull workers (Node or Bullpen) of the queue, from CLIENT LIST names",
                    g -> g.reading(q).map(r -> r.workers().isPresent() ? r.workers().getAsInt() : Double.NaN)
                            .orElse(Double.NaN));
            Gauge.builder("bullpen.queue.oldest.waiting.age", this, g -> g.reading(q)
                            .map(r -> r.oldestWaitingSince().isPresent()
                                    ? Math.max(0, clock.millis() - r.oldestWaitingSince().getAsLong()) / 1000.0 : 0.0)
                            .orElse(Double.NaN))
                    .tag("queue", q).baseUnit("seconds").strongReference(true)
                    .description("Age of the oldest waiting job since it became due (0 when none waits)")
                    .register(registry);
        }
        if (store.isPresent()) {
            gauge(registry, "bullpen.outbox.pending", null, null,
                    "Outbox rows not yet pushed to the queue (reward jobs kept while Redis was unreachable)",
                    g -> g.outbox.map(o -> (double) o.pending()).orElse(Double.NaN));
            Gauge.builder("bullpen.outbox.oldest.pending.age", this, g -> g.outbox
                            .map(o -> o.oldestCreatedAt().map(t -> Math.max(0, g.outboxReadAt - t) / 1000.0)
                                    .orElse(0.0)).orElse(Double.NaN))
                    .baseUnit("seconds").strongReference(true)
                    .description("Age of the oldest pending outbox row (0 when none is pending)")
                    .register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String queue, String state, String description,
            ToDoubleFunction<QueueGauges> value) {
        Gauge.Builder<QueueGauges> b = Gauge.builder(name, this, value).description(description).strongReference(true);
        if (queue != null) {
            b.tag("queue", queue);
        }
        if (state != null) {
            b.tag("state", state);
        }
        b.register(registry);
    }

    private Optional<QueueProbe.Reading> reading(String queue) {
        return Optional.ofNullable(readings.get(queue));
    }

    /** One refresh; never throws (an escaped exception would cancel the schedule). */
    void refreshSafely() {
        try {
            refresh();
        } catch (RuntimeException e) {
            LOG.warn("Metrics refresh failed, will keep running: {}", e.toString());
        }
    }

    private void refresh() {
        Map<String, QueueProbe.Reading> next = new HashMap<>();
        try {
            for (String q : queues) {
                next.put(q, probe.read(q));
            }
            readings = Map.copyOf(next);
            redisUp = true;
            if (warnedUnreachable) {
                LOG.info("Metrics: Redis answers again");
                warnedUnreachable = false;
            }
        } catch (RuntimeException e) {
            readings = Map.of();
            redisUp = false;
            if (!warnedUnreachable) {
                LOG.warn("Metrics: cannot read the queues ({}); bullpen_redis_up is 0 until Redis answers",
                        e.getMessage());
                warnedUnreachable = true;
            }
        }
        redisKnown = true;
        store.ifPresent(s -> {
            try {
                outbox = Optional.of(s.outboxBacklog());
                outboxReadAt = clock.millis();
            } catch (RuntimeException e) {
                outbox = Optional.empty();
                LOG.debug("Metrics: cannot read the outbox backlog: {}", e.getMessage());
            }
        });
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
