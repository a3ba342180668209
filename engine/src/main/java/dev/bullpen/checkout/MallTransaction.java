package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operations of one open transaction (see {@link MallStore#inTransaction}). Locks taken here are
 * held until the transaction ends. Database failures surface as {@link MallStoreException}.
 */
public interface MallTransaction {

    /** The customer as this transaction sees it, without locking. */
    Optional<Customer> customer(long id);

    /** Locks the customer's row ({@code SELECT ... FOR UPDATE}) and returns it; empty when absent. */
    Optional<Customer> lockCustomer(long id);

    /**
     * Locks the rows of these customers ({@code SELECT ... FOR UPDATE}) in ascending id order, in one statement,
     * and returns those that exist by id.
     */
    Map<Long, Customer> lockCustomers(Collection<Long> ids);

    /**
     * The customer followed by their referral upline, nearest first, up to a tree root, read in one statement
     * without locking (parent links never change). At most {@code maxLength} ids; it also ends before an id seen
     * already. Empty when the customer does not exist.
     */
    List<Long> upline(long customerId, int maxLength);

    /** The lines of a customer's cart ordered by product id; empty when there is no cart. */
    List<CartItem> cartItems(long customerId);

    /** The delivery address saved on the cart, if any. */
    Optional<String> cartAddress(long customerId);

    /** The products with these ids that exist (missing ids are absent from the map). */
    Map<Long, Product> products(Collection<Long> ids);

    /**
     * Deducts {@code amount} in one conditional statement
     * ({@code UPDATE ... SET points = points - ? WHERE id = ? AND points >= ?}).
     *
     * @return true when deducted; false (nothing changed) when the customer is missing or has less
     */
    boolean debitIfCovered(long customerId, BigDecimal amount);

    /** Adds {@code amount} to the wallet with an atomic increment. @throws MallStoreException when absent */
    void credit(long customerId, BigDecimal amount);

    /**
     * Adds each amount to its customer's wallet with atomic increments, in one batch.
     *
     * @throws MallStoreException when a customer is absent
     */
    void credit(Map<Long, BigDecimal> amounts);

    /** Changes a customer's level. */
    void setLevel(long customerId, Level level);

    /** Stores the customer's delivery address. */
    void setAddress(long customerId, String address);

    /** Removes every line of the customer's cart. */
    void clearCart(long customerId);

    /**
     * The direct referrals of each of these customers counted by level, in one statement (levels with none are
     * absent; a customer without referrals maps to an empty map).
     */
    Map<Long, Map<Level, Integer>> directReferralLevels(Collection<Long> customerIds);

    /** Inserts a purchase. @throws MallStoreException on a duplicate id */
    void insertPurchase(Purchase purchase);

    /** Locks the purchase row and returns it; empty when absent. */
    Optional<Purchase> lockPurchase(String id);

    /** True when the customer has a purchase with completed rewards other than {@code exceptPurchaseId}. */
    boolean hasOtherCompletedPurchase(long customerId, String exceptPurchaseId);

    /** Marks the purchase's rewards completed and records the distribution (JSON). */
    void completeRewards(String purchaseId, String distributionJson, long now);

    /** Inserts the outbox row. @throws MallStoreException on a duplicate purchase id */
    void insertOutbox(OutboxEntry entry);

    /** Appends ledger rows (their ids are assigned by the database). */
    void appendLedger(List<LedgerEntry> entries);

    /** Locks the gifts pool row and returns its balance. */
    BigDecimal lockPool();

    /**
     * Adds {@code delta} (may be negative) to the pool balance.
     *
     * @throws MallStoreException when the balance would become negative (nothing changes)
     */
    void adjustPool(BigDecimal delta);
}
