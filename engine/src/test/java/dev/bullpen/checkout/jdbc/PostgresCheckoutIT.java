package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.CheckoutFlowContract;
import dev.bullpen.testing.PostgresServer;
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
}
