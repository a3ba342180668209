package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Checkout, outbox relay, reward processing, audit and reconcile against a real database and a real
 * Redis; extended once per database.
 */
@ExtendWith(RedisServerExtension.class)
public abstract class CheckoutFlowContract {
    private final Clock clock = Clock.systemUTC();
    private MallStore store;
    private QueueConnection connection;
    private JobQueue queue;
    private BullRewardJobPublisher publisher;
    private CircuitBreaker breaker;
    private String prefix;

    private String url;

    /** The JDBC URL of a new, empty database. */
    protected abstract String newDatabaseUrl();

    /**
     * Kills, as a crash of their process would, the database sessions that wait for a lock; returns how
     * many were killed.
     */
    protected abstract int killSessionsWaitingForALock(Connection admin) throws SQLException;

    @BeforeEach
    void open(RedisServer redis) {
        url = newDatabaseUrl();
        store = JdbcMallStore.open(url, null, null, 10);
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        RedisEndpoint endpoint = RedisEndpoint.parse(redis.url());
        connection = QueueConnection.open(endpoint, prefix);
        queue = connection.queue(RewardJob.QUEUE);
        publisher = new BullRewardJobPublisher(() -> QueueConnection.open(endpoint, prefix), clock);
        breaker = new CircuitBreaker(3, Duration.ofMinutes(10), clock);
    }

    @AfterEach
    void close() {
        publisher.close();
        connection.close();
        store.close();
    }

    private CheckoutService checkoutService(CheckoutOptions options, Clock at) {
        return new CheckoutService(store, publisher, breaker, RewardSettings.defaults(), options, at);
    }

    private CheckoutService checkoutService() {
        return checkoutService(CheckoutOptions.defaults(), clock);
    }

    private RewardProcessor processor() {
        return new RewardProcessor(store, RewardSettings.defaults(), clock);
    }

    @Test
    void twoHundredConcurrentCheckoutsThenTwoWorkersPayEveryRewardExactly() throws Exception {
        // given 200 buyers under 60 shared ancestors
        TestMall mall = TestMall.build(store, 60, 200, 7);
        CheckoutService checkout = checkoutService();

        // when they all check out at once
        List<CheckoutAnswer> answers = runConcurrently(16, mall.buyers, id -> checkout.checkout(id, "addr " + id));

        // then every checkout answered at once and its job is in the queue exactly once
        assertEquals(200, answers.size());
        assertTrue(answers.stream().allMatch(a -> a.queued() && a.rewardsStatus().equals(Purchase.PROCESSING)));
        for (CheckoutAnswer a : answers) {
            assertEquals(TestMall.cartTotal(a.customerId()), a.total());
            assertEquals(TestMall.OPENING.subtract(a.total()), a.newBalance());
        }
        for (CheckoutAnswer a : answers) {
            publisher.publish(store.outbox(a.transactionId()).orElseThrow());
        }
        assertEquals(0, new OutboxRelay(store, publisher, clock, 50).runOnce());
        assertEquals(200, queue.status().counts().waiting());

        // when two workers drain the queue
        List<JobSnapshot> jobs = queue.jobs(JobState.WAITING, 0, -1);
        drainWithTwoWorkers(jobs);

        // then every balance is exactly what the rules say, whatever the order of the jobs
        Map<Long, BigDecimal> expected = new HashMap<>();
        BigDecimal expectedPool = TestMall.POOL;
        RewardCalculator calculator = new RewardCalculator(RewardSettings.defaults());
        for (CheckoutAnswer a : answers) {
            RewardPlan plan = calculator.plan(mall.firstPurchaseInput(a.transactionId(), a.customerId()));
            assertTrue(plan.upgrades().isEmpty(), "the test tree allows no upgrade");
            expected.merge(a.customerId(), a.total().negate(), BigDecimal::add);
            for (Allocation al : plan.allocations()) {
                if (al.account() == Account.CUSTOMER) {
                    expected.merge(al.customerId(), al.amount(), BigDecimal::add);
                }
            }
            expectedPool = expectedPool.add(plan.poolDelta());
        }
        for (Customer c : store.customers()) {
            assertEquals(TestMall.OPENING.add(expected.getOrDefault(c.id(), Money.ZERO)), c.points(),
                    "balance of customer " + c.id());
        }
        assertEquals(expectedPool, store.poolBalance());
        assertTrue(store.purchases().stream().allMatch(Purchase::isCompleted));
        assertEquals(List.of(), new Audit(store).run(id -> false).violations());
    }

