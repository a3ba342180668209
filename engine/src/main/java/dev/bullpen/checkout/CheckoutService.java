package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The synchronous checkout: validation, pricing from the product table, the conditional wallet
 * deduction, the split, the purchase row, the cleared cart, the address and the outbox row commit in
 * one transaction; then the reward job is pushed to the queue (through a circuit breaker), before the
 * answer, or after it by an {@link OutboxPusher} when one is given (long-running processes: the answer
 * does not wait for Redis). When the push fails the checkout still succeeds and the {@link OutboxRelay}
 * pushes the job later.
 */
public final class CheckoutService {
    private static final Logger LOG = LoggerFactory.getLogger(CheckoutService.class);
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(CheckoutService::newRandom);

    private final MallStore store;
    private final RewardJobPublisher publisher;
    private final CircuitBreaker breaker;
    private final RewardSettings settings;
    private final CheckoutOptions options;
    private final Clock clock;
    private final OutboxPusher pusher;

    /** A checkout that pushes the reward job before it answers. */
    public CheckoutService(MallStore store, RewardJobPublisher publisher, CircuitBreaker breaker,
            RewardSettings settings, CheckoutOptions options, Clock clock) {
        this(store, publisher, breaker, settings, options, clock, null);
    }

    /**
     * @param pusher when not null, the reward job is handed to it and pushed after the answer ({@code queued} is
     *               then false); the caller closes it
     */
    public CheckoutService(MallStore store, RewardJobPublisher publisher, CircuitBreaker breaker,
            RewardSettings settings, CheckoutOptions options, Clock clock, OutboxPusher pusher) {
        this.store = store;
        this.publisher = publisher;
        this.breaker = breaker;
        this.settings = settings;
        this.options = options;
        this.clock = clock;
        this.pusher = pusher;
    }

    /**
     * Checks out the customer's cart.
     *
     * @param address the delivery address to store, or null to keep the cart's
     * @throws CheckoutRejectedException when refused (unknown customer, empty cart, missing or inactive
     *                                   product, insufficient balance); nothing is changed
     * @throws MallStoreException        when the database fails; nothing is changed
     */
    public CheckoutAnswer checkout(long customerId, String address) {
        OutboxEntry[] recorded = new OutboxEntry[1];
        CheckoutRejectedException[] refused = new CheckoutRejectedException[1];
        // A refusal is found after the customer's row is locked but before anything is written: it is returned, so
        // that the transaction ends with a commit (of nothing), and thrown after it. Rolling back a transaction that
        // holds row locks is left to failures: on H2 (2.3.232 and 2.4.240) such a rollback, under concurrency, can
        // put back an old version of the locked row and so undo a wallet change another transaction committed
        // meanwhile (a reward or a debit lost; MallStore#inTransaction).
        CheckoutAnswer committed = store.inTransaction(tx -> {
            Optional<Customer> found = tx.lockCustomer(customerId);
            if (found.isEmpty()) {
                refused[0] = CheckoutRejectedException.customerNotFound(customerId);
                return null;
            }
            Customer customer = found.get();
            List<CartItem> items = tx.cartItems(customerId);
            if (items.isEmpty()) {
                refused[0] = CheckoutRejectedException.cartEmpty(customerId);
                return null;
            }
            Map<Long, Product> products = tx.products(items.stream().map(CartItem::productId).toList());
            BigDecimal total = Money.ZERO;
            BigDecimal rewardPoints = Money.ZERO;
            for (CartItem item : items) {
                Product p = products.get(item.productId());
                if (p == null || !p.active()) {
                    refused[0] = p == null ? CheckoutRejectedException.productMissing(item.productId())
                            : CheckoutRejectedException.productInactive(p);
                    return null;
                }
                BigDecimal quantity = BigDecimal.valueOf(item.quantity());
                total = total.add(Money.of(p.price().multiply(quantity)));
                rewardPoints = rewardPoints.add(Money.of(p.rewardPoints().multiply(quantity)));
            }
            if (!tx.debitIfCovered(customerId, total)) {
                refused[0] = CheckoutRejectedException.insufficient(total, customer.points());
                return null;
            }
            long now = clock.millis();
            String purchaseId = timeOrderedUuid(now);
            Shares shares = settings.split(rewardPoints);
            String deliverTo = address != null && !address.isBlank() ? address.strip()
                    : tx.cartAddress(customerId).orElse(customer.address());
            tx.insertPurchase(new Purchase(purchaseId, customerId, total, shares, deliverTo, Purchase.PROCESSING,
                    null, now, null));
            tx.appendLedger(List.of(LedgerEntry.of(Account.CUSTOMER, customerId, total.negate(),
                    LedgerType.PURCHASE, "purchase of " + items.size() + " item(s)", purchaseId, now)));
            tx.clearCart(customerId);
            if (address != null && !address.isBlank()) {
                tx.setAddress(customerId, address.strip());
            }
            RewardJob job = new RewardJob(purchaseId, customerId, shares);
            OutboxEntry entry = new OutboxEntry(purchaseId, RewardJob.QUEUE, job.toJson(),
                    options.priorityFor(customer.level()), options.notBefore(clock.instant()), OutboxEntry.PENDING,
                    0, null, now);
            tx.insertOutbox(entry);
            recorded[0] = entry;
            return new CheckoutAnswer(purchaseId, customerId, total, customer.points().subtract(total), shares,
                    Purchase.PROCESSING, false);
        });
        if (refused[0] != null) {
            throw refused[0];
        }
        boolean queued = false;
        if (pusher == null) {
            queued = push(recorded[0]);
        } else if (!pusher.offer(recorded[0])) {
            LOG.debug("Purchase(id={}) reward job left in the outbox: the pusher is full", recorded[0].purchaseId());
        }
        return new CheckoutAnswer(committed.transactionId(), committed.customerId(), committed.total(),
                committed.newBalance(), committed.shares(), committed.rewardsStatus(), queued);
    }

