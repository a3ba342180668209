package dev.bullpen.ha;

import dev.bullpen.testing.TestSecrets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.Audit;
import dev.bullpen.checkout.AuditReport;
import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.CheckoutOptions;
import dev.bullpen.checkout.CheckoutRejectedException;
import dev.bullpen.checkout.CheckoutService;
import dev.bullpen.checkout.CircuitBreaker;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.Purchase;
import dev.bullpen.checkout.QueueLiveness;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.checkout.RewardJobPublisher;
import dev.bullpen.checkout.RewardListener;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.checkout.Seeder;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.queue.TlsOptions;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.simulate.RewardWorkers;
import dev.bullpen.testing.Certificates;
import dev.bullpen.testing.SentinelSetup;
import dev.bullpen.worker.Worker;
import dev.bullpen.worker.WorkerListener;
import dev.bullpen.worker.WorkerOptions;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.HostAndPort;

/**
 * Workers and the outbox relay behind Redis Sentinel, with a real master, replica and three sentinels
 * on loopback: the master is SIGKILLed while jobs are waiting, running and delayed, and more jobs come
 * after; every job is processed exactly once, on the promoted replica.
 */
class SentinelWorkerIT {
    private static final String SERVER_PASSWORD = TestSecrets.password("server");
    private static final String SENTINEL_PASSWORD = TestSecrets.password("sentinel");

    @TempDir
    Path dir;