    @Test
    void aJobProcessedTwiceChangesNothingTheSecondTime() throws Exception {
        TestMall mall = TestMall.build(store, 10, 5, 3);
        CheckoutAnswer answer = checkoutService().checkout(mall.buyers.get(0), null);
        RewardJob job = RewardJob.fromJson(queue.job(answer.transactionId()).orElseThrow().data().orElseThrow());

        assertTrue(processor().process(job).applied());
        List<Customer> before = store.customers();
        int ledgerRows = store.ledger().size();
        BigDecimal pool = store.poolBalance();

        RewardOutcome again = processor().process(job);

        assertFalse(again.applied());
        assertEquals(before, store.customers());
        assertEquals(ledgerRows, store.ledger().size());
        assertEquals(pool, store.poolBalance());
        assertEquals(List.of(), new Audit(store).run(id -> false).violations());
    }

    @Test
    void oneJobDeliveredToTwoWorkersAtOnceIsAppliedOnce() throws Exception {
        TestMall mall = TestMall.build(store, 10, 5, 4);
        CheckoutAnswer answer = checkoutService().checkout(mall.buyers.get(1), null);
        RewardJob job = RewardJob.of(answer.transactionId(), answer.customerId());

        List<RewardOutcome> outcomes = runConcurrently(2, List.of(1L, 2L), i -> processor().process(job));

        assertEquals(1, outcomes.stream().filter(RewardOutcome::applied).count());
        assertEquals(List.of(), new Audit(store).run(id -> false).violations());
    }

    @Test
    void redisKilledDuringCheckoutsLosesNothing(RedisServer redis) throws Exception {
        // given
        TestMall mall = TestMall.build(store, 20, 60, 5);
        CheckoutService checkout = checkoutService();
        CountDownLatch tenDone = new CountDownLatch(10);
        CountDownLatch killed = new CountDownLatch(1);
        AtomicInteger started = new AtomicInteger();
        Thread killer = new Thread(() -> {
            try {
                tenDone.await();
                redis.kill();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                killed.countDown();
            }
        });
        List<CheckoutAnswer> answers;
        long leftInOutbox;
        try {
            // when Redis dies while 60 checkouts run on 8 threads: the first ten reach Redis, the
            // others start only once it is dead
            killer.start();
            answers = runConcurrently(8, mall.buyers, id -> {
                if (started.incrementAndGet() > 10) {
                    killed.await();
                }
                CheckoutAnswer a = checkout.checkout(id, null);
                tenDone.countDown();
                return a;
            });
            killer.join();

            // then every checkout succeeded; the breaker opened and the unpushed jobs wait in the outbox
            assertEquals(60, answers.size());
            leftInOutbox = answers.stream().filter(a -> !a.queued()).count();
            assertEquals(50, leftInOutbox, "the ten checkouts before the crash were pushed, the others wait");
            assertEquals(CircuitBreaker.State.OPEN, breaker.state());
            assertEquals(leftInOutbox, store.pendingOutbox(100).size());
            assertEquals(0, new OutboxRelay(store, publisher, clock, 20).runOnce());
        } finally {
            killer.join();
            redis.restart();
        }

        // when Redis is back (empty: it kept nothing), the relay pushes the outbox and reconcile the lost jobs
        assertEquals(leftInOutbox, new OutboxRelay(store, publisher, clock, 20).runOnce());
        assertEquals(List.of(), store.pendingOutbox(100));
        long lost = 60 - leftInOutbox;
        List<String> violations = new Audit(store).run(QueueLiveness.of(queue)).violations();
        assertEquals(lost, violations.size(), "the jobs pushed before the crash died with Redis: " + violations);
        assertEquals(lost, new Reconcile(store, queue, clock).run(true).size());
        assertEquals(lost, new Reconcile(store, queue, clock).run(false).size());
        assertEquals(List.of(), new Reconcile(store, queue, clock).run(true));

        // then every reward is paid once
        assertEquals(60, queue.status().counts().waiting());
        drainWithTwoWorkers(queue.jobs(JobState.WAITING, 0, -1));
        assertTrue(store.purchases().stream().allMatch(Purchase::isCompleted));
        assertEquals(List.of(), new Audit(store).run(QueueLiveness.of(queue)).violations());
    }

