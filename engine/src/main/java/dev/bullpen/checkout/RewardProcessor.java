package dev.bullpen.checkout;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.Json;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the rewards of one purchase in one database transaction keyed by the purchase id: the
 * purchase row is locked first and a purchase whose rewards are completed is left alone, so a job
 * delivered twice changes nothing the second time. Customer rows are then locked in id order (no
 * deadlocks between jobs), the pool row last (and only when the plan pays from it; otherwise its
 * income is its last statement); balances change by atomic increments.
 */
public final class RewardProcessor {
    private static final Logger LOG = LoggerFactory.getLogger(RewardProcessor.class);
    private static final int MAX_DEPTH = 100_000;
    /** More than any pool holds: a plan made with it pays every bonus and gift that the rules allow. */
    private static final BigDecimal UNLIMITED_POOL = BigDecimal.valueOf(Long.MAX_VALUE);

    private final MallStore store;
    private final RewardCalculator calculator;
    private final Clock clock;
    private final RewardListener listener;

    public RewardProcessor(MallStore store, RewardSettings settings, Clock clock) {
        this(store, settings, clock, RewardListener.NONE);
    }

    /** @param listener told after each committed application (e.g. a {@link RewardWebhook}) */
    public RewardProcessor(MallStore store, RewardSettings settings, Clock clock, RewardListener listener) {
        this.store = store;
        this.calculator = new RewardCalculator(settings);
        this.clock = clock;
        this.listener = listener;
    }

    /**
     * Applies the rewards of {@code job.purchaseId()} (the amounts come from the purchase row).
     *
     * @throws UnknownPurchaseException when no purchase has that id
     * @throws MallStoreException       when the database fails (nothing is applied; the job may be retried)
     */
    public RewardOutcome process(RewardJob job) {
        RewardOutcome outcome = store.inTransaction(tx -> apply(tx, job.purchaseId()));
        if (outcome.applied()) {
            LOG.debug("Purchase(id={}) rewards completed: {} allocations, {} upgrades", job.purchaseId(),
                    outcome.plan().allocations().size(), outcome.upgrades().size());
            try {
                listener.rewardsCompleted(outcome.notice());
            } catch (RuntimeException e) {
                LOG.warn("Purchase(id={}) reward listener failed; the rewards stay completed", job.purchaseId(), e);
            }
        } else {
            LOG.debug("Purchase(id={}) rewards already completed: nothing changed", job.purchaseId());
        }
        return outcome;
    }

    private RewardOutcome apply(MallTransaction tx, String purchaseId) {
        Purchase purchase = tx.lockPurchase(purchaseId).orElseThrow(() -> new UnknownPurchaseException(purchaseId));
        if (purchase.isCompleted()) {
            return RewardOutcome.alreadyCompleted(purchaseId);
        }
        // the upline (parent links never change), then every row of it locked in id order: few statements, so the
        // locks that checkouts and other jobs wait for are held briefly
        List<Long> chainIds = tx.upline(purchase.customerId(), MAX_DEPTH);
        Map<Long, Customer> locked = tx.lockCustomers(chainIds);
        Map<Long, Map<Level, Integer>> referrals = tx.directReferralLevels(chainIds);
        List<ChainMember> members = new ArrayList<>();
        for (Long id : chainIds) {
            Customer c = locked.get(id);
            if (c == null) {
                throw new MallStoreException("customer " + id + " not found");
            }
            members.add(new ChainMember(c.id(), c.level(), c.isActive(), referrals.get(id)));
        }
        if (members.isEmpty()) {
            throw new MallStoreException("customer " + purchase.customerId() + " not found");
        }
        boolean first = !tx.hasOtherCompletedPurchase(purchase.customerId(), purchaseId);
        // Every job changes the one pool row, so jobs queue for its lock: it is taken as late as possible. The pool's
        // balance only decides whether a bonus or gift it pays is covered; when the plan made with an unlimited pool
        // pays nothing from it, no balance would change the plan, so the pool is neither read nor locked before its
        // income is added as the last statement (its lock is then held only until the commit).
        RewardPlan plan = calculator.plan(new RewardInput(purchaseId, members.get(0), members.subList(1,
                members.size()), purchase.shares(), first, UNLIMITED_POOL));
        if (paysFromPool(plan)) {
            plan = calculator.plan(new RewardInput(purchaseId, members.get(0), members.subList(1, members.size()),
                    purchase.shares(), first, tx.lockPool()));
        }

        long now = clock.millis();
        Map<Long, BigDecimal> credits = new TreeMap<>();
        List<LedgerEntry> rows = new ArrayList<>();
        for (Allocation a : plan.allocations()) {
            if (a.account() == Account.CUSTOMER) {
                credits.merge(a.customerId(), a.amount(), BigDecimal::add);
            }
            rows.add(LedgerEntry.of(a.account(), a.customerId(), a.amount(), a.type(), a.description(), purchaseId,
                    now));
        }
        tx.credit(credits);
        for (LevelUpgrade u : plan.upgrades()) {
            tx.setLevel(u.customerId(), u.to());
        }
        tx.appendLedger(rows);
        tx.completeRewards(purchaseId, distributionJson(plan, first), now);
        if (plan.poolDelta().signum() != 0) {
            tx.adjustPool(plan.poolDelta());
        }
        return new RewardOutcome(purchaseId, true, plan, RewardNotice.of(purchase, plan));
    }

    private static boolean paysFromPool(RewardPlan plan) {
        return plan.allocations().stream().anyMatch(a -> a.type().isPaidFromPool());
    }

    private static String distributionJson(RewardPlan plan, boolean first) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("firstPurchase", first);
        ArrayNode allocations = o.putArray("allocations");
        for (Allocation a : plan.allocations()) {
            ObjectNode n = allocations.addObject();
            n.put("account", a.account().dbName());
            if (a.customerId() != null) {
                n.put("customerId", a.customerId());
            }
            n.put("type", a.type().dbName());
            n.put("amount", a.amount().toPlainString());
        }
        ArrayNode upgrades = o.putArray("upgrades");
        for (LevelUpgrade u : plan.upgrades()) {
            upgrades.addObject().put("customerId", u.customerId()).put("from", u.from().name())
                    .put("to", u.to().name());
        }
        return Json.write(o);
    }
}
