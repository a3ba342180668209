package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.jdbc.JdbcMallStore;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What every {@link MallStore} must do; extended once per database. */
public abstract class MallStoreContract {
    protected MallStore store;
    private String url;

    /** The JDBC URL of a new, empty database. */
    protected abstract String newDatabaseUrl();

    @BeforeEach
    void openStore() {
        url = newDatabaseUrl();
        store = JdbcMallStore.open(url, null, null, 10);
    }

    @AfterEach
    void closeStore() {
        store.close();
    }

    @Test
    void aNewDatabaseIsMigratedAndEmpty() {
        assertTrue(store.customers().isEmpty());
        assertTrue(store.purchases().isEmpty());
        assertEquals(Money.ZERO, store.poolBalance());
    }

    @Test
    void openingAMigratedDatabaseAgainKeepsItsData() {
        store.insertCustomer(customer(1, null, "10.00"));

        try (MallStore again = JdbcMallStore.open(url, null, null, 2)) {
            assertEquals(1, again.customers().size());
        }
    }

    @Test
    void customerIsReadBackWithExactMoneyAndItsOpeningBalance() {
        store.insertCustomer(customer(1, null, "12.3"));
        store.insertCustomer(new Customer(2, "bob", "bob@example.com", new BigDecimal("0.05"), null, Level.J,
                "inactive", false, 1L, "1 Main St"));

        Customer bob = store.customer(2).orElseThrow();
        assertEquals(new BigDecimal("0.05"), bob.points());
        assertEquals(new BigDecimal("0.05"), bob.openingPoints());
        assertEquals(Level.J, bob.level());
        assertEquals(1L, bob.parentId());
        assertFalse(bob.isActive());
        assertEquals(new BigDecimal("12.30"), store.customer(1).orElseThrow().points());
        assertTrue(store.customer(3).isEmpty());
    }

