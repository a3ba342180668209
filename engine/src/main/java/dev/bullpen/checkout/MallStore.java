package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The mall's storage: customers, products, carts, the ledger, purchases with their outbox rows, and
 * the gifts pool. Implementations are thread-safe; every method not taking a transaction runs in a
 * transaction of its own. Failures of the database itself surface as {@link MallStoreException}.
 */
public interface MallStore extends AutoCloseable {

    /**
     * Runs {@code work} in one database transaction: it commits when {@code work} returns and rolls back
     * (then rethrows) when it throws. The transaction object must not be used after {@code work} returns.
     *
     * <p>Expected outcomes, such as a refused checkout, return (and commit) rather than throw: on H2 (2.3.232 and
     * 2.4.240, embedded file databases) rolling back a transaction that locked or changed a row can, while other
     * transactions change that row, put back an old version of it and so undo a change they committed meanwhile.
     * Reproduced with plain JDBC: one thread doing {@code SELECT ... FOR UPDATE} then {@code ROLLBACK} on a row while
     * others do {@code SELECT ... FOR UPDATE}, {@code UPDATE ... SET n = n + 1}, {@code COMMIT} loses increments
     * under CPU load; with {@code COMMIT} instead of {@code ROLLBACK} none is lost. Rollbacks are thus left to
     * failures (lock timeouts, broken connections). PostgreSQL is not affected.
     *
     * @throws MallStoreException when the database fails, including lock timeouts and deadlocks
     */
    <T> T inTransaction(Function<MallTransaction, T> work);

    /** The customer, or empty when no customer has that id. */
    Optional<Customer> customer(long id);

    /** Every customer ordered by id. */
    List<Customer> customers();

    /** Every product ordered by id. */
    List<Product> products();

    /** The purchase, or empty when none has that id. */
    Optional<Purchase> purchase(String id);

    /** Every purchase ordered by creation time, then id. */
    List<Purchase> purchases();

    /** Every ledger row ordered by id. */
    List<LedgerEntry> ledger();

    /** The ledger rows of one purchase ({@code related = purchaseId}) ordered by id. */
    List<LedgerEntry> ledgerOf(String purchaseId);

    /** The outbox row of a purchase, or empty. */
    Optional<OutboxEntry> outbox(String purchaseId);

    /** Up to {@code limit} pending outbox rows, oldest first. */
    default List<OutboxEntry> pendingOutbox(int limit) {
        return pendingOutbox(limit, Long.MAX_VALUE);
    }

    /** Up to {@code limit} pending outbox rows created before {@code createdBefore} (epoch ms), oldest first. */
    List<OutboxEntry> pendingOutbox(int limit, long createdBefore);

    /** How many outbox rows are pending and since when, in one cheap read (for metrics). */
    OutboxBacklog outboxBacklog();

    /** Marks an outbox row sent; returns false when no pending row had that purchase id. */
    boolean markOutboxSent(String purchaseId, long now);

    /** Marks these outbox rows sent in one statement; returns how many of them were pending. */
    int markOutboxSent(Collection<String> purchaseIds, long now);

    /** Records a failed push on a pending outbox row (attempts + 1, the error kept shortened). */
    void recordOutboxFailure(String purchaseId, String error);

    /** Records a failed push on each of these pending outbox rows, in one statement. */
    void recordOutboxFailure(Collection<String> purchaseIds, String error);

    /** The gifts pool's balance. */
    BigDecimal poolBalance();

    /** The gifts pool's balance before any purchase (set by the seeder). */
    BigDecimal poolOpeningBalance();

    /** Inserts a customer whose points are also its opening balance. @throws MallStoreException on a duplicate id */
    void insertCustomer(Customer customer);

    /** Inserts a product. @throws MallStoreException on a duplicate id */
    void insertProduct(Product product);

    /** Puts one line in a customer's cart (replacing that product's line), creating the cart as needed. */
    void putCartItem(long customerId, CartItem item);

    /** Sets the pool's opening balance and its balance to {@code amount}. */
    void openPool(BigDecimal amount);

    /** Deletes every row of every table and resets the pool to zero (used by {@code seed --reset}). */
    void deleteAll();

    @Override
    void close();
}
