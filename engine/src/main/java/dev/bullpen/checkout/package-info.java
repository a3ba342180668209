/**
 * The points mall of {@code shared/spec/checkout-rules.md}: checkout, reward jobs, audit and reconcile.
 *
 * <h2>Shape</h2>
 * <ul>
 * <li>{@link dev.bullpen.checkout.MallStore} / {@link dev.bullpen.checkout.MallTransaction} are the storage
 * contract; {@code checkout.jdbc} is the only place with SQL (H2 and PostgreSQL, Flyway {@code V1__mall.sql} and later migrations).</li>
 * <li>{@link dev.bullpen.checkout.RewardCalculator} is the rules as a pure function (table-tested);
 * {@link dev.bullpen.checkout.RewardProcessor} loads, locks, calls it and writes the result.</li>
 * <li>{@link dev.bullpen.checkout.CheckoutService} commits the purchase and its outbox row together, then
 * pushes the job (job id = purchase id) through a {@link dev.bullpen.checkout.CircuitBreaker};
 * {@link dev.bullpen.checkout.OutboxRelay} pushes what is left.</li>
 * </ul>
 *
 * <h2>Decisions</h2>
 * <ul>
 * <li>Money: {@code NUMERIC(19,2)} / {@code BigDecimal} scale 2, half-up. The split rounds tree, gifts and
 * referral and gives the remainder to the company's app share. A level-J slice shared by {@code n} is
 * divided half-up, or down when half-up would pay out more than the slice; the rest goes to the company.
 * Tree payments never exceed the tree share (tiny purchases).</li>
 * <li>Locks: checkout locks the buyer row (so one cart is bought once) and deducts with a conditional
 * update. A reward job locks its purchase row first (idempotence: a completed purchase is left alone), then
 * the buyer and upline rows in id order (no deadlocks between jobs), then the pool row; balances change by
 * increments. A job is one transaction: a crash anywhere leaves nothing.</li>
 * <li>Wallet balances: rewards are credited to the same {@code points} balance the customer pays from.
 * Company revenue and pool income are ledger rows of the accounts {@code company} and {@code pool}.</li>
 * <li>First purchase = no other purchase of the buyer with completed rewards, checked under the buyer's
 * row lock.</li>
 * <li>Level upgrades apply to every customer on the chain (active or not); the parent sees a child's
 * upgrade of the same job when counting its direct referrals.</li>
 * </ul>
 */
package dev.bullpen.checkout;