    @Test
    void checkoutsHandedToThePusherAnswerFirstAndEachJobReachesTheQueueOnce() throws Exception {
        TestMall mall = TestMall.build(store, 20, 40, 9);
        List<CheckoutAnswer> answers;
        try (OutboxPusher pusher = new OutboxPusher(store, publisher, breaker, clock, 100)) {
            CheckoutService checkout = new CheckoutService(store, publisher, breaker, RewardSettings.defaults(),
                    CheckoutOptions.defaults(), clock, pusher);

            answers = runConcurrently(8, mall.buyers, id -> checkout.checkout(id, null));

            assertTrue(answers.stream().noneMatch(CheckoutAnswer::queued), "pushed after the answer");
            assertTrue(pusher.close(Duration.ofSeconds(30)));
        }
        assertEquals(List.of(), store.pendingOutbox(100));
        assertEquals(40, queue.status().counts().waiting());
        for (CheckoutAnswer a : answers) {
            assertEquals(a.customerId(), RewardJob.fromJson(queue.job(a.transactionId()).orElseThrow().data()
                    .orElseThrow()).customerId());
        }
        assertEquals(0, new OutboxRelay(store, publisher, clock, 50).runOnce());
    }

    @Test
    void rowsThePusherCannotPushWaitInTheOutboxForTheRelay(RedisServer redis) throws Exception {
        TestMall mall = TestMall.build(store, 10, 12, 10);
        List<CheckoutAnswer> answers;
        redis.kill();
        try (OutboxPusher pusher = new OutboxPusher(store, publisher, breaker, clock, 100)) {
            CheckoutService checkout = new CheckoutService(store, publisher, breaker, RewardSettings.defaults(),
                    CheckoutOptions.defaults(), clock, pusher);

            answers = runConcurrently(4, mall.buyers, id -> checkout.checkout(id, null));

            assertTrue(pusher.close(Duration.ofSeconds(30)));
        } finally {
            redis.restart();
        }
        assertEquals(12, answers.size(), "every checkout succeeded without Redis");
        assertEquals(12, store.pendingOutbox(100).size());
        assertTrue(store.pendingOutbox(100).stream().anyMatch(e -> e.attempts() > 0 && e.lastError() != null),
                "the failed push is recorded on its rows");

        assertEquals(12, new OutboxRelay(store, publisher, clock, 5).runOnce());
        assertEquals(12, queue.status().counts().waiting());
        drainWithTwoWorkers(queue.jobs(JobState.WAITING, 0, -1));
        assertEquals(List.of(), new Audit(store).run(QueueLiveness.of(queue)).violations());
    }

    @Test
    void signupBonusesArePaidOnlyWhileThePoolCoversThem() {
        TestMall mall = TestMall.build(store, 10, 5, 8);
        store.openPool(Money.of(50)); // one bonus of 50
        CheckoutService checkout = checkoutService();
        for (long buyer : mall.buyers.subList(0, 3)) {
            CheckoutAnswer a = checkout.checkout(buyer, null);
            assertTrue(processor().process(RewardJob.of(a.transactionId(), buyer)).applied());
        }

        List<LedgerEntry> ledger = store.ledger();
        assertEquals(List.of(mall.buyers.get(0)), ledger.stream()
                .filter(e -> e.type() == LedgerType.SIGNUP_GIFTS_REWARD).map(LedgerEntry::customerId).toList());
        BigDecimal income = ledger.stream().filter(e -> e.type() == LedgerType.GIFTS_REWARD)
                .map(LedgerEntry::amount).reduce(Money.ZERO, BigDecimal::add);
        assertTrue(income.signum() > 0);
        assertEquals(income, store.poolBalance(), "50 opening + income - one bonus of 50");
        assertEquals(List.of(), new Audit(store).run(id -> false).violations());
    }