    @Test
    void workerFollowsAFailoverAndProcessesEveryJobExactlyOnceWithPasswordsOnServersAndSentinels()
            throws Exception {
        try (SentinelSetup ha = new SentinelSetup(SERVER_PASSWORD, SENTINEL_PASSWORD)) {
            String url = "redis-sentinel://:" + SERVER_PASSWORD + "@" + ha.sentinelList() + "/"
                    + SentinelSetup.MASTER_NAME;
            // the sentinels' own password is asked for by name, and never shown
            RedisUnavailableException refused = assertThrows(RedisUnavailableException.class,
                    () -> RedisQueueConnection.open(RedisEndpoint.resolve(url, Map.of()), "ha"));
            assertTrue(refused.getMessage().contains("REDIS_SENTINEL_PASSWORD"), refused.getMessage());
            assertFalse(refused.getMessage().contains(SERVER_PASSWORD), refused.getMessage());
            RedisUnavailableException wrongMaster = assertThrows(RedisUnavailableException.class,
                    () -> RedisQueueConnection.open(RedisEndpoint.resolve(url.replace(SERVER_PASSWORD, "nope"),
                            Map.of(RedisEndpoint.SENTINEL_PASSWORD_ENV, SENTINEL_PASSWORD)), "ha"));
            assertTrue(wrongMaster.getMessage().contains("refused the login"), wrongMaster.getMessage());
            assertFalse(wrongMaster.getMessage().contains(SENTINEL_PASSWORD), wrongMaster.getMessage());

            RedisEndpoint endpoint = RedisEndpoint.resolve(url,
                    Map.of(RedisEndpoint.SENTINEL_PASSWORD_ENV, SENTINEL_PASSWORD));
            Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch holding = new CountDownLatch(2);
            try (RedisQueueConnection c = RedisQueueConnection.open(endpoint, "ha")) {
                JobQueue q = c.queue("jobs");
                Worker worker = new Worker(c, "jobs", job -> {
                    runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                    if (job.id().startsWith("hold")) {
                        holding.countDown();
                        assertTrue(release.await(60, TimeUnit.SECONDS));
                    }
                    return null;
                }, WorkerOptions.builder().concurrency(4).drainDelay(Duration.ofSeconds(1)).build()).start();
                try {
                    // given jobs done, two running, three delayed past the failover, all on the replica too
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 30; i++) {
                        ids.add(add(q, "before-" + i, 0));
                    }
                    await(() -> q.status().counts().completed() == 30, "the first 30 jobs completed");
                    ids.add(add(q, "hold-1", 0));
                    ids.add(add(q, "hold-2", 0));
                    assertTrue(holding.await(20, TimeUnit.SECONDS), "two jobs are running");
                    for (int i = 0; i < 3; i++) {
                        ids.add(add(q, "delayed-before-" + i, 3_000));
                    }
                    ha.awaitReplicated();

                    // when the master dies and jobs keep coming (an add whose outcome is unknown is sent
                    // again with the same job id, which Bull turns into nothing)
                    ha.killMaster();
                    for (int i = 0; i < 30; i++) {
                        ids.add(add(q, "after-" + i, 0));
                    }
                    for (int i = 0; i < 2; i++) {
                        ids.add(add(q, "delayed-after-" + i, 500));
                    }
                    assertEquals(new HostAndPort("127.0.0.1", ha.replicaPort()), c.writeTarget(),
                            "the replica is the master now");
                    release.countDown();

                    // then every job is completed on the new master, each processed exactly once
                    await(() -> q.status().counts().completed() == ids.size(),
                            "all " + ids.size() + " jobs completed");
                    QueueCounts counts = q.status().counts();
                    assertEquals(new QueueCounts(0, 0, 0, ids.size(), 0, 0), counts);
                    assertEquals(ids.size(), runs.size());
                    for (String id : ids) {
                        assertEquals(1, runs.get(id).get(), "job " + id + " processed once");
                    }
                } finally {
                    release.countDown();
                    worker.close(Duration.ofSeconds(5));
                }
            }
        }
    }

    @Test
    void overTlsToSentinelsAndServersTheWorkerFollowsAFailover() throws Exception {
        Certificates certs = Certificates.create(dir.resolve("certs"));
        try (SentinelSetup ha = new SentinelSetup(SERVER_PASSWORD, null, certs)) {
            // the sentinels name the master by IP, which the test certificate does not: the CA is still checked
            RedisEndpoint endpoint = RedisEndpoint.parse("rediss-sentinel://:" + SERVER_PASSWORD + "@"
                    + ha.sentinelList() + "/" + SentinelSetup.MASTER_NAME)
                    .withTls(new TlsOptions(certs.caCert(), null, null, null, null, null, false));
            Map<String, AtomicInteger> runs = new ConcurrentHashMap<>();
            try (RedisQueueConnection c = RedisQueueConnection.open(endpoint, "tls")) {
                JobQueue q = c.queue("jobs");
                Worker worker = new Worker(c, "jobs", job -> {
                    runs.computeIfAbsent(job.id(), id -> new AtomicInteger()).incrementAndGet();
                    return null;
                }, WorkerOptions.builder().concurrency(2).drainDelay(Duration.ofSeconds(1)).build()).start();
                try {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < 10; i++) {
                        ids.add(add(q, "before-" + i, 0));
                    }
                    await(() -> q.status().counts().completed() == 10, "the first 10 jobs completed");
                    ha.awaitReplicated();

                    ha.killMaster();
                    for (int i = 0; i < 10; i++) {
                        ids.add(add(q, "after-" + i, 0));
                    }

                    await(() -> q.status().counts().completed() == ids.size(), "all 20 jobs completed");
                    assertEquals(new HostAndPort("127.0.0.1", ha.replicaPort()), c.writeTarget());
                    assertEquals(ids.size(), runs.size());
                    runs.forEach((id, n) -> assertEquals(1, n.get(), "job " + id + " processed once"));
                } finally {
                    worker.close(Duration.ofSeconds(5));
                }
            }
        }
    }

    @Test
    void rewardWorkersAndTheOutboxRelayFollowAFailoverAndPayEveryPurchaseOnce() throws Exception {
        Clock clock = Clock.systemUTC();
        try (SentinelSetup ha = new SentinelSetup(null, null);
                MallStore store = JdbcMallStore.open("jdbc:h2:file:" + dir.resolve("mall") + ";LOCK_TIMEOUT=10000")) {
            new Seeder(store).seed(60, 5, 11);
            RedisEndpoint endpoint = RedisEndpoint.parse("redis-sentinel://" + ha.sentinelList() + "/"
                    + SentinelSetup.MASTER_NAME);
            Map<String, AtomicInteger> completions = new ConcurrentHashMap<>();
            WorkerOptions options = WorkerOptions.builder().concurrency(3).drainDelay(Duration.ofSeconds(1))
                    .listener(new WorkerListener() {
                        @Override
                        public void completed(String jobId, Object result) {
                            completions.computeIfAbsent(jobId, id -> new AtomicInteger()).incrementAndGet();
                        }
                    }).build();
            try (RedisQueueConnection c = RedisQueueConnection.open(endpoint, "ha")) {
                RewardWorkers workers = new RewardWorkers(store, c, 1, options, RewardListener.NONE, dev.bullpen.simulate.InjectedFailures.Rates.NONE, clock);
                try {
                    CheckoutService online = checkout(store, new BullRewardJobPublisher(() -> c, clock), clock);
                    // while the master is gone the checkout's circuit is open: jobs stay in the outbox
                    CheckoutService circuitOpen = checkout(store, entry -> {
                        throw new IllegalStateException("circuit open (test)");
                    }, clock);
                    // given purchases paid before the failover
                    int purchases = 0;
                    long customer = 1;
                    for (; customer <= 20; customer++) {
                        purchases += buy(online, customer);
                    }
                    await(() -> store.purchases().stream().allMatch(Purchase::isCompleted), "first rewards paid");
                    ha.awaitReplicated();

                    // when the master dies, customers check out while it is gone and after
                    ha.killMaster();
                    int outboxOnly = 0;
                    for (; customer <= 30; customer++) {
                        int n = buy(circuitOpen, customer);
                        purchases += n;
                        outboxOnly += n;
                    }
                    for (; customer <= 60; customer++) {
                        purchases += buy(online, customer);
                    }
                    assertTrue(outboxOnly >= 3, "purchases left to the relay: " + outboxOnly);

                    // then the relay pushes the outbox rows to the new master and every purchase is paid once
                    await(() -> store.purchases().stream().allMatch(Purchase::isCompleted)
                            && store.pendingOutbox(1).isEmpty(), "every reward paid and the outbox empty");
                    assertEquals(new HostAndPort("127.0.0.1", ha.replicaPort()), c.writeTarget());
                    JobQueue q = c.queue(RewardJob.QUEUE);
                    AuditReport audit = new Audit(store).run(QueueLiveness.of(q));
                    assertTrue(audit.clean(), audit.violations().toString());
                    assertEquals(purchases, audit.purchases());
                    await(() -> q.status().counts().completed() == store.purchases().size(), "one job per purchase");
                    assertEquals(new QueueCounts(0, 0, 0, purchases, 0, 0), q.status().counts());
                    for (Purchase p : store.purchases()) {
                        assertEquals(1, completions.getOrDefault(p.id(), new AtomicInteger()).get(),
                                "purchase " + p.id() + " completed once");
                    }
                } finally {
                    workers.close(Duration.ofSeconds(5));
                }
            }
        }
    }

    private static int buy(CheckoutService service, long customer) {
        try {
            service.checkout(customer, null);
            return 1;
        } catch (CheckoutRejectedException refused) {
            return 0; // some seeded carts hold an inactive product or cost more than the wallet
        }
    }

    private static CheckoutService checkout(MallStore store, RewardJobPublisher publisher, Clock clock) {
        return new CheckoutService(store, publisher, new CircuitBreaker(3, Duration.ofSeconds(30), clock),
                RewardSettings.defaults(), CheckoutOptions.defaults(), clock);
    }

    /** Adds with a custom id, sending it again while the failover makes the outcome unknown. */
    private static String add(JobQueue q, String id, long delayMs) throws InterruptedException {
        JobOptions options = JobOptions.defaults().jobId(id);
        if (delayMs > 0) {
            options = options.delay(delayMs);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                return q.add(new NewJob("ha", "{\"id\":\"" + id + "\"}", options));
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(200);
            }
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException notYet) {
                // Redis or the failover between two reads
            }
            Thread.sleep(100);
        }
        throw new AssertionError("not within 60 s: " + what);
    }
}
