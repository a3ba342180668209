package dev.bullpen.simulate;

import dev.bullpen.checkout.Audit;
import dev.bullpen.checkout.AuditReport;
import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.CheckoutOptions;
import dev.bullpen.checkout.CheckoutService;
import dev.bullpen.checkout.CircuitBreaker;
import dev.bullpen.checkout.Customer;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.OutboxPusher;
import dev.bullpen.checkout.OutboxRelay;
import dev.bullpen.checkout.QueueLiveness;
import dev.bullpen.checkout.Reconcile;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.checkout.RewardListener;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.checkout.Seeder;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.embedded.LocalRedis;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.worker.WorkerOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One whole simulation, wired: a Redis (the given one, or a private one started in the data directory), the mall
 * database (seeded fresh, or reused), the real {@link CheckoutService}, the outbox relay, the reward workers
 * (in this process, as child processes for {@code kill-worker} chaos, or external), the chaos schedule, the
 * {@link LoadSimulator}, and at the end the audit and the SLO verdicts. {@link #stop()} ends the load early.
 */
public final class Simulation {
    private static final Logger LOG = LoggerFactory.getLogger(Simulation.class);
    /** With chaos, workers lock jobs this long, so a crashed worker's jobs run again soon. */
    static final Duration CHAOS_LOCK = Duration.ofSeconds(4);
    static final Duration CHAOS_STALLED_CHECK = Duration.ofSeconds(2);
    /** Outbox rows that may wait for the pusher; more are left to the relay. */
    static final int PUSHER_CAPACITY = 20_000;

    private final SimulationSetup setup;
    private final LoadProfile profile;
    private final Clock clock;
    private final UnaryOperator<LoadSimulator.Checkout> decorator;
    private final SimulationObserver observer;
    private final RedisEndpoint endpoint;
    private volatile LoadSimulator simulator;
    private volatile boolean stopped;

    /** @param decorator wraps the real checkout (tests add a delay); {@code UnaryOperator.identity()} in production */
    public Simulation(SimulationSetup setup, LoadProfile profile, Clock clock,
            UnaryOperator<LoadSimulator.Checkout> decorator) {
        this(setup, profile, clock, decorator, SimulationObserver.NONE, null);
    }

    /** @param observer shown the connection, store, checkouts and embedded workers (metrics) */
    public Simulation(SimulationSetup setup, LoadProfile profile, Clock clock,
            UnaryOperator<LoadSimulator.Checkout> decorator, SimulationObserver observer) {
        this(setup, profile, clock, decorator, observer, null);
    }

    /**
     * @param observer shown the connection, store, checkouts and embedded workers (metrics)
     * @param endpoint a Redis already resolved (the console's connection, with its TLS settings and password),
     *                 used instead of the setup's URL, which then only names it in the report and must be given
     *                 (not null: no embedded Redis); null to use the setup's URL
     * @throws IllegalArgumentException with an endpoint and kill-worker chaos, whose child processes need a URL
     */
    public Simulation(SimulationSetup setup, LoadProfile profile, Clock clock,
            UnaryOperator<LoadSimulator.Checkout> decorator, SimulationObserver observer, RedisEndpoint endpoint) {
        if (endpoint != null && (setup.redisUrl() == null || setup.chaos().killsWorkers())) {
            throw new IllegalArgumentException("a simulation on a given endpoint needs the setup's Redis URL for the "
                    + "record and cannot start worker processes (kill-worker chaos)");
        }
        this.setup = setup;
        this.profile = profile;
        this.clock = clock;
        this.decorator = decorator;
        this.observer = observer;
        this.endpoint = endpoint;
    }

    /** Ends the load early; the drain, audit and verdicts still run. */
    public void stop() {
        stopped = true;
        LoadSimulator s = simulator;
        if (s != null) {
            s.stop();
        }
    }

    /**
     * Runs everything and returns the report with the audit and SLO verdicts.
     *
     * @param say told short human sentences about the phases (setting up, draining...)
     * @throws IllegalStateException when the database is not in the state asked for (not empty without reuse...)
     */
    public SimulationReport run(SimulationListener listener, Consumer<String> say) throws InterruptedException {
        Random random = new Random(profile.seed());
        LocalRedis localRedis = null;
        List<AutoCloseable> closeLast = new ArrayList<>();
        try {
            String redisUrl = setup.redisUrl();
            if (redisUrl == null) {
                Path dir = setup.dataDir().resolve("redis");
                LocalRedis.stopLeftover(dir); // before its pid file and working directory are deleted
                deleteTree(dir);
                List<String> args = setup.chaos().restartsRedis()
                        ? List.of("--appendonly", "yes", "--appendfsync", "always") : List.of();
                localRedis = LocalRedis.start(dir, args);
                redisUrl = localRedis.url();
                say.accept("started Redis on " + redisUrl + " (" + localRedis.binaryPath() + ")");
            }
            RedisEndpoint endpoint = this.endpoint != null ? this.endpoint
                    : RedisEndpoint.resolve(redisUrl, System.getenv());
            String dbUrl = setup.effectiveDbUrl();
            // checkouts and reward jobs each get a small pool of their own: more connections than cores only put more
            // threads inside the database at once, where they queue for its locks (decision 0009)
            int cores = Runtime.getRuntime().availableProcessors();
            MallStore store = openStore(dbUrl, poolSize(concurrency() + 3, cores)); // + relay, pusher, sampler
            closeLast.add(0, store);
            MallStore workerStore = store;
            if (!setup.externalWorkers() && !setup.chaos().killsWorkers() && setup.workers() > 0) {
                workerStore = openStore(dbUrl, poolSize(setup.workers() * setup.workerConcurrency() + 1, cores));
                closeLast.add(0, workerStore);
            }
            prepareMall(store, random.nextLong(), say);
            RedisQueueConnection connection = RedisQueueConnection.open(endpoint, setup.prefix());
            closeLast.add(0, connection);
            observer.started(connection, store);
            closeLast.add(0, observer::stopping);
            JobQueue queue = connection.queue(RewardJob.QUEUE);

            BullRewardJobPublisher publisher = new BullRewardJobPublisher(() -> connection, clock);
            CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(2), clock);
            // checkouts answer without waiting for Redis: their jobs are pushed in batches by one thread
            OutboxPusher pusher = new OutboxPusher(store, publisher, breaker, clock, PUSHER_CAPACITY);
            closeLast.add(0, pusher);
            CheckoutService service = new CheckoutService(store, publisher, breaker, RewardSettings.defaults(),
                    CheckoutOptions.defaults(), clock, pusher);
            OutboxRelay relay = new OutboxRelay(store, publisher, clock, 200, RewardWorkers.RELAY_MIN_AGE);
            ScheduledExecutorService background = Executors.newScheduledThreadPool(2, r -> {
                Thread t = new Thread(r, "bullpen-simulation");
                t.setDaemon(true);
                return t;
            });
            closeLast.add(0, background::shutdownNow);
            relay.schedule(background, RewardWorkers.RELAY_PERIOD);

            long failSeed = random.nextLong();
            InjectedFailures.Rates failures = setup.failures(failSeed);
            RewardWorkers embedded = null;
            ChildWorkers children = null;
            if (!setup.externalWorkers() && setup.chaos().killsWorkers()) {
                deleteTree(setup.dataDir().resolve("logs")); // this run's worker logs only
                children = new ChildWorkers(childArgs(redisUrl, dbUrl, failSeed), setup.workers(),
                        setup.dataDir().resolve("logs"));
                closeLast.add(0, children);
                say.accept("started " + setup.workers() + " worker process(es), logs in " + setup.dataDir()
                        .resolve("logs"));
            } else if (!setup.externalWorkers() && setup.workers() > 0) {
                WorkerOptions.Builder options = WorkerOptions.builder().concurrency(setup.workerConcurrency())
                        .clock(clock).listener(observer.workerListener());
                if (setup.chaos().restartsRedis()) {
                    // a job active when Redis dies is taken again once its lock expires: keep that short
                    options.lockDuration(CHAOS_LOCK).stalledInterval(CHAOS_STALLED_CHECK);
                }
                embedded = new RewardWorkers(workerStore, connection, setup.workers(), options.build(), RewardListener.NONE,
                        failures, clock);
                closeLast.add(0, embedded);
            } else {
                say.accept("counting on external 'bullpen worker' processes"
                        + (failures.any() ? " (they fail jobs on purpose only if started with --fail-rate or "
                                + "--fail-for-good-rate and this seed)" : ""));
            }

            List<Long> customers = store.customers().stream().map(Customer::id).toList();
            LoadSimulator.Checkout checkout = observer.checkout(decorator.apply(id -> service.checkout(id, null)));
            int[] idleChecks = {0};
            LoadSimulator.Settlement settlement = () -> settled(store, queue, relay, failures, idleChecks);
            LoadSimulator sim = new LoadSimulator(profile, customers, new MallCarts(store), checkout, queue, settlement,
                    clock, random, parameters(redisUrl, dbUrl));
            simulator = sim;
            if (stopped) {
                sim.stop();
            }
            java.util.concurrent.atomic.AtomicBoolean loadOver = new java.util.concurrent.atomic.AtomicBoolean();
            scheduleChaos(background, children, localRedis, random, loadOver, say);
            SimulationReport report = sim.run(s -> {
                if (!"load".equals(s.phase())) {
                    loadOver.set(true);
                }
                listener.snapshot(s);
            });
            loadOver.set(true);
            background.shutdownNow();
            background.awaitTermination(10, TimeUnit.SECONDS);
            if (children != null) {
                say.accept("chaos: " + children.kills() + " worker process(es) killed");
                children.close(); // closing twice (again in finally) is harmless
            }
            if (embedded != null) {
                embedded.close(Duration.ofSeconds(30));
            }
            pusher.close(Duration.ofSeconds(10));
            new OutboxRelay(store, publisher, clock, 200).runOnce(); // whatever is still pending, however young
            AuditReport audit = new Audit(store).run(QueueLiveness.of(queue));
            if (!audit.clean()) {
                logCustomerLedgers(store, audit);
            }
            return report.withVerdicts(audit, setup.slos()).withRewardsFailed(failedRewards(store, queue))
                    .withRewardsCompleted(completedRewards(store, report.startedAtMillis()));
        } finally {
            for (AutoCloseable c : closeLast) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.warn("Simulation: closing {} failed: {}", c, e.getMessage());
                }
            }
            if (localRedis != null) {
                localRedis.close();
            }
        }
    }

    private static MallStore openStore(String dbUrl, int poolSize) {
        return JdbcMallStore.open(JdbcMallStore.withDefaults(dbUrl), System.getenv("BULLPEN_DB_USER"),
                System.getenv("BULLPEN_DB_PASSWORD"), poolSize);
    }

    /** {@code wanted} connections, but at most twice the cores (at least 4). */
    static int poolSize(int wanted, int cores) {
        return Math.max(1, Math.min(wanted, Math.max(4, 2 * cores)));
    }

    /** For whoever investigates: every ledger row of each customer the audit names (at most 5 customers). */
    private static void logCustomerLedgers(MallStore store, AuditReport audit) {
        java.util.Set<Long> ids = new java.util.LinkedHashSet<>();
        java.util.regex.Pattern customer = java.util.regex.Pattern.compile("^customer (\\d+):");
        for (String v : audit.violations()) {
            java.util.regex.Matcher m = customer.matcher(v);
            if (m.find() && ids.size() < 5) {
                ids.add(Long.parseLong(m.group(1)));
            }
        }
        List<dev.bullpen.checkout.LedgerEntry> ledger = store.ledger();
        for (Long id : ids) {
            LOG.warn("Audit: customer {} is {}; its ledger rows follow", id, store.customer(id).orElse(null));
            ledger.stream().filter(e -> id.equals(e.customerId())).forEach(e -> LOG.warn("Audit: customer {} row {}",
                    id, e));
        }
    }

    private int concurrency() {
        return profile.arrivals() instanceof ArrivalPattern.ClosedLoop c ? c.concurrency()
                : ((ArrivalPattern.OpenLoop) profile.arrivals()).maxInFlight();
    }

    private void prepareMall(MallStore store, long seed, Consumer<String> say) {
        boolean empty = store.customers().isEmpty() && store.products().isEmpty();
        if (setup.reuse()) {
            if (empty) {
                throw new IllegalStateException("--reuse: the database has no mall (leave out --reuse to seed one)");
            }
            say.accept("reusing the mall in the database (" + store.customers().size() + " customers)");
            return;
        }
        if (!empty) {
            if (setup.dbUrl() != null) {
                throw new IllegalStateException("the database already holds a mall: add --reuse to simulate on it, "
                        + "or give an empty database");
            }
            store.deleteAll(); // the simulator's own database: a fresh mall every run
        }
        Seeder.Result r = new Seeder(store).seed(setup.customers(), setup.depth(), seed);
        say.accept("seeded " + r.customers() + " customers (" + r.maxDepth() + " generations), " + r.products()
                + " products");
    }

    /**
     * Drained when nothing is waiting, active or delayed, no outbox row is pending and every purchase's rewards are
     * completed, or its job failed for good on purpose (it stays in the failed list, retryable: the audit counts it
     * as live). While the queue is idle but other purchases are not completed (jobs lost with Redis, or failed for a
     * reason nobody injected), reconcile runs every 10 checks; it leaves the jobs failed on purpose alone.
     */
    private boolean settled(MallStore store, JobQueue queue, OutboxRelay relay, InjectedFailures.Rates failures,
            int[] idleChecks) {
        try {
            relay.runOnce();
            QueueCounts c = queue.status().counts();
            if (c.waiting() + c.active() + c.delayed() + c.paused() > 0 || !store.pendingOutbox(1).isEmpty()) {
                return false;
            }
            java.util.function.Predicate<String> failedOnPurpose = id -> failures.failsForGood(id)
                    && QueueLiveness.state(queue, id).filter("failed"::equals).isPresent();
            if (store.purchases().stream().allMatch(p -> p.isCompleted() || failedOnPurpose.test(p.id()))) {
                return true;
            }
            if (++idleChecks[0] % 10 == 0) {
                int n = new Reconcile(store, queue, clock).run(false, failedOnPurpose).size();
                LOG.info("Simulation: reconcile re-enqueued {} reward job(s)", n);
            }
            return false;
        } catch (RuntimeException e) {
            LOG.debug("Simulation: drain check failed, will check again: {}", e.getMessage());
            return false;
        }
    }

    /** This run's purchases (made since it started) whose rewards the database shows completed. */
    private static long completedRewards(MallStore store, long startedAtMillis) {
        return store.purchases().stream().filter(p -> p.createdAt() >= startedAtMillis && p.isCompleted()).count();
    }

    /** Purchases whose reward job is in the failed list (attempts exhausted) once the run is over. */
    private static long failedRewards(MallStore store, JobQueue queue) {
        try {
            return store.purchases().stream().filter(p -> !p.isCompleted())
                    .filter(p -> QueueLiveness.state(queue, p.id()).filter("failed"::equals).isPresent()).count();
        } catch (RuntimeException e) {
            LOG.warn("Simulation: could not count the failed reward jobs: {}", e.getMessage());
            return 0;
        }
    }

    private void scheduleChaos(ScheduledExecutorService background, ChildWorkers children, LocalRedis localRedis,
            Random random, java.util.concurrent.atomic.AtomicBoolean loadOver, Consumer<String> say) {
        Chaos chaos = setup.chaos();
        if (chaos.killsWorkers() && children != null) {
            Random r = new Random(random.nextLong());
            long every = chaos.killWorkerEvery().toMillis();
            background.scheduleAtFixedRate(() -> {
                if (!loadOver.get()) {
                    try {
                        children.killOneAndRestart(r);
                    } catch (RuntimeException e) {
                        LOG.warn("Chaos: killing a worker failed: {}", e.getMessage(), e);
                    }
                }
            }, every, every, TimeUnit.MILLISECONDS);
        }
        if (chaos.restartsRedis() && localRedis != null) {
            LocalRedis redis = localRedis;
            background.schedule(() -> {
                if (!loadOver.get()) {
                    try {
                        redis.restart();
                        say.accept("chaos: Redis restarted");
                    } catch (RuntimeException e) {
                        LOG.warn("Chaos: restarting Redis failed: {}", e.getMessage(), e);
                    }
                }
            }, chaos.redisRestartAt().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private List<String> childArgs(String redisUrl, String dbUrl, long failSeed) {
        return List.of("--redis", redisUrl, "--prefix", setup.prefix(), "worker", "--queue", RewardJob.QUEUE,
                "--concurrency", Integer.toString(setup.workerConcurrency()), "--db", dbUrl,
                "--lock-duration-ms", Long.toString(CHAOS_LOCK.toMillis()),
                "--stalled-interval-ms", Long.toString(CHAOS_STALLED_CHECK.toMillis()),
                "--fail-rate", Double.toString(setup.failRate()),
                "--fail-for-good-rate", Double.toString(setup.failForGoodRate()), "--fail-seed", Long.toString(failSeed));
    }

    private Map<String, String> parameters(String redisUrl, String dbUrl) {
        Map<String, String> p = new LinkedHashMap<>();
        if (profile.arrivals() instanceof ArrivalPattern.ClosedLoop c) {
            p.put("arrivals", "closed loop, " + c.concurrency() + " concurrent customers");
        } else {
            ArrivalPattern.OpenLoop o = (ArrivalPattern.OpenLoop) profile.arrivals();
            p.put("arrivals", "open loop, Poisson " + o.ratePerSecond() + "/s, at most " + o.maxInFlight()
                    + " in flight");
        }
        p.put("duration", profile.durationLimit().map(d -> d.toMillis() / 1000.0 + " s").orElse("-"));
        p.put("checkouts", profile.checkouts() > 0 ? Long.toString(profile.checkouts()) : "-");
        p.put("seed", Long.toString(profile.seed()));
        p.put("mall", setup.reuse() ? "reused" : setup.customers() + " customers, depth " + setup.depth());
        p.put("workers", setup.externalWorkers() ? "external"
                : setup.workers() + " x concurrency " + setup.workerConcurrency()
                        + (setup.chaos().killsWorkers() ? " (child processes)" : " (in process)"));
        p.put("fail rate", Double.toString(setup.failRate()));
        p.put("fail for good rate", Double.toString(setup.failForGoodRate()));
        p.put("chaos", setup.chaos().text() + (setup.chaos().killsWorkers() || setup.chaos().restartsRedis()
                ? " (worker lock " + CHAOS_LOCK.toSeconds() + " s, stalled check every " + CHAOS_STALLED_CHECK.toSeconds()
                        + " s)" : ""));
        p.put("redis", setup.redisUrl() == null ? "embedded " + RedisEndpoint.mask(redisUrl)
                : RedisEndpoint.mask(redisUrl));
        p.put("database", JdbcMallStore.safe(dbUrl));
        p.put("drain timeout", profile.drainTimeout().toMillis() / 1000.0 + " s");
        p.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        p.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));
        p.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return p;
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear " + dir, e);
        }
    }
}