    @Test
    void aRepeatPurchaseSendsTheReferralShareToTheBuyerAndNoSignupBonus() {
        TestMall mall = TestMall.build(store, 10, 5, 6);
        long buyer = mall.buyers.get(2);
        CheckoutService checkout = checkoutService();
        CheckoutAnswer first = checkout.checkout(buyer, null);
        processor().process(RewardJob.of(first.transactionId(), buyer));
        TestMall.fillCart(store, buyer);

        CheckoutAnswer second = checkout.checkout(buyer, null);
        RewardOutcome outcome = processor().process(RewardJob.of(second.transactionId(), buyer));

        assertEquals(second.shares().referral(), outcome.plan().total(LedgerType.DIRECT_REFERRAL_REWARD));
        assertEquals(second.shares().referral().signum() > 0 ? buyer : null, outcome.plan().allocations().stream()
                .filter(a -> a.type() == LedgerType.DIRECT_REFERRAL_REWARD).map(Allocation::customerId)
                .findFirst().orElse(null));
        assertEquals(Money.ZERO, outcome.plan().total(LedgerType.SIGNUP_GIFTS_REWARD));
        assertEquals(List.of(), new Audit(store).run(id -> false).violations());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            # situation          | reason               | message
            unknown customer     | CUSTOMER_NOT_FOUND   | customer not found: 999
            empty cart           | CART_EMPTY           | cart is empty (customer 11)
            inactive product     | PRODUCT_UNAVAILABLE  | product 3 (Old) in the cart is inactive
            missing product      | PRODUCT_UNAVAILABLE  | product 77 in the cart does not exist
            insufficient balance | INSUFFICIENT_BALANCE | insufficient balance: required 37.02, available 37.01
            """)
    void rejectionsChangeNothingAndSayWhy(String situation, CheckoutRejectedException.Reason reason, String message) {
        // given customer 11 (a buyer) in one of the situations
        TestMall.build(store, 10, 5, 8);
        long customer = situation.equals("unknown customer") ? 999 : 11;
        switch (situation) {
            case "empty cart" -> store.inTransaction(tx -> {
                tx.clearCart(11);
                return null;
            });
            case "inactive product" -> store.putCartItem(11, new CartItem(TestMall.OLD, 1, null));
            case "missing product" -> store.putCartItem(11, new CartItem(77, 1, null));
            case "insufficient balance" -> store.inTransaction(tx -> tx.debitIfCovered(11,
                    TestMall.OPENING.subtract(new BigDecimal("37.01"))));
            default -> { }
        }
        List<Customer> customers = store.customers();
        List<CartItem> cart = store.inTransaction(tx -> tx.cartItems(11));

        // when
        CheckoutRejectedException e = assertThrows(CheckoutRejectedException.class,
                () -> checkoutService().checkout(customer, "new address"));

        // then
        assertEquals(reason, e.reason());
        assertEquals(message, e.getMessage());
        assertEquals(customers, store.customers());
        assertEquals(cart, store.inTransaction(tx -> tx.cartItems(11)));
        assertEquals(List.of(), store.purchases());
        assertEquals(0, queue.status().counts().waiting());
    }

    @Test
    void priorityFollowsTheLevelAndOffPeakJobsWaitForTheWindow() {
        // given an off-peak window opening in two hours (UTC) and priority by level
        TestMall mall = TestMall.build(store, 10, 5, 9);
        Instant now = clock.instant();
        Instant windowStart = now.plus(Duration.ofHours(2)).truncatedTo(ChronoUnit.MINUTES);
        LocalTime start = LocalTime.ofInstant(windowStart, ZoneOffset.UTC);
        CheckoutOptions options = CheckoutOptions.defaults().withPriorityByLevel(true)
                .withOffPeak(start, start.plusHours(1), ZoneOffset.UTC);
        long buyer = mall.buyers.get(0);
        Level level = store.customer(buyer).orElseThrow().level();

        // when
        CheckoutAnswer a = checkoutService(options, Clock.fixed(now, ZoneOffset.UTC)).checkout(buyer, null);

        // then the job is delayed until the window opens, with the level's priority
        assertEquals(windowStart.toEpochMilli(), store.outbox(a.transactionId()).orElseThrow().notBefore());
        assertEquals("delayed", QueueLiveness.state(queue, a.transactionId()).orElseThrow());
        JsonNode opts = Json.parseLenient(queue.job(a.transactionId()).orElseThrow().field("opts").orElseThrow())
                .orElseThrow();
        assertEquals(10 - level.ordinal(), opts.get("priority").asInt());
        assertTrue(opts.get("delay").asLong() > Duration.ofMinutes(110).toMillis(), opts.toString());
        assertEquals(List.of(), new Audit(store).run(QueueLiveness.of(queue)).violations());
    }

    @Test
    void auditNamesAPurchaseWhoseJobIsLostAndReconcileRequeuesIt() {
        TestMall mall = TestMall.build(store, 10, 5, 10);
        CheckoutAnswer a = checkoutService().checkout(mall.buyers.get(0), null);
        queue.remove(a.transactionId());

        List<String> violations = new Audit(store).run(QueueLiveness.of(queue)).violations();
        assertEquals(1, violations.size());
        assertTrue(violations.get(0).contains(a.transactionId()), violations.get(0));
        assertEquals(Set.of(a.transactionId()), new Reconcile(store, queue, clock).run(true).stream()
                .map(Reconcile.Item::purchaseId).collect(Collectors.toSet()));
        assertTrue(queue.job(a.transactionId()).isEmpty(), "dry run changes nothing");

        new Reconcile(store, queue, clock).run(false);

        assertEquals("waiting", QueueLiveness.state(queue, a.transactionId()).orElseThrow());
        assertEquals(List.of(), new Audit(store).run(QueueLiveness.of(queue)).violations());
    }

    @Test
    void oneCartCheckedOutTwiceAtOnceIsBoughtOnce() throws Exception {
        TestMall mall = TestMall.build(store, 10, 5, 11);
        long buyer = mall.buyers.get(3);
        CheckoutService checkout = checkoutService();

        List<String> results = runConcurrently(4, List.of(buyer, buyer, buyer, buyer), id -> {
            try {
                return checkout.checkout(id, null).transactionId();
            } catch (CheckoutRejectedException e) {
                return e.reason().name();
            }
        });

        assertEquals(3, results.stream().filter(r -> r.equals("CART_EMPTY")).count(), results.toString());
        assertEquals(1, store.purchases().size());
        assertEquals(TestMall.OPENING.subtract(TestMall.cartTotal(buyer)),
                store.customer(buyer).orElseThrow().points());
    }

    @Test
    void auditNamesEveryBrokenInvariant() {
        // given a clean mall with one completed and one processing purchase
        TestMall mall = TestMall.build(store, 10, 5, 12);
        CheckoutService checkout = checkoutService();
        CheckoutAnswer done = checkout.checkout(mall.buyers.get(0), null);
        processor().process(RewardJob.of(done.transactionId(), done.customerId()));
        CheckoutAnswer open = checkout.checkout(mall.buyers.get(1), null);
        assertEquals(List.of(), new Audit(store).run(QueueLiveness.of(queue)).violations());

        // when balances, the pool and the ledger are changed behind the rules' back
        store.inTransaction(tx -> {
            tx.credit(mall.buyers.get(2), new BigDecimal("0.01"));
            tx.adjustPool(new BigDecimal("-1.00"));
            tx.appendLedger(List.of(
                    LedgerEntry.of(Account.COMPANY, null, new BigDecimal("0.02"), LedgerType.APP_REWARD, "x",
                            done.transactionId(), 0),
                    LedgerEntry.of(Account.COMPANY, null, new BigDecimal("0.03"), LedgerType.APP_REWARD, "y",
                            open.transactionId(), 0)));
            return null;
        });
        queue.remove(open.transactionId());

        // then each is named
        List<String> violations = new Audit(store).run(QueueLiveness.of(queue)).violations();
        assertEquals(5, violations.size(), violations.toString());
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("customer " + mall.buyers.get(2) + ": balance")));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("gifts pool: balance")));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("purchase " + done.transactionId()
                + ": rewards allocated")));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("purchase " + open.transactionId()
                + ": 1 reward row(s)")));
        assertTrue(violations.stream().anyMatch(v -> v.startsWith("purchase " + open.transactionId()
                + ": rewards processing with no pending outbox row")));
    }

    @Test
    void aWorkerKilledMidJobLeavesNothingAndTheRetryPaysOnce() throws Exception {
        // given a job whose processing holds its purchase and customer locks and waits for the pool row
        TestMall mall = TestMall.build(store, 10, 5, 13);
        CheckoutAnswer answer = checkoutService().checkout(mall.buyers.get(0), null);
        List<Customer> before = store.customers();
        ExecutorService worker = Executors.newSingleThreadExecutor();
        Future<RewardOutcome> killed;
        try (Connection blocker = DriverManager.getConnection(url);
                Connection admin = DriverManager.getConnection(url)) {
            blocker.setAutoCommit(false);
            try (Statement st = blocker.createStatement()) {
                st.executeQuery("SELECT balance FROM gifts_pool WHERE id = 1 FOR UPDATE").close();
            }
            killed = worker.submit(() -> processor().process(RewardJob.of(answer.transactionId(),
                    answer.customerId())));

            // when the worker's session dies mid-job
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(8);
            int kills = 0;
            while (kills == 0 && System.nanoTime() < deadline) {
                Thread.sleep(20);
                kills = killSessionsWaitingForALock(admin);
            }
            assertEquals(1, kills, "the worker was waiting for the pool row");
            Future<RewardOutcome> dead = killed;
            assertThrows(java.util.concurrent.ExecutionException.class, () -> dead.get(30, TimeUnit.SECONDS));
            blocker.rollback();
        } finally {
            worker.shutdownNow();
        }

        // then nothing of the job is left, and the retry pays every reward once
        assertEquals(before, store.customers());
        assertFalse(store.purchase(answer.transactionId()).orElseThrow().isCompleted());
        RewardOutcome retry = processor().process(RewardJob.of(answer.transactionId(), answer.customerId()));
        assertTrue(retry.applied());
        assertEquals(retry.plan().allocations().size() + 1, store.ledgerOf(answer.transactionId()).size());
        assertEquals(List.of(), new Audit(store).run(id -> false).violations());
    }

    @Test
    void refusedCheckoutsWhileRewardJobsRunLoseNoWalletChange() throws Exception {
        // given 400 purchases waiting for their rewards under 6 shared ancestors, whose own carts cost more than any
        // wallet holds
        TestMall mall = TestMall.build(store, 6, 400, 14);
        CheckoutService checkout = checkoutService();
        List<CheckoutAnswer> answers = runConcurrently(8, mall.buyers, id -> checkout.checkout(id, null));
        List<Long> ancestors = java.util.stream.LongStream.rangeClosed(1, 6).boxed().toList();
        for (long id : ancestors) {
            store.putCartItem(id, new CartItem(TestMall.TEA, 1000, null));
        }

        // when 4 workers apply the rewards while 4 customers keep checking those carts out, each time refused
        ConcurrentLinkedQueue<CheckoutAnswer> todo = new ConcurrentLinkedQueue<>(answers);
        java.util.concurrent.atomic.AtomicBoolean rewarded = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicInteger refusals = new AtomicInteger();
        RewardProcessor processor = processor();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> workers = new ArrayList<>();
            for (int w = 0; w < 8; w++) {
                workers.add(pool.submit(() -> {
                    CheckoutAnswer a;
                    while ((a = todo.poll()) != null) {
                        processor.process(RewardJob.of(a.transactionId(), a.customerId()));
                    }
                    return null;
                }));
            }
            List<Future<?>> buyers = new ArrayList<>();
            for (int b = 0; b < 8; b++) {
                int first = b;
                buyers.add(pool.submit(() -> {
                    for (int i = first; !rewarded.get() || i < first + 8; i++) {
                        long ancestor = ancestors.get(i % ancestors.size());
                        CheckoutRejectedException e = assertThrows(CheckoutRejectedException.class,
                                () -> checkout.checkout(ancestor, null));
                        assertEquals(CheckoutRejectedException.Reason.INSUFFICIENT_BALANCE, e.reason());
                        refusals.incrementAndGet();
                    }
                    return null;
                }));
            }
            for (Future<?> f : workers) {
                f.get(120, TimeUnit.SECONDS);
            }
            rewarded.set(true);
            for (Future<?> f : buyers) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        // then every reward and every debit is both in the wallets and in the ledger, and the refused carts are kept
        assertTrue(refusals.get() >= 32, "refusals: " + refusals.get());
        assertTrue(store.purchases().stream().allMatch(Purchase::isCompleted));
        assertEquals(List.of(), new Audit(store).run(id -> false).violations());
        assertTrue(store.ledger().stream().anyMatch(e -> e.customerId() != null && e.customerId() <= 6
                && e.amount().signum() > 0), "the ancestors were rewarded");
        assertEquals(400, store.purchases().size());
        for (long id : ancestors) {
            List<CartItem> cart = store.inTransaction(tx -> tx.cartItems(id));
            assertEquals(1, cart.size());
            assertEquals(1000, cart.get(0).quantity());
        }
    }

    // --- helpers

    private void drainWithTwoWorkers(List<JobSnapshot> jobs) throws Exception {
        ConcurrentLinkedQueue<JobSnapshot> todo = new ConcurrentLinkedQueue<>(jobs);
        RewardProcessor processor = processor();
        runConcurrently(2, List.of(1L, 2L), worker -> {
            JobSnapshot job;
            while ((job = todo.poll()) != null) {
                processor.process(RewardJob.fromJson(job.data().orElseThrow()));
            }
            return worker;
        });
    }

    interface Work<T> {
        T run(long id) throws Exception;
    }

    private static <T> List<T> runConcurrently(int threads, List<Long> ids, Work<T> work) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Long id : ids) {
                futures.add(pool.submit(() -> work.run(id)));
            }
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
