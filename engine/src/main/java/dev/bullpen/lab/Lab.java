package dev.bullpen.lab;

import dev.bullpen.checkout.RewardJob;
import dev.bullpen.monitor.ConnectedWorker;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.simulate.Chaos;
import dev.bullpen.simulate.LoadProfile;
import dev.bullpen.simulate.Simulation;
import dev.bullpen.simulate.SimulationObserver;
import dev.bullpen.simulate.SimulationSetup;
import dev.bullpen.simulate.Slo;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's load-test lab on one Redis: simulations under the lab's own key prefix (so that its jobs never
 * meet the queues the console watches, nor their workers), on the lab's own mall database (an H2 file in the lab
 * folder) unless the user names another, with the runs kept in {@link RunHistory}.
 */
public final class Lab {
    private static final Logger LOG = LoggerFactory.getLogger(Lab.class);

    private final RedisEndpoint endpoint;
    private final String prefix;
    private final Path dir;
    private final RunHistory history;

    /**
     * @param prefix the lab's key prefix (keep a cluster hash tag of the console's prefix in it)
     * @param dir    the lab folder: its database, worker logs and {@code runs/}
     */
    public Lab(RedisEndpoint endpoint, String prefix, Path dir) {
        this.endpoint = endpoint;
        this.prefix = prefix;
        this.dir = dir;
        this.history = new RunHistory(dir.resolve("runs"));
    }

    /** The lab's prefix for a console prefix: {@code bull} gives {@code bull-lab}, {@code {bull}} {@code {bull}-lab}. */
    public static String prefixFor(String consolePrefix) {
        return consolePrefix + "-lab";
    }

    public String prefix() {
        return prefix;
    }

    public Path dir() {
        return dir;
    }

    public RunHistory history() {
        return history;
    }

    /** The lab's own mall database (a fresh mall every run), as the simulator names it. */
    public String defaultDbUrl() {
        return setup(Plan.defaults()).effectiveDbUrl();
    }

    /**
     * What one run does.
     *
     * @param dbUrl null for the lab's own H2 file (seeded afresh each run)
     * @param reuse simulate on the mall already in {@code dbUrl} instead of seeding an empty database
     */
    public record Plan(int customers, int depth, String dbUrl, boolean reuse, int workers, int workerConcurrency,
            double failRate, double failForGoodRate, List<Slo> slos, LoadProfile profile) {
        public Plan {
            slos = List.copyOf(slos);
        }

        static Plan defaults() {
            return new Plan(1, 1, null, false, 1, 1, 0, 0, List.of(), null);
        }
    }

    private SimulationSetup setup(Plan p) {
        return new SimulationSetup(p.customers(), p.depth(), p.reuse(), p.dbUrl(), endpoint.safeUrl(), prefix,
                p.workers(), p.workerConcurrency(), p.workers() == 0, p.failRate(), p.failForGoodRate(), Chaos.none(),
                p.slos(), dir);
    }

    /**
     * Checks the lab's queue and returns the simulation to run (on the caller's thread: it blocks until drained).
     * With 0 workers the run counts on workers started elsewhere (the console's Workers screen).
     *
     * @throws IllegalStateException when workers of another process serve the lab's queue (they would take its
     *                               jobs to another database)
     * @throws IllegalArgumentException naming a value out of range
     * @throws dev.bullpen.queue.RedisUnavailableException when Redis cannot be reached
     */
    public Simulation prepare(Plan plan, Clock clock) {
        SimulationSetup setup = setup(plan);
        try (QueueConnection c = QueueConnection.open(endpoint, prefix)) {
            List<ConnectedWorker> foreign = ConnectedWorker.from(c.clients(), List.of(prefix),
                    ProcessHandle.current().pid()).stream()
                    .filter(w -> w.queue().equals(RewardJob.QUEUE) && !w.thisProcess()).toList();
            if (!foreign.isEmpty()) {
                throw new IllegalStateException(foreign.size() + " worker(s) of other processes serve queue '"
                        + RewardJob.QUEUE + "' under the lab's prefix " + prefix + " ("
                        + foreign.stream().map(w -> w.kind().text() + " at " + w.address())
                        .collect(Collectors.joining(", "))
                        + "): they would take the lab's jobs to another database. Stop them first.");
            }
            if (!plan.reuse()) {
                clear(c.queue(RewardJob.QUEUE));
            }
        }
        return new Simulation(setup, plan.profile(), clock, UnaryOperator.identity(), SimulationObserver.NONE, endpoint);
    }

    /** A fresh mall gets a fresh queue: jobs of an earlier run name purchases that no longer exist. */
    private void clear(JobQueue queue) {
        queue.empty();
        int completed = queue.clean(JobState.COMPLETED, 0, 0).size();
        int failed = queue.clean(JobState.FAILED, 0, 0).size();
        if (completed + failed > 0) {
            LOG.info("Lab(prefix={}) cleared {} completed and {} failed job(s) of an earlier run", prefix, completed,
                    failed);
        }
    }
}
