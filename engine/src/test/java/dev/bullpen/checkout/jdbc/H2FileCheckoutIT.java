package dev.bullpen.checkout.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checkout flow on an embedded H2 file database, as {@code bullpen simulate} and the demo run it: H2 keeps
 * its undo log differently there than in memory (a rollback under concurrency lost other transactions' committed
 * changes on file databases only; see {@link dev.bullpen.checkout.MallStore#inTransaction}).
 */
class H2FileCheckoutIT extends H2CheckoutIT {
    @TempDir
    Path dir;

    @Override
    protected String newDatabaseUrl() {
        return "jdbc:h2:file:" + dir.resolve("mall") + ";LOCK_TIMEOUT=10000";
    }
}