    private boolean push(OutboxEntry entry) {
        if (!breaker.allowRequest()) {
            LOG.debug("Purchase(id={}) reward job left in the outbox: circuit open", entry.purchaseId());
            return false;
        }
        try {
            publisher.publish(entry);
        } catch (RuntimeException e) {
            breaker.recordFailure();
            store.recordOutboxFailure(entry.purchaseId(), String.valueOf(e.getMessage()));
            LOG.warn("Purchase(id={}) reward job left in the outbox, the relay will push it: {}", entry.purchaseId(),
                    e.getMessage());
            return false;
        }
        breaker.recordSuccess();
        store.markOutboxSent(entry.purchaseId(), clock.millis());
        return true;
    }

    /**
     * A time-ordered UUID (version 7, RFC 9562): the epoch milliseconds in the first 48 bits, then 74 random bits from
     * this thread's own generator. Ids of successive purchases sort by time, so the purchase, outbox and ledger
     * indexes grow at their right edge instead of changing pages all over (fewer pages to write, less garbage);
     * {@code UUID.randomUUID()} would also make concurrent checkouts queue for its one shared generator.
     */
    static String timeOrderedUuid(long epochMillis) {
        byte[] b = new byte[16];
        RANDOM.get().nextBytes(b);
        for (int i = 0; i < 6; i++) {
            b[i] = (byte) (epochMillis >>> (40 - 8 * i));
        }
        b[6] = (byte) ((b[6] & 0x0f) | 0x70);
        b[8] = (byte) ((b[8] & 0x3f) | 0x80);
        long msb = 0;
        long lsb = 0;
        for (int i = 0; i < 8; i++) {
            msb = (msb << 8) | (b[i] & 0xff);
            lsb = (lsb << 8) | (b[i + 8] & 0xff);
        }
        return new UUID(msb, lsb).toString();
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG"); // its own state and lock, unlike the default NativePRNG's
        } catch (NoSuchAlgorithmException e) {
            return new SecureRandom();
        }
    }

    /** The reward settings this service splits with. */
    public RewardSettings settings() {
        return settings;
    }
}
