package dev.bullpen.checkout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.checkout.Audit;
import dev.bullpen.checkout.CartItem;
import dev.bullpen.checkout.Customer;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.Seeder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The demo mall seeder on embedded H2. */
class SeederIT {

    @Test
    void theSameSeedBuildsTheSameMall() {
        assertEquals(snapshot(500, 8, 42), snapshot(500, 8, 42));
        assertNotEquals(snapshot(500, 8, 42), snapshot(500, 8, 43));
    }

    @Test
    void theMallHasASpreadOfLevelsAndStatusesWithinTheDepth() {
        try (MallStore store = open()) {
            Seeder.Result result = new Seeder(store).seed(500, 6, 7);
            List<Customer> customers = store.customers();

            assertEquals(500, customers.size());
            assertTrue(result.maxDepth() <= 6 && result.maxDepth() >= 4, "generations: " + result.maxDepth());
            Map<Long, Customer> byId = new HashMap<>();
            customers.forEach(c -> byId.put(c.id(), c));
            for (Customer c : customers) {
                int generations = 1;
                for (Long p = c.parentId(); p != null; p = byId.get(p).parentId()) {
                    generations++;
                }
                assertTrue(generations <= 6, "customer " + c.id() + " is " + generations + " generations deep");
            }
            assertTrue(customers.stream().map(Customer::level).distinct().count() >= 8, "levels spread");
            assertTrue(customers.stream().filter(c -> !"active".equals(c.referralStatus())).count() >= 10);
            assertTrue(customers.stream().filter(c -> !c.verified()).count() >= 10);
            assertTrue(store.products().stream().filter(p -> !p.active()).count() >= 1);
            assertTrue(result.carts() > 350, "carts: " + result.carts());
            assertEquals(List.of(), new Audit(store).run(id -> false).violations());
        }
    }

    @Test
    void seedingAMallThatIsNotEmptyIsRefused() {
        try (MallStore store = open()) {
            new Seeder(store).seed(10, 3, 1);

            assertThrows(IllegalStateException.class, () -> new Seeder(store).seed(10, 3, 1));
        }
    }

    private static String snapshot(int customers, int depth, long seed) {
        try (MallStore store = open()) {
            new Seeder(store).seed(customers, depth, seed);
            StringBuilder b = new StringBuilder();
            store.customers().forEach(c -> b.append(c).append('\n'));
            store.products().forEach(p -> b.append(p).append('\n'));
            Function<Long, List<CartItem>> cart = id -> store.inTransaction(tx -> tx.cartItems(id));
            store.customers().forEach(c -> b.append(c.id()).append(cart.apply(c.id())).append('\n'));
            b.append(store.poolBalance());
            return b.toString();
        }
    }

    private static MallStore open() {
        return JdbcMallStore.open("jdbc:h2:mem:seed-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, 4);
    }

}
