package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.CartItem;
import dev.bullpen.checkout.Customer;
import dev.bullpen.checkout.LedgerEntry;
import dev.bullpen.checkout.Level;
import dev.bullpen.checkout.MallStoreException;
import dev.bullpen.checkout.MallTransaction;
import dev.bullpen.checkout.Money;
import dev.bullpen.checkout.OutboxEntry;
import dev.bullpen.checkout.Product;
import dev.bullpen.checkout.Purchase;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link MallTransaction} on one JDBC connection with auto-commit off. */
final class JdbcMallTransaction implements MallTransaction {
    private final JdbcRunner jdbc;

    JdbcMallTransaction(JdbcRunner jdbc) {
        this.jdbc = jdbc;
    }

    JdbcRunner runner() {
        return jdbc;
    }

    @Override
    public Optional<Customer> customer(long id) {
        return jdbc.queryOne("SELECT " + Rows.CUSTOMER_COLUMNS + " FROM customer WHERE id = ?", Rows::customer, id);
    }

    @Override
    public Optional<Customer> lockCustomer(long id) {
        return jdbc.queryOne("SELECT " + Rows.CUSTOMER_COLUMNS + " FROM customer WHERE id = ? FOR UPDATE",
                Rows::customer, id);
    }

    @Override
    public Map<Long, Customer> lockCustomers(Collection<Long> ids) {
        Map<Long, Customer> out = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        // H2 looks the values of = ANY(?) up in sorted order; PostgreSQL locks in ORDER BY order: ascending ids
        for (Customer c : jdbc.query("SELECT " + Rows.CUSTOMER_COLUMNS + " FROM customer WHERE id = ANY(?)"
                + " ORDER BY id FOR UPDATE", Rows::customer, (Object) bigints(ids))) {
            out.put(c.id(), c);
        }
        return out;
    }

    @Override
    public List<Long> upline(long customerId, int maxLength) {
        List<Long> ids = jdbc.query("WITH RECURSIVE up (id, parent_id, depth) AS ("
                + " SELECT id, parent_id, 1 FROM customer WHERE id = ?"
                + " UNION ALL SELECT c.id, c.parent_id, up.depth + 1 FROM customer c JOIN up ON c.id = up.parent_id"
                + " WHERE up.depth < ?) SELECT id FROM up ORDER BY depth", rs -> rs.getLong(1), customerId,
                Math.max(1, maxLength));
        Set<Long> seen = new HashSet<>();
        List<Long> out = new ArrayList<>(ids.size());
        for (Long id : ids) {
            if (!seen.add(id)) {
                break;
            }
            out.add(id);
        }
        return out;
    }

    @Override
    public List<CartItem> cartItems(long customerId) {
        return jdbc.query("SELECT product_id, quantity, stored_price FROM cart_item WHERE customer_id = ?"
                + " ORDER BY product_id", Rows::cartItem, customerId);
    }

    @Override
    public Optional<String> cartAddress(long customerId) {
        return jdbc.queryOne("SELECT address FROM cart WHERE customer_id = ?", rs -> rs.getString(1), customerId)
                .filter(a -> !a.isBlank());
    }

    @Override
    public Map<Long, Product> products(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        Map<Long, Product> out = new LinkedHashMap<>();
        for (Product p : jdbc.query("SELECT " + Rows.PRODUCT_COLUMNS + " FROM product WHERE id = ANY(?)",
                Rows::product, (Object) bigints(ids))) {
            out.put(p.id(), p);
        }
        return out;
    }

    @Override
    public boolean debitIfCovered(long customerId, BigDecimal amount) {
        BigDecimal a = Money.of(amount);
        return jdbc.execute("UPDATE customer SET points = points - ? WHERE id = ? AND points >= ?", a, customerId, a)
                == 1;
    }

    @Override
    public void credit(long customerId, BigDecimal amount) {
        if (jdbc.execute("UPDATE customer SET points = points + ? WHERE id = ?", Money.of(amount), customerId) != 1) {
            throw new MallStoreException("customer " + customerId + " not found");
        }
    }

    @Override
    public void credit(Map<Long, BigDecimal> amounts) {
        List<Object[]> rows = new ArrayList<>(amounts.size());
        List<Long> ids = new ArrayList<>(amounts.size());
        amounts.forEach((id, amount) -> {
            rows.add(new Object[] {Money.of(amount), id});
            ids.add(id);
        });
        int[] changed = jdbc.batch("UPDATE customer SET points = points + ? WHERE id = ?", rows);
        for (int i = 0; i < changed.length; i++) {
            if (changed[i] == 0) {
                throw new MallStoreException("customer " + ids.get(i) + " not found");
            }
        }
    }

