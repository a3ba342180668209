package dev.bullpen.demo;

import dev.bullpen.embedded.LocalRedis;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.simulate.ArrivalPattern;
import dev.bullpen.simulate.Chaos;
import dev.bullpen.simulate.LoadProfile;
import dev.bullpen.simulate.Simulation;
import dev.bullpen.simulate.SimulationListener;
import dev.bullpen.simulate.SimulationObserver;
import dev.bullpen.simulate.SimulationReport;
import dev.bullpen.simulate.SimulationSetup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

/**
 * The demo: a Redis (a private one unless a URL is given), a freshly seeded demo mall on embedded H2,
 * embedded reward workers on the {@code checkout} queue, and gentle simulated checkout traffic (open
 * loop, Poisson arrivals) of which a small share of reward jobs fail once and are retried, and a smaller share
 * fails every attempt and stays in the failed list for support to retry from the console (a manual retry
 * succeeds). It is the load simulator at a low rate; at the end it drains the queue and audits the mall: a
 * purchase whose reward job failed for good is no violation while that job is in the failed list (the rules
 * ask for completed rewards or a retryable job).
 */
public final class DemoRun implements AutoCloseable {
    public static final String QUEUE = "checkout";

    private final LocalRedis localRedis;
    private final RedisEndpoint endpoint;
    private final Simulation simulation;

    private DemoRun(LocalRedis localRedis, RedisEndpoint endpoint, Simulation simulation) {
        this.localRedis = localRedis;
        this.endpoint = endpoint;
        this.simulation = simulation;
    }

    /**
     * What to run.
     *
     * @param redisUrl the Redis to use, or null to start a private one with its files in {@code dataDir}
     * @param dataDir the demo's files (Redis, mall database, worker logs); recreated on each run
     * @param runFor  how long the traffic lasts
     */
    public record Settings(String redisUrl, String prefix, Path dataDir, double checkoutsPerSecond,
                           double failShare, double failForGoodShare, int workers, int concurrency, int customers,
                           Duration runFor, long seed) {
    }

    /** Starts the Redis (when needed) and prepares the simulation; {@link #run} drives it. */
    public static DemoRun prepare(Settings s) {
        return prepare(s, SimulationObserver.NONE);
    }

    /** As {@link #prepare(Settings)}, the simulation shown to {@code observer} (the metrics endpoint). */
    public static DemoRun prepare(Settings s, SimulationObserver observer) {
        deleteMall(s.dataDir());
        LocalRedis local = s.redisUrl() == null ? LocalRedis.start(s.dataDir().resolve("redis-demo")) : null;
        String url = local == null ? s.redisUrl() : local.url();
        SimulationSetup setup = new SimulationSetup(s.customers(), 8, false, null, url, s.prefix(), s.workers(),
                s.concurrency(), false, s.failShare(), s.failForGoodShare(), Chaos.none(), List.of(), s.dataDir());
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        LoadProfile profile = new LoadProfile(new ArrivalPattern.OpenLoop(s.checkoutsPerSecond(), 64), s.runFor(), 0,
                s.seed(), Duration.ofSeconds(60));
        return new DemoRun(local, endpoint, new Simulation(setup, profile, Clock.systemUTC(), UnaryOperator.identity(),
                observer));
    }

    /** The Redis the demo uses, e.g. for the console. */
    public RedisEndpoint endpoint() {
        return endpoint;
    }

    /** Seeds the mall, runs the traffic for the settings' time (or until {@link #stop}), drains and audits. */
    public SimulationReport run(SimulationListener listener, Consumer<String> say) throws InterruptedException {
        return simulation.run(listener, say);
    }

    /** Ends the traffic early; the drain and the audit still run. */
    public void stop() {
        simulation.stop();
    }

    @Override
    public void close() {
        simulation.stop();
        if (localRedis != null) {
            localRedis.close();
        }
    }

    /** The demo mall is disposable: each run seeds a fresh one. */
    private static void deleteMall(Path dataDir) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dataDir)) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("mall.")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot clear the demo mall in " + dataDir, e);
        }
    }

}
