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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
        List<Long> list = new ArrayList<>(ids);
        String marks = list.stream().map(i -> "?").collect(Collectors.joining(", "));
        Map<Long, Product> out = new LinkedHashMap<>();
        for (Product p : jdbc.query("SELECT " + Rows.PRODUCT_COLUMNS + " FROM product WHERE id IN (" + marks + ")",
                Rows::product, list.toArray())) {
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
    public Map<Level, Integer> directReferralLevels(long customerId) {
        Map<Level, Integer> out = new EnumMap<>(Level.class);
        jdbc.query("SELECT level, COUNT(*) AS n FROM customer WHERE parent_id = ? GROUP BY level",
                rs -> out.put(Level.parse(rs.getString("level")), rs.getInt("n")), customerId);
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
        return jdbc.queryOne("SELECT COUNT(*) FROM purchase WHERE customer_id = ? AND rewards_status = ? AND id <> ?",
                rs -> rs.getLong(1), customerId, Purchase.COMPLETED, exceptPurchaseId).orElse(0L) > 0;
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
