package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.MallStoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The small JDBC vocabulary the store speaks on one connection: execute, query with a row mapper. */
final class JdbcRunner {

    /** Maps the current row of a result set. */
    @FunctionalInterface
    interface RowMapper<T> {
        T map(ResultSet rs) throws SQLException;
    }

    private final Connection connection;

    JdbcRunner(Connection connection) {
        this.connection = connection;
    }

    /** Runs an INSERT/UPDATE/DELETE; returns the number of rows changed. */
    int execute(String sql, Object... params) {
        try (PreparedStatement ps = prepare(sql, params)) {
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /**
     * Runs one statement once per parameter row in a JDBC batch; returns the rows changed by each run
     * ({@link java.sql.Statement#SUCCESS_NO_INFO} where the driver does not tell).
     */
    int[] batch(String sql, List<Object[]> rows) {
        if (rows.isEmpty()) {
            return new int[0];
        }
        try (PreparedStatement ps = connection.prepareStatement(sql)) {
            for (Object[] row : rows) {
                bind(ps, row);
                ps.addBatch();
            }
            return ps.executeBatch();
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    <T> List<T> query(String sql, RowMapper<T> mapper, Object... params) {
        try (PreparedStatement ps = prepare(sql, params); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) {
                out.add(mapper.map(rs));
            }
            return out;
        } catch (SQLException e) {
            throw failure(sql, e);
        }
    }

    /** The first row, or empty (also when the mapper maps it to null). */
    <T> Optional<T> queryOne(String sql, RowMapper<T> mapper, Object... params) {
        List<T> rows = query(sql, mapper, params);
        return rows.isEmpty() ? Optional.empty() : Optional.ofNullable(rows.get(0));
    }

    private PreparedStatement prepare(String sql, Object[] params) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            bind(ps, params);
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
        return ps;
    }

    /**
     * Binds parameters; a {@code Long[]} or {@code String[]} becomes an SQL {@code BIGINT} or {@code VARCHAR}
     * array, for {@code col = ANY(?)}: one statement text whatever the number of values (H2 then parses it once
     * per session, not once per length).
     */
    private void bind(PreparedStatement ps, Object[] params) throws SQLException {
        for (int i = 0; i < params.length; i++) {
            if (params[i] instanceof Long[] values) {
                ps.setArray(i + 1, connection.createArrayOf("BIGINT", values));
            } else if (params[i] instanceof String[] values) {
                ps.setArray(i + 1, connection.createArrayOf("VARCHAR", values));
            } else {
                ps.setObject(i + 1, params[i]);
            }
        }
    }

    static MallStoreException failure(String sql, SQLException e) {
        String statement = sql.strip().replaceAll("\\s+", " ");
        return new MallStoreException("database error (SQLState " + e.getSQLState() + ") in "
                + statement.substring(0, Math.min(80, statement.length())) + ": " + e.getMessage(), e);
    }
}
