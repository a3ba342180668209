package dev.bullpen.checkout.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.bullpen.checkout.CartItem;
import dev.bullpen.checkout.Customer;
import dev.bullpen.checkout.LedgerEntry;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.MallStoreException;
import dev.bullpen.checkout.MallTransaction;
import dev.bullpen.checkout.Money;
import dev.bullpen.checkout.OutboxBacklog;
import dev.bullpen.checkout.OutboxEntry;
import dev.bullpen.checkout.Product;
import dev.bullpen.checkout.Purchase;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.flywaydb.core.Flyway;

/**
 * {@link MallStore} on a HikariCP pool; the schema is migrated by Flyway when the store opens. Connections are
 * handed out in arrival order (a fair semaphore with one permit per connection in front of the pool): HikariCP lets
 * a thread that just gave its connection back take it again before those already waiting, which under load left a
 * few of them waiting many times longer than the rest (decision 0017).
 */
public final class JdbcMallStore implements MallStore {
    /** H2 settings every embedded URL gets: other processes may connect, lock waits up to 10 s. */
    static final String H2_SETTINGS = ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=10000";

    private final HikariDataSource dataSource;
    /** One permit per connection, handed out in arrival order (the pool itself lets a returning thread barge). */
    private final Semaphore turns;
    private final long waitMillis;

    private JdbcMallStore(HikariDataSource dataSource) {
        this.dataSource = dataSource;
        this.turns = new Semaphore(dataSource.getMaximumPoolSize(), true);
        this.waitMillis = dataSource.getConnectionTimeout();
    }

    /** A connection of the pool, taken in turn: the caller must {@link #release(Connection)} it. */
    private Connection acquire() throws SQLException {
        try {
            if (!turns.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
                throw new SQLException("no connection free within " + waitMillis + " ms");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for a connection", e);
        }
        try {
            return dataSource.getConnection();
        } catch (SQLException | RuntimeException e) {
            turns.release();
            throw e;
        }
    }

    /** How many threads wait for a connection of this store (for tests). */
    int waitingForConnection() {
        return turns.getQueueLength();
    }

    private void release(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // the pool has already dropped it
        } finally {
            turns.release();
        }
    }

    /** The default database: an embedded H2 file {@code ~/.bullpen/mall.mv.db}. */
    public static String defaultUrl() {
        Path file = Path.of(System.getProperty("user.home"), ".bullpen", "mall");
        return "jdbc:h2:file:" + file + H2_SETTINGS;
    }

    /**
     * Opens a pool on {@code url} (H2 or PostgreSQL) and migrates the schema. User and password may be in
     * the URL, or come from {@code BULLPEN_DB_USER} / {@code BULLPEN_DB_PASSWORD}.
     *
     * @throws MallStoreException when the database cannot be reached or migrated
     */
    public static JdbcMallStore open(String url) {
        return open(withDefaults(url), System.getenv("BULLPEN_DB_USER"), System.getenv("BULLPEN_DB_PASSWORD"), 10);
    }

    /**
     * An H2 URL gets the settings it does not give: a lock timeout of 10 s (H2's 1 s default fails busy reward jobs)
     * and a cache of 64 parsed statements per connection (with H2's 8, fewer than the statements of one checkout
     * and one reward job, every statement was parsed again: about 15 % of a simulation's CPU). Other URLs are kept.
     */
    public static String withDefaults(String url) {
        if (!url.startsWith("jdbc:h2:")) {
            return url;
        }
        String upper = url.toUpperCase(java.util.Locale.ROOT);
        String out = url;
        if (!upper.contains("LOCK_TIMEOUT=")) {
            out += ";LOCK_TIMEOUT=10000";
        }
        if (!upper.contains("QUERY_CACHE_SIZE=")) {
            out += ";QUERY_CACHE_SIZE=64";
        }
        return out;
    }

