package dev.bullpen.app.connections;

import dev.bullpen.app.alerts.AlertsViewModel;
import dev.bullpen.app.charts.ChartsViewModel;
import dev.bullpen.app.charts.DepthHistory;
import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Poller;
import dev.bullpen.app.overview.OverviewViewModel;
import dev.bullpen.app.redis.RedisViewModel;
import dev.bullpen.app.settings.SavedConnection;
import dev.bullpen.monitor.OverviewSnapshot;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One open connection of the window: its Redis reader ({@link QueueInspector}), its own poller
 * thread (overview and INFO, with backoff while Redis is away), its own pool for one-off work, and
 * the view models they feed. {@link #close()} stops all of its threads; nothing is shared with the
 * window's other connections, so one slow or dead Redis never holds up another.
 */
public final class ConnectionSession implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionSession.class);
    private static final AtomicInteger SESSIONS = new AtomicInteger();
    public static final Duration MAX_BACKOFF = Duration.ofSeconds(15);
    public static final Duration REDIS_INFO_INTERVAL = Duration.ofSeconds(5);

    /**
     * What to open.
     *
     * @param id           the saved connection's id, or an id of this run for one that is not saved
     * @param name         shown to the user; host:port for a connection without a name
     * @param saved        the saved connection, or null (from {@code --redis} or the default)
     * @param endpoint     where to connect, with the password when there is one (never shown)
     * @param prefix       the Bull key prefix
     * @param readOnly     refuse every action
     * @param pollInterval time between two reads while Redis answers
     */
    public record Target(String id, String name, SavedConnection saved, RedisEndpoint endpoint, String prefix,
                         boolean readOnly, Duration pollInterval) {
        /** {@code name · redis://host:port · prefix P · read-only}, the name left out when it is host:port. */
        public String title() {
            String t = name.equals(endpoint.display()) ? endpoint.safeUrl() : name + " · " + endpoint.safeUrl();
            t = "bull".equals(prefix) ? t : t + " · prefix " + prefix;
            return readOnly ? t + " · read-only" : t;
        }

        @Override
        public String toString() {
            return "Target[" + id + ", " + title() + "]";
        }
    }

    private final Target target;
    private final String threadPrefix;
    private final QueueInspector inspector;
    private final ScheduledExecutorService scheduler;
    private final ExecutorService work;
    private final Background background;
    private final OverviewViewModel overview;
    private final RedisViewModel redis = new RedisViewModel();
    private final DepthHistory depth = new DepthHistory();
    private final ChartsViewModel charts;
    private final AlertsViewModel alerts;
    private final Poller<OverviewSnapshot> poller;
    private final Poller<Map<String, String>> redisInfo;

    /** Makes a connection's alerts: {@code (server shown in the alerts, the connection's background runner)}. */
    @FunctionalInterface
    public interface AlertsFactory {
        AlertsViewModel create(String server, Background background);
    }

    /**
     * @param fx     runs UI updates: {@code Platform::runLater} in the app
     * @param alerts makes this connection's alert rules' state (the rules' thresholds are shared)
     */
    public ConnectionSession(Target target, Executor fx, ZoneId zone, AlertsFactory alerts) {
        this.target = target;
        this.threadPrefix = "bullpen-conn" + SESSIONS.incrementAndGet() + "-";
        this.inspector = new QueueInspector(target.endpoint(), target.prefix(), target.readOnly());
        AtomicInteger workers = new AtomicInteger();
        this.work = Executors.newCachedThreadPool(r -> daemon(r, threadPrefix + "work-" + workers.incrementAndGet()));
        this.background = new Background(work, fx);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, threadPrefix + "poller"));
        this.overview = new OverviewViewModel(target.name(), target.endpoint().display(), target.prefix(), zone, depth);
        String what = target.name() + " (" + target.endpoint().display() + ")";
        this.charts = new ChartsViewModel(inspector, background, depth, Clock.systemUTC(), zone);
        this.alerts = alerts.create(target.name().equals(target.endpoint().display()) ? target.name() : what, background);
        this.poller = new Poller<>("overview " + what, scheduler, fx, inspector::overview, new Poller.Listener<>() {
            @Override
            public void onSnapshot(OverviewSnapshot snapshot) {
                depth.record(snapshot);
                overview.apply(snapshot);
                ConnectionSession.this.charts.onSnapshot(snapshot);
                ConnectionSession.this.alerts.onSnapshot(snapshot);
            }

            @Override
            public void onFailure(RuntimeException error, Duration retryIn) {
                overview.markFailed(error, retryIn);
                ConnectionSession.this.alerts.onFailure(error, Instant.now());
            }
        }, target.pollInterval(), MAX_BACKOFF);
        this.redisInfo = new Poller<>("redis info " + what, scheduler, fx, inspector::serverInfo, new Poller.Listener<>() {
            @Override
            public void onSnapshot(Map<String, String> info) {
                redis.apply(info);
            }

            @Override
            public void onFailure(RuntimeException error, Duration retryIn) {
                redis.markFailed(error);
            }
        }, REDIS_INFO_INTERVAL, MAX_BACKOFF);
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** Starts reading the overview and the server's INFO. */
    public void start() {
        LOG.info("Connection(name={}, redis={}, prefix={}) opened, polling every {} ms", target.name(),
                target.endpoint().display(), target.prefix(), target.pollInterval().toMillis());
        poller.start();
        redisInfo.start();
    }

    /** F5: finds new queues and reads the overview again now. */
    public void refresh() {
        inspector.rediscover();
        poller.pollNow();
    }

    /**
     * Stops polling and the work pool, and closes the Redis reader on the poller thread after a read
     * in progress, so that closing never waits on Redis.
     */
    @Override
    public void close() {
        poller.close();
        redisInfo.close();
        work.shutdownNow();
        try {
            scheduler.execute(inspector::close);
        } catch (RejectedExecutionException alreadyShutDown) {
            inspector.close();
        }
        scheduler.shutdown();
        LOG.info("Connection(name={}, redis={}) closed", target.name(), target.endpoint().display());
    }

    public Target target() {
        return target;
    }

    public String id() {
        return target.id();
    }

    public String name() {
        return target.name();
    }

    public boolean readOnly() {
        return target.readOnly();
    }

    public QueueInspector inspector() {
        return inspector;
    }

    public Background background() {
        return background;
    }

    /** Runs this connection's periodic work (queue screens' auto refresh too); shut down by {@link #close()}. */
    public ScheduledExecutorService scheduler() {
        return scheduler;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public RedisViewModel redis() {
        return redis;
    }

    public ChartsViewModel charts() {
        return charts;
    }

    public AlertsViewModel alerts() {
        return alerts;
    }

    /** Every thread of this connection has a name starting with this. */
    public String threadPrefix() {
        return threadPrefix;
    }
}
