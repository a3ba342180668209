package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.CheckoutFlowContract;
import java.util.UUID;

/** Checkout, rewards, audit and reconcile on embedded H2 with a real Redis. */
class H2CheckoutIT extends CheckoutFlowContract {
    @Override
    protected String newDatabaseUrl() {
        return "jdbc:h2:mem:flow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }
}
