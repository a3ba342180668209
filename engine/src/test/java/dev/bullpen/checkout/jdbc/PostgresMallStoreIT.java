package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.MallStoreContract;
import dev.bullpen.testing.PostgresServer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The store contract on a private PostgreSQL server (one database per test). */
class PostgresMallStoreIT extends MallStoreContract {
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
        return server.createDatabase("store_" + DATABASES.incrementAndGet());
    }
}