    public static JdbcMallStore open(String url, String user, String password, int poolSize) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        if (user != null && !user.isBlank()) {
            config.setUsername(user);
        }
        if (password != null && !password.isBlank()) {
            config.setPassword(password);
        }
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(Math.min(2, poolSize));
        config.setAutoCommit(true);
        config.setPoolName("bullpen-mall");
        config.setConnectionTimeout(10_000);
        config.setInitializationFailTimeout(10_000);
        HikariDataSource ds;
        try {
            ds = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new MallStoreException("cannot open database " + safe(url) + ": " + e.getMessage(), e);
        }
        try {
            Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
        } catch (RuntimeException e) {
            ds.close();
            throw new MallStoreException("cannot migrate database " + safe(url) + ": " + e.getMessage(), e);
        }
        return new JdbcMallStore(ds);
    }

    /** The URL without a {@code password=} parameter. */
    public static String safe(String url) {
        return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
    }

    @Override
    public <T> T inTransaction(Function<MallTransaction, T> work) {
        Connection c;
        try {
            c = acquire();
        } catch (SQLException e) {
            throw new MallStoreException("cannot get a database connection: " + e.getMessage(), e);
        }
        try {
            c.setAutoCommit(false);
            T result = work.apply(new JdbcMallTransaction(new JdbcRunner(c)));
            c.commit();
            c.setAutoCommit(true);
            return result;
        } catch (RuntimeException | Error e) {
            rollback(c, e);
            throw e;
        } catch (SQLException e) {
            MallStoreException failure = new MallStoreException("database transaction failed: " + e.getMessage(), e);
            rollback(c, failure);
            throw failure;
        } finally {
            release(c);
        }
    }

    private void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
            c.setAutoCommit(true);
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
        evictIfBroken(c);
    }

    /** A connection whose session was killed must not go back to the pool (the pool cannot tell for every driver). */
    private void evictIfBroken(Connection c) {
        boolean valid;
        try {
            valid = !c.isClosed() && c.isValid(2);
        } catch (SQLException e) {
            valid = false;
        }
        if (!valid) {
            dataSource.evictConnection(c);
        }
    }

    private <T> T read(Function<JdbcRunner, T> work) {
        Connection c;
        try {
            c = acquire();
        } catch (SQLException e) {
            throw new MallStoreException("cannot get a database connection: " + e.getMessage(), e);
        }
        try {
            return work.apply(new JdbcRunner(c));
        } catch (RuntimeException e) {
            evictIfBroken(c);
            throw e;
        } finally {
            release(c);
        }
    }

    @Override
    public Optional<Customer> customer(long id) {
        return read(j -> j.queryOne("SELECT " + Rows.CUSTOMER_COLUMNS + " FROM customer WHERE id = ?",
                Rows::customer, id));
    }

    @Override
    public List<Customer> customers() {
        return read(j -> j.query("SELECT " + Rows.CUSTOMER_COLUMNS + " FROM customer ORDER BY id", Rows::customer));
    }

    @Override
    public List<Product> products() {
        return read(j -> j.query("SELECT " + Rows.PRODUCT_COLUMNS + " FROM product ORDER BY id", Rows::product));
    }

    @Override
    public Optional<Purchase> purchase(String id) {
        return read(j -> j.queryOne("SELECT " + Rows.PURCHASE_COLUMNS + " FROM purchase WHERE id = ?",
                Rows::purchase, id));
    }

    @Override
    public List<Purchase> purchases() {
        return read(j -> j.query("SELECT " + Rows.PURCHASE_COLUMNS + " FROM purchase ORDER BY created_at, id",
                Rows::purchase));
    }

    @Override
    public List<LedgerEntry> ledger() {
        return read(j -> j.query("SELECT " + Rows.LEDGER_COLUMNS + " FROM ledger ORDER BY id", Rows::ledger));
    }

    @Override
    public List<LedgerEntry> ledgerOf(String purchaseId) {
        return read(j -> j.query("SELECT " + Rows.LEDGER_COLUMNS + " FROM ledger WHERE related = ? ORDER BY id",
                Rows::ledger, purchaseId));
    }

    @Override
    public Optional<OutboxEntry> outbox(String purchaseId) {
        return read(j -> j.queryOne("SELECT " + Rows.OUTBOX_COLUMNS + " FROM outbox WHERE purchase_id = ?",
                Rows::outbox, purchaseId));
    }

    @Override
    public List<OutboxEntry> pendingOutbox(int limit, long createdBefore) {
        return read(j -> j.query("SELECT " + Rows.OUTBOX_COLUMNS + " FROM outbox WHERE status = ? AND created_at < ?"
                + " ORDER BY created_at, purchase_id FETCH FIRST " + Math.max(1, limit) + " ROWS ONLY",
                Rows::outbox, OutboxEntry.PENDING, createdBefore));
    }

    @Override
    public OutboxBacklog outboxBacklog() {
        return read(j -> j.queryOne("SELECT COUNT(*) AS pending, MIN(created_at) AS oldest FROM outbox WHERE status = ?",
                rs -> {
                    long oldest = rs.getLong("oldest");
                    Optional<Long> since = rs.wasNull() ? Optional.empty() : Optional.of(oldest);
                    return new OutboxBacklog(rs.getLong("pending"), since);
                }, OutboxEntry.PENDING)).orElse(new OutboxBacklog(0, Optional.empty()));
    }

    @Override
    public boolean markOutboxSent(String purchaseId, long now) {
        return read(j -> j.execute("UPDATE outbox SET status = ?, sent_at = ? WHERE purchase_id = ? AND status = ?",
                OutboxEntry.SENT, now, purchaseId, OutboxEntry.PENDING)) == 1;
    }

    @Override
    public int markOutboxSent(Collection<String> purchaseIds, long now) {
        if (purchaseIds.isEmpty()) {
            return 0;
        }
        return read(j -> j.execute("UPDATE outbox SET status = ?, sent_at = ? WHERE purchase_id = ANY(?)"
                + " AND status = ?",
                OutboxEntry.SENT, now, purchaseIds.toArray(new String[0]), OutboxEntry.PENDING));
    }

    @Override
    public void recordOutboxFailure(String purchaseId, String error) {
        recordOutboxFailure(List.of(purchaseId), error);
    }

    @Override
    public void recordOutboxFailure(Collection<String> purchaseIds, String error) {
        if (purchaseIds.isEmpty()) {
            return;
        }
        String e = error == null ? "" : error.substring(0, Math.min(500, error.length()));
        read(j -> j.execute("UPDATE outbox SET attempts = attempts + 1, last_error = ? WHERE purchase_id = ANY(?)"
                + " AND status = ?", e, purchaseIds.toArray(new String[0]), OutboxEntry.PENDING));
    }

    @Override
    public BigDecimal poolBalance() {
        return read(j -> j.queryOne("SELECT balance FROM gifts_pool WHERE id = 1", rs -> Rows.money(rs, "balance")))
                .orElseThrow(() -> new MallStoreException("gifts pool row is missing"));
    }

    @Override
    public BigDecimal poolOpeningBalance() {
        return read(j -> j.queryOne("SELECT opening_balance FROM gifts_pool WHERE id = 1",
                rs -> Rows.money(rs, "opening_balance")))
                .orElseThrow(() -> new MallStoreException("gifts pool row is missing"));
    }

    @Override
    public void insertCustomer(Customer c) {
        read(j -> j.execute("INSERT INTO customer (" + Rows.CUSTOMER_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                c.id(), c.username(), c.email(), Money.of(c.points()), Money.of(c.points()), c.level().name(),
                c.referralStatus(), c.verified(), c.parentId(), c.address()));
    }

    @Override
    public void insertProduct(Product p) {
        read(j -> j.execute("INSERT INTO product (" + Rows.PRODUCT_COLUMNS + ") VALUES (?, ?, ?, ?, ?)",
                p.id(), p.name(), Money.of(p.price()), Money.of(p.rewardPoints()), p.active()));
    }

    @Override
    public void putCartItem(long customerId, CartItem item) {
        inTransaction(tx -> {
            JdbcRunner j = ((JdbcMallTransaction) tx).runner();
            if (j.queryOne("SELECT customer_id FROM cart WHERE customer_id = ?", rs -> rs.getLong(1), customerId)
                    .isEmpty()) {
                j.execute("INSERT INTO cart (customer_id, address) VALUES (?, NULL)", customerId);
            }
            j.execute("DELETE FROM cart_item WHERE customer_id = ? AND product_id = ?", customerId, item.productId());
            j.execute("INSERT INTO cart_item (customer_id, product_id, quantity, stored_price) VALUES (?, ?, ?, ?)",
                    customerId, item.productId(), item.quantity(), item.storedPrice());
            return null;
        });
    }

    @Override
    public void openPool(BigDecimal amount) {
        BigDecimal a = Money.of(amount);
        read(j -> j.execute("UPDATE gifts_pool SET balance = ?, opening_balance = ? WHERE id = 1", a, a));
    }

    @Override
    public void deleteAll() {
        inTransaction(tx -> {
            JdbcRunner j = ((JdbcMallTransaction) tx).runner();
            for (String table : List.of("ledger", "outbox", "purchase", "cart_item", "cart")) {
                j.execute("DELETE FROM " + table);
            }
            j.execute("UPDATE customer SET parent_id = NULL");
            j.execute("DELETE FROM customer");
            j.execute("DELETE FROM product");
            j.execute("UPDATE gifts_pool SET balance = 0, opening_balance = 0 WHERE id = 1");
            return null;
        });
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
