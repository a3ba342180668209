package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.Account;
import dev.bullpen.checkout.CartItem;
import dev.bullpen.checkout.Customer;
import dev.bullpen.checkout.LedgerEntry;
import dev.bullpen.checkout.LedgerType;
import dev.bullpen.checkout.Level;
import dev.bullpen.checkout.Money;
import dev.bullpen.checkout.OutboxEntry;
import dev.bullpen.checkout.Product;
import dev.bullpen.checkout.Purchase;
import dev.bullpen.checkout.Shares;
import java.math.BigDecimal;
import java.sql.ResultSet;
import java.sql.SQLException;

/** Column lists and row mappers: the only place that knows column names. */
final class Rows {
    static final String CUSTOMER_COLUMNS =
            "id, username, email, points, opening_points, level, referral_status, verified, parent_id, address";
    static final String PRODUCT_COLUMNS = "id, name, price, reward_points, active";
    static final String PURCHASE_COLUMNS = "id, customer_id, total, reward_points, tree_share, gifts_share, "
            + "app_share, referral_share, address, rewards_status, distribution, created_at, completed_at";
    static final String OUTBOX_COLUMNS =
            "purchase_id, queue, payload, priority, not_before, status, attempts, last_error, created_at";
    static final String LEDGER_COLUMNS =
            "id, account, customer_id, amount, type, status, description, related, created_at";

    private Rows() {
    }

    static BigDecimal money(ResultSet rs, String column) throws SQLException {
        return Money.of(rs.getBigDecimal(column));
    }

    static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long v = rs.getLong(column);
        return rs.wasNull() ? null : v;
    }

    static Customer customer(ResultSet rs) throws SQLException {
        return new Customer(rs.getLong("id"), rs.getString("username"), rs.getString("email"),
                money(rs, "points"), money(rs, "opening_points"), Level.parse(rs.getString("level")),
                rs.getString("referral_status"), rs.getBoolean("verified"), nullableLong(rs, "parent_id"),
                rs.getString("address"));
    }

    static Product product(ResultSet rs) throws SQLException {
        return new Product(rs.getLong("id"), rs.getString("name"), money(rs, "price"), money(rs, "reward_points"),
                rs.getBoolean("active"));
    }

    static CartItem cartItem(ResultSet rs) throws SQLException {
        BigDecimal stored = rs.getBigDecimal("stored_price");
        return new CartItem(rs.getLong("product_id"), rs.getInt("quantity"), stored == null ? null : Money.of(stored));
    }

    static Purchase purchase(ResultSet rs) throws SQLException {
        Shares shares = new Shares(money(rs, "reward_points"), money(rs, "tree_share"), money(rs, "gifts_share"),
                money(rs, "app_share"), money(rs, "referral_share"));
        return new Purchase(rs.getString("id"), rs.getLong("customer_id"), money(rs, "total"), shares,
                rs.getString("address"), rs.getString("rewards_status"), rs.getString("distribution"),
                rs.getLong("created_at"), nullableLong(rs, "completed_at"));
    }

    static OutboxEntry outbox(ResultSet rs) throws SQLException {
        return new OutboxEntry(rs.getString("purchase_id"), rs.getString("queue"), rs.getString("payload"),
                rs.getInt("priority"), rs.getLong("not_before"), rs.getString("status"), rs.getInt("attempts"),
                rs.getString("last_error"), rs.getLong("created_at"));
    }

    static LedgerEntry ledger(ResultSet rs) throws SQLException {
        return new LedgerEntry(rs.getLong("id"), Account.parse(rs.getString("account")),
                nullableLong(rs, "customer_id"), money(rs, "amount"), LedgerType.parse(rs.getString("type")),
                rs.getString("status"), rs.getString("description"), rs.getString("related"),
                rs.getLong("created_at"));
    }
}
