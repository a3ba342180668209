package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.CheckoutFlowContract;
import dev.bullpen.testing.PostgresServer;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** Checkout, rewards, audit and reconcile on a private PostgreSQL server with a real Redis. */
class PostgresCheckoutIT extends CheckoutFlowContract {
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static PostgresServer server;

    @BeforeAll
    static void startServer() {
        server = PostgresServer.start();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    protected String newDatabaseUrl() {
        return server.createDatabase("flow_" + DATABASES.incrementAndGet());
    }

    @Override
    protected int killSessionsWaitingForALock(Connection admin) throws SQLException {
        int killed = 0;
        try (Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery("SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND wait_event_type = 'Lock'")) {
            while (rs.next()) {
                killed += rs.getBoolean(1) ? 1 : 0;
            }
        }
        return killed;
    }
}
