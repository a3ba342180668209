package dev.bullpen.checkout;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Checks every invariant of the rules against the database:
 * <ul>
 * <li>conservation: for each completed purchase the split rows (tree, shared J, referral, gifts income,
 * company revenue) add up to its reward points, and its purchase row debits its total;</li>
 * <li>no partial rewards: a purchase not completed has no reward rows;</li>
 * <li>every wallet = opening balance + its ledger rows, never negative;</li>
 * <li>the pool = opening + gifts income − bonuses and gifts paid, never negative;</li>
 * <li>every purchase has completed rewards, a pending outbox row, or a live job in the queue.</li>
 * </ul>
 * Read it while no checkout or job runs, or expect transient differences.
 */
public final class Audit {
    private final MallStore store;

    public Audit(MallStore store) {
        this.store = store;
    }

    /**
     * @param liveJob true for a job id that is waiting, active, delayed, paused or failed (retryable) in
     *                the queue; the caller computes it from the queue
     */
    public AuditReport run(Predicate<String> liveJob) {
        List<String> violations = new ArrayList<>();
        List<LedgerEntry> ledger = store.ledger();
        Map<String, List<LedgerEntry>> byPurchase = new HashMap<>();
        Map<Long, BigDecimal> byCustomer = new HashMap<>();
        BigDecimal poolIn = Money.ZERO;
        BigDecimal poolOut = Money.ZERO;
        for (LedgerEntry e : ledger) {
            if (e.related() != null) {
                byPurchase.computeIfAbsent(e.related(), k -> new ArrayList<>()).add(e);
            }
            if (e.account() == Account.CUSTOMER) {
                byCustomer.merge(e.customerId(), e.amount(), BigDecimal::add);
            }
            if (e.type() == LedgerType.GIFTS_REWARD) {
                poolIn = poolIn.add(e.amount());
            } else if (e.type().isPaidFromPool()) {
                poolOut = poolOut.add(e.amount());
            }
        }

        List<Purchase> purchases = store.purchases();
        for (Purchase p : purchases) {
            List<LedgerEntry> rows = byPurchase.getOrDefault(p.id(), List.of());
            BigDecimal debited = sum(rows, t -> t == LedgerType.PURCHASE);
            if (debited.compareTo(p.total().negate()) != 0) {
                violations.add("purchase " + p.id() + ": purchase rows debit " + debited.negate().toPlainString()
                        + " but its total is " + p.total().toPlainString());
            }
            if (p.isCompleted()) {
                BigDecimal split = sum(rows, LedgerType::isRewardSplit);
                if (split.compareTo(p.shares().rewardPoints()) != 0) {
                    violations.add("purchase " + p.id() + ": rewards allocated " + split.toPlainString()
                            + " but its reward points are " + p.shares().rewardPoints().toPlainString());
                }
                continue;
            }
            long rewardRows = rows.stream().filter(e -> e.type() != LedgerType.PURCHASE).count();
            if (rewardRows > 0) {
                violations.add("purchase " + p.id() + ": " + rewardRows + " reward row(s) but rewards are "
                        + p.rewardsStatus());
            }
            boolean pending = store.outbox(p.id()).map(OutboxEntry::isPending).orElse(false);
            if (!pending && !liveJob.test(p.id())) {
                violations.add("purchase " + p.id() + ": rewards " + p.rewardsStatus()
                        + " with no pending outbox row and no live job in the queue");
            }
        }

        List<Customer> customers = store.customers();
        for (Customer c : customers) {
            BigDecimal expected = c.openingPoints().add(byCustomer.getOrDefault(c.id(), Money.ZERO));
            if (c.points().compareTo(expected) != 0) {
                violations.add("customer " + c.id() + ": balance " + c.points().toPlainString()
                        + " but opening + ledger = " + expected.toPlainString());
            }
            if (c.points().signum() < 0) {
                violations.add("customer " + c.id() + ": negative balance " + c.points().toPlainString());
            }
        }

        BigDecimal pool = store.poolBalance();
        BigDecimal expectedPool = store.poolOpeningBalance().add(poolIn).subtract(poolOut);
        if (pool.compareTo(expectedPool) != 0) {
            violations.add("gifts pool: balance " + pool.toPlainString() + " but opening + income - paid = "
                    + expectedPool.toPlainString());
        }
        if (pool.signum() < 0) {
            violations.add("gifts pool: negative balance " + pool.toPlainString());
        }
        return new AuditReport(purchases.size(), customers.size(), violations);
    }

    private static BigDecimal sum(List<LedgerEntry> rows, Predicate<LedgerType> type) {
        return rows.stream().filter(e -> type.test(e.type())).map(LedgerEntry::amount)
                .reduce(Money.ZERO, BigDecimal::add);
    }
}
