package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.MallStoreContract;
import java.util.UUID;

/** The store contract on embedded H2 (in memory, one database per test). */
class H2MallStoreIT extends MallStoreContract {
    @Override
    protected String newDatabaseUrl() {
        return "jdbc:h2:mem:store-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }
}
