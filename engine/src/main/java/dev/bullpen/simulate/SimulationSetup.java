package dev.bullpen.simulate;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and with what a simulation runs.
 *
 * @param customers         demo mall size (ignored with {@code reuse})
 * @param depth             at most this many generations in the referral tree
 * @param reuse             use the mall already in the database instead of seeding a fresh one
 * @param dbUrl             the mall database, or null for a fresh H2 file in {@code dataDir}
 * @param redisUrl          the Redis to use, or null to start one in {@code dataDir} ("embedded mode")
 * @param workers           worker count: in this process, or child processes with {@code kill-worker} chaos;
 *                          ignored with {@code externalWorkers}
 * @param externalWorkers   count on separately started {@code bullpen worker} processes
 * @param failRate          share of reward jobs failed on purpose on their first attempt (then retried by Bull)
 * @param failForGoodRate   share of reward jobs failed on purpose on every attempt: they end in the failed list,
 *                          where a manual retry succeeds ({@link InjectedFailures})
 * @param dataDir           for the embedded Redis, the default database and the worker logs
 */
public record SimulationSetup(int customers, int depth, boolean reuse, String dbUrl, String redisUrl, String prefix,
        int workers, int workerConcurrency, boolean externalWorkers, double failRate, double failForGoodRate,
        Chaos chaos, List<Slo> slos, Path dataDir) {
    /** No job fails for good. */
    public SimulationSetup(int customers, int depth, boolean reuse, String dbUrl, String redisUrl, String prefix,
            int workers, int workerConcurrency, boolean externalWorkers, double failRate, Chaos chaos, List<Slo> slos,
            Path dataDir) {
        this(customers, depth, reuse, dbUrl, redisUrl, prefix, workers, workerConcurrency, externalWorkers, failRate,
                0, chaos, slos, dataDir);
    }

    public SimulationSetup {
        if (customers < 1 || depth < 1 || workers < 0 || workerConcurrency < 1) {
            throw new IllegalArgumentException("customers, depth and worker concurrency must be 1 or more");
        }
        if (!(failRate >= 0 && failRate <= 1) || !(failForGoodRate >= 0 && failForGoodRate <= 1)) {
            throw new IllegalArgumentException("the fail rates must be between 0 and 1");
        }
        if (chaos.restartsRedis() && redisUrl != null) {
            throw new IllegalArgumentException("redis-restart chaos restarts only a Redis the simulator started "
                    + "(leave out --redis)");
        }
        if (chaos.killsWorkers() && (externalWorkers || workers < 1)) {
            throw new IllegalArgumentException("kill-worker chaos needs workers the simulator starts (--workers 1 or "
                    + "more, not --external-workers)");
        }
        slos = List.copyOf(slos);
    }

    /** The jobs the workers fail on purpose, picked with {@code seed}. */
    public InjectedFailures.Rates failures(long seed) {
        return new InjectedFailures.Rates(failRate, failForGoodRate, seed);
    }

    /** The default database of the simulator: an H2 file other processes (child workers) can open too. */
    public String effectiveDbUrl() {
        return dbUrl != null ? dbUrl
                : "jdbc:h2:file:" + dataDir.resolve("mall") + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";
    }
}