    @ParameterizedTest(name = "balance {0}, debit {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # balance | debit  | deducted | balance after
            10.00     | 10.00  | true     | 0.00
            10.00     | 10.01  | false    | 10.00
            10.00     | 0.01   | true     | 9.99
            0.00      | 0.01   | false    | 0.00
            """)
    void debitHappensOnlyWhenTheBalanceCoversIt(String balance, String debit, boolean deducted, String after) {
        store.insertCustomer(customer(1, null, balance));

        boolean result = store.inTransaction(tx -> tx.debitIfCovered(1, new BigDecimal(debit)));

        assertEquals(deducted, result);
        assertEquals(new BigDecimal(after), store.customer(1).orElseThrow().points());
    }

    @Test
    void debitOfAMissingCustomerIsRefused() {
        assertFalse(store.<Boolean>inTransaction(tx -> tx.debitIfCovered(42, Money.of(1))));
    }

    @Test
    void concurrentCreditsAreNeverLost() throws Exception {
        store.insertCustomer(customer(1, null, "0"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                futures.add(pool.submit(() -> store.inTransaction(tx -> {
                    tx.credit(1, new BigDecimal("0.01"));
                    return null;
                })));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(new BigDecimal("4.00"), store.customer(1).orElseThrow().points());
    }

    @Test
    void concurrentDebitsNeverOverdraw() throws Exception {
        store.insertCustomer(customer(1, null, "10.00"));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        int succeeded = 0;
        try {
            List<Future<Boolean>> futures = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                futures.add(pool.submit(() -> store.inTransaction(tx -> tx.debitIfCovered(1, Money.of(1)))));
            }
            for (Future<Boolean> f : futures) {
                succeeded += f.get(60, TimeUnit.SECONDS) ? 1 : 0;
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(10, succeeded);
        assertEquals(Money.ZERO, store.customer(1).orElseThrow().points());
    }

    @Test
    void aTransactionThatThrowsChangesNothing() {
        store.insertCustomer(customer(1, null, "10.00"));

        assertThrows(IllegalStateException.class, () -> store.inTransaction(tx -> {
            tx.credit(1, Money.of(5));
            tx.setLevel(1, Level.C);
            throw new IllegalStateException("boom");
        }));

        Customer c = store.customer(1).orElseThrow();
        assertEquals(new BigDecimal("10.00"), c.points());
        assertEquals(Level.A, c.level());
    }

    @Test
    void cartLinesAreReplacedPerProductAndClearedTogether() {
        store.insertCustomer(customer(1, null, "10.00"));
        store.insertProduct(new Product(7, "Tea", Money.of(3), Money.of(1), true));

        store.putCartItem(1, new CartItem(7, 1, Money.of(3)));
        store.putCartItem(1, new CartItem(7, 4, null));
        store.putCartItem(1, new CartItem(9, 2, Money.of(1)));

        assertEquals(List.of(new CartItem(7, 4, null), new CartItem(9, 2, Money.of(1))),
                store.inTransaction(tx -> tx.cartItems(1)));
        assertEquals(Set.of(7L), store.inTransaction(tx -> tx.products(List.of(7L, 9L))).keySet());
        store.inTransaction(tx -> {
            tx.clearCart(1);
            return null;
        });
        assertTrue(store.inTransaction(tx -> tx.cartItems(1)).isEmpty());
    }

    @Test
    void directReferralsAreCountedByLevel() {
        store.insertCustomer(customer(1, null, "0"));
        store.insertCustomer(withLevel(customer(2, 1L, "0"), Level.B));
        store.insertCustomer(withLevel(customer(3, 1L, "0"), Level.B));
        store.insertCustomer(customer(4, 1L, "0"));
        store.insertCustomer(withLevel(customer(5, 2L, "0"), Level.C));

        assertEquals(Map.of(1L, Map.of(Level.A, 1, Level.B, 2), 2L, Map.of(Level.C, 1), 4L, Map.of()),
                store.inTransaction(tx -> tx.directReferralLevels(List.of(1L, 2L, 4L))));
        assertEquals(Map.of(), store.inTransaction(tx -> tx.directReferralLevels(List.of())));
    }

    @Test
    void theUplineRunsFromTheCustomerToTheRootInOneRead() {
        store.insertCustomer(customer(1, null, "0"));
        store.insertCustomer(customer(2, 1L, "0"));
        store.insertCustomer(customer(3, 2L, "0"));
        store.insertCustomer(customer(4, 1L, "0"));

        assertEquals(List.of(3L, 2L, 1L), store.inTransaction(tx -> tx.upline(3, 100)));
        assertEquals(List.of(3L, 2L), store.inTransaction(tx -> tx.upline(3, 2)));
        assertEquals(List.of(1L), store.inTransaction(tx -> tx.upline(1, 100)));
        assertEquals(List.of(), store.inTransaction(tx -> tx.upline(99, 100)));
    }

    @Test
    void customersAreLockedTogetherAndMissingOnesAreLeftOut() {
        store.insertCustomer(customer(1, null, "1.50"));
        store.insertCustomer(customer(2, 1L, "0"));

        Map<Long, Customer> locked = store.inTransaction(tx -> tx.lockCustomers(List.of(2L, 99L, 1L)));

        assertEquals(List.of(1L, 2L), List.copyOf(locked.keySet()));
        assertEquals(new BigDecimal("1.50"), locked.get(1L).points());
        assertTrue(store.inTransaction(tx -> tx.lockCustomers(List.of())).isEmpty());
    }

    @Test
    void creditsOfSeveralCustomersApplyTogetherOrNotAtAll() {
        store.insertCustomer(customer(1, null, "1.00"));
        store.insertCustomer(customer(2, 1L, "0"));

        store.inTransaction(tx -> {
            tx.credit(Map.of(1L, new BigDecimal("0.25"), 2L, new BigDecimal("3")));
            return null;
        });
        MallStoreException e = assertThrows(MallStoreException.class, () -> store.inTransaction(tx -> {
            tx.credit(new java.util.TreeMap<>(Map.of(1L, Money.of(5), 42L, Money.of(5))));
            return null;
        }));

        assertTrue(e.getMessage().contains("customer 42 not found"), e.getMessage());
        assertEquals(new BigDecimal("1.25"), store.customer(1).orElseThrow().points());
        assertEquals(new BigDecimal("3.00"), store.customer(2).orElseThrow().points());
    }

    @Test
    void outboxRowIsPendingUntilMarkedSentOnce() {
        store.insertCustomer(customer(1, null, "0"));
        assertEquals(new OutboxBacklog(0, java.util.Optional.empty()), store.outboxBacklog());
        store.inTransaction(tx -> {
            tx.insertPurchase(purchase("p-1", 1, 100));
            tx.insertOutbox(outbox("p-1", 100));
            tx.insertPurchase(purchase("p-2", 1, 50));
            tx.insertOutbox(outbox("p-2", 50));
            return null;
        });

        assertEquals(List.of("p-2", "p-1"), store.pendingOutbox(10).stream().map(OutboxEntry::purchaseId).toList());
        assertEquals(new OutboxBacklog(2, java.util.Optional.of(50L)), store.outboxBacklog());
        store.recordOutboxFailure("p-1", "redis down");
        assertEquals(1, store.outbox("p-1").orElseThrow().attempts());
        assertEquals("redis down", store.outbox("p-1").orElseThrow().lastError());
        assertTrue(store.markOutboxSent("p-1", 200));
        assertFalse(store.markOutboxSent("p-1", 201));
        assertEquals(List.of("p-2"), store.pendingOutbox(10).stream().map(OutboxEntry::purchaseId).toList());
        assertEquals(new OutboxBacklog(1, java.util.Optional.of(50L)), store.outboxBacklog());
        assertTrue(store.markOutboxSent("p-2", 202));
        assertEquals(new OutboxBacklog(0, java.util.Optional.empty()), store.outboxBacklog());
    }

    @Test
    void outboxRowsAreMarkedInOneGoAndTheYoungestCanBeLeftOut() {
        store.insertCustomer(customer(1, null, "0"));
        store.inTransaction(tx -> {
            for (int i = 1; i <= 3; i++) {
                tx.insertPurchase(purchase("p-" + i, 1, 100 * i));
                tx.insertOutbox(outbox("p-" + i, 100 * i));
            }
            return null;
        });

        assertEquals(List.of("p-1", "p-2"), store.pendingOutbox(10, 300).stream().map(OutboxEntry::purchaseId)
                .toList());
        store.recordOutboxFailure(List.of("p-1", "p-3"), "redis down");
        assertEquals(List.of(1, 0, 1), store.pendingOutbox(10).stream().map(OutboxEntry::attempts).toList());
        assertEquals(2, store.markOutboxSent(List.of("p-1", "p-2", "nope"), 400));
        assertEquals(0, store.markOutboxSent(List.of("p-1"), 401));
        assertEquals(0, store.markOutboxSent(List.of(), 402));
        assertEquals(List.of("p-3"), store.pendingOutbox(10).stream().map(OutboxEntry::purchaseId).toList());
    }

    @Test
    void aSecondOutboxRowForOnePurchaseIsRefused() {
        store.insertCustomer(customer(1, null, "0"));
        store.inTransaction(tx -> {
            tx.insertPurchase(purchase("p-1", 1, 100));
            tx.insertOutbox(outbox("p-1", 100));
            return null;
        });

        assertThrows(MallStoreException.class, () -> store.inTransaction(tx -> {
            tx.insertOutbox(outbox("p-1", 101));
            return null;
        }));
    }

    @Test
    void completedRewardsAreRecordedOnThePurchase() {
        store.insertCustomer(customer(1, null, "0"));
        store.inTransaction(tx -> {
            tx.insertPurchase(purchase("p-1", 1, 100));
            tx.insertPurchase(purchase("p-2", 1, 100));
            return null;
        });

        assertFalse(store.<Boolean>inTransaction(tx -> tx.hasOtherCompletedPurchase(1, "p-2")));
        store.inTransaction(tx -> {
            assertFalse(tx.lockPurchase("p-1").orElseThrow().isCompleted());
            tx.completeRewards("p-1", "{\"allocations\":[]}", 300);
            return null;
        });

        Purchase p = store.purchase("p-1").orElseThrow();
        assertTrue(p.isCompleted());
        assertEquals("{\"allocations\":[]}", p.distribution());
        assertEquals(300L, p.completedAt());
        assertTrue(store.<Boolean>inTransaction(tx -> tx.hasOtherCompletedPurchase(1, "p-2")));
        assertFalse(store.<Boolean>inTransaction(tx -> tx.hasOtherCompletedPurchase(1, "p-1")));
        assertTrue(store.inTransaction(tx -> tx.lockPurchase("nope")).isEmpty());
        store.inTransaction(tx -> {
            tx.completeRewards("p-2", "{\"allocations\":[]}", 301);
            return null;
        });
        assertTrue(store.<Boolean>inTransaction(tx -> tx.hasOtherCompletedPurchase(1, "p-1")));
        assertFalse(store.<Boolean>inTransaction(tx -> tx.hasOtherCompletedPurchase(2, "p-1")));
    }

    @Test
    void ledgerRowsKeepTheirOrderAccountAndPurchase() {
        store.insertCustomer(customer(1, null, "0"));
        store.inTransaction(tx -> {
            tx.appendLedger(List.of(
                    LedgerEntry.of(Account.CUSTOMER, 1L, new BigDecimal("-3.50"), LedgerType.PURCHASE, "buy", "p-1", 1),
                    LedgerEntry.of(Account.POOL, null, new BigDecimal("0.15"), LedgerType.GIFTS_REWARD, "in", "p-1", 1),
                    LedgerEntry.of(Account.COMPANY, null, new BigDecimal("1"), LedgerType.APP_REWARD, "co", "p-2", 1)));
            return null;
        });

        List<LedgerEntry> rows = store.ledgerOf("p-1");
        assertEquals(List.of(LedgerType.PURCHASE, LedgerType.GIFTS_REWARD), rows.stream().map(LedgerEntry::type).toList());
        assertEquals(new BigDecimal("-3.50"), rows.get(0).amount());
        assertEquals(Account.POOL, rows.get(1).account());
        assertTrue(rows.get(0).id() < rows.get(1).id());
        assertEquals(3, store.ledger().size());
    }

    @Test
    void poolNeverGoesNegative() {
        store.openPool(Money.of(20));

        store.inTransaction(tx -> {
            assertEquals(Money.of(20), tx.lockPool());
            tx.adjustPool(Money.of(-20));
            tx.adjustPool(new BigDecimal("0.50"));
            return null;
        });
        assertThrows(MallStoreException.class, () -> store.inTransaction(tx -> {
            tx.adjustPool(new BigDecimal("-0.51"));
            return null;
        }));

        assertEquals(new BigDecimal("0.50"), store.poolBalance());
        assertEquals(Money.of(20), store.poolOpeningBalance());
    }

    @Test
    void deleteAllEmptiesTheMall() {
        store.insertCustomer(customer(1, null, "1"));
        store.insertCustomer(customer(2, 1L, "1"));
        store.insertProduct(new Product(7, "Tea", Money.of(3), Money.of(1), true));
        store.putCartItem(2, new CartItem(7, 1, null));
        store.openPool(Money.of(5));

        store.deleteAll();

        assertTrue(store.customers().isEmpty());
        assertTrue(store.products().isEmpty());
        assertEquals(Money.ZERO, store.poolBalance());
    }

    // --- builders

    static Customer customer(long id, Long parent, String points) {
        return new Customer(id, "c" + id, "c" + id + "@example.com", new BigDecimal(points), null, Level.A,
                Customer.ACTIVE, true, parent, null);
    }

    static Customer withLevel(Customer c, Level level) {
        return new Customer(c.id(), c.username(), c.email(), c.points(), c.openingPoints(), level, c.referralStatus(),
                c.verified(), c.parentId(), c.address());
    }

    private static Purchase purchase(String id, long customerId, long createdAt) {
        return new Purchase(id, customerId, Money.of(10), RewardSettings.defaults().split(Money.of(2)), null,
                Purchase.PROCESSING, null, createdAt, null);
    }

    private static OutboxEntry outbox(String purchaseId, long createdAt) {
        return new OutboxEntry(purchaseId, RewardJob.QUEUE, "{}", 0, 0, OutboxEntry.PENDING, 0, null, createdAt);
    }
}
