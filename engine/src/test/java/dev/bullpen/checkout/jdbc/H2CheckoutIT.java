package dev.bullpen.checkout.jdbc;

import dev.bullpen.checkout.CheckoutFlowContract;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checkout, rewards, audit and reconcile on embedded H2 with a real Redis. */
class H2CheckoutIT extends CheckoutFlowContract {
    @Override
    protected String newDatabaseUrl() {
        return "jdbc:h2:mem:flow-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1;LOCK_TIMEOUT=10000";
    }

    @Override
    protected int killSessionsWaitingForALock(Connection admin) throws SQLException {
        List<Integer> waiting = new ArrayList<>();
        try (Statement st = admin.createStatement();
                ResultSet rs = st.executeQuery(
                        "SELECT SESSION_ID FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL")) {
            while (rs.next()) {
                waiting.add(rs.getInt(1));
            }
        }
        for (int id : waiting) {
            try (Statement st = admin.createStatement()) {
                st.execute("CALL ABORT_SESSION(" + id + ")");
            }
        }
        return waiting.size();
    }
}