    @Override
    public void setLevel(long customerId, Level level) {
        jdbc.execute("UPDATE customer SET level = ? WHERE id = ?", level.name(), customerId);
    }

    @Override
    public void setAddress(long customerId, String address) {
        jdbc.execute("UPDATE customer SET address = ? WHERE id = ?", address, customerId);
    }

    @Override
    public void clearCart(long customerId) {
        jdbc.execute("DELETE FROM cart_item WHERE customer_id = ?", customerId);
    }

    @Override
    public Map<Long, Map<Level, Integer>> directReferralLevels(Collection<Long> customerIds) {
        Map<Long, Map<Level, Integer>> out = new LinkedHashMap<>();
        for (Long id : customerIds) {
            out.put(id, new EnumMap<>(Level.class));
        }
        if (customerIds.isEmpty()) {
            return out;
        }
        jdbc.query("SELECT parent_id, level, COUNT(*) AS n FROM customer WHERE parent_id = ANY(?)"
                + " GROUP BY parent_id, level", rs -> out.get(rs.getLong("parent_id"))
                        .put(Level.parse(rs.getString("level")), rs.getInt("n")), (Object) bigints(customerIds));
        return out;
    }

    @Override
    public void insertPurchase(Purchase p) {
        jdbc.execute("INSERT INTO purchase (" + Rows.PURCHASE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                p.id(), p.customerId(), p.total(), p.shares().rewardPoints(), p.shares().tree(), p.shares().gifts(),
                p.shares().app(), p.shares().referral(), p.address(), p.rewardsStatus(), p.distribution(),
                p.createdAt(), p.completedAt());
    }

    @Override
    public Optional<Purchase> lockPurchase(String id) {
        return jdbc.queryOne("SELECT " + Rows.PURCHASE_COLUMNS + " FROM purchase WHERE id = ? FOR UPDATE",
                Rows::purchase, id);
    }

    @Override
    public boolean hasOtherCompletedPurchase(long customerId, String exceptPurchaseId) {
        // counted on the (customer_id, rewards_status) index alone; with "AND id <> ?" H2 picks the foreign key's
        // index instead and reads every purchase row of the customer, distribution text included
        long completed = jdbc.queryOne("SELECT COUNT(*) FROM purchase WHERE customer_id = ? AND rewards_status = ?",
                rs -> rs.getLong(1), customerId, Purchase.COMPLETED).orElse(0L);
        if (completed != 1) {
            return completed > 1;
        }
        return jdbc.queryOne("SELECT COUNT(*) FROM purchase WHERE id = ? AND customer_id = ? AND rewards_status = ?",
                rs -> rs.getLong(1), exceptPurchaseId, customerId, Purchase.COMPLETED).orElse(0L) == 0;
    }

    @Override
    public void completeRewards(String purchaseId, String distributionJson, long now) {
        jdbc.execute("UPDATE purchase SET rewards_status = ?, distribution = ?, completed_at = ? WHERE id = ?",
                Purchase.COMPLETED, distributionJson, now, purchaseId);
    }

    @Override
    public void insertOutbox(OutboxEntry e) {
        jdbc.execute("INSERT INTO outbox (" + Rows.OUTBOX_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                e.purchaseId(), e.queue(), e.payload(), e.priority(), e.notBefore(), e.status(), e.attempts(),
                e.lastError(), e.createdAt());
    }

    @Override
    public void appendLedger(List<LedgerEntry> entries) {
        List<Object[]> rows = new ArrayList<>();
        for (LedgerEntry e : entries) {
            rows.add(new Object[] {e.account().dbName(), e.customerId(), Money.of(e.amount()), e.type().dbName(),
                e.status(), e.description(), e.related(), e.createdAt()});
        }
        jdbc.batch("INSERT INTO ledger (account, customer_id, amount, type, status, description, related, created_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)", rows);
    }

    private static Long[] bigints(Collection<Long> ids) {
        return ids.toArray(new Long[0]);
    }

    @Override
    public BigDecimal lockPool() {
        return jdbc.queryOne("SELECT balance FROM gifts_pool WHERE id = 1 FOR UPDATE", rs -> Rows.money(rs, "balance"))
                .orElseThrow(() -> new MallStoreException("gifts pool row is missing"));
    }

    @Override
    public void adjustPool(BigDecimal delta) {
        BigDecimal d = Money.of(delta);
        if (jdbc.execute("UPDATE gifts_pool SET balance = balance + ? WHERE id = 1 AND balance + ? >= 0", d, d) != 1) {
            throw new MallStoreException("gifts pool cannot pay " + d.negate() + ": balance too low");
        }
    }
}
