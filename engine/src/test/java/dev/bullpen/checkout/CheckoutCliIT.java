package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import dev.bullpen.testing.RedisServerExtension;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The operator commands end to end: seed, checkout, audit, reconcile on an H2 file and a real Redis. */
@ExtendWith(RedisServerExtension.class)
class CheckoutCliIT {
    @TempDir
    Path dir;
    private String db;
    private String redis;
    private final String prefix = "cli" + UUID.randomUUID().toString().substring(0, 6);

    /** Exit code, stdout and stderr of one command. */
    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void setUp(RedisServer server) {
        db = "jdbc:h2:file:" + dir.resolve("mall");
        redis = server.url();
    }

    @Test
    void seedCheckoutAuditAndReconcileWorkTogether() {
        // given a seeded mall
        Run seed = run("seed", "--customers", "60", "--depth", "5", "--seed", "3");
        assertEquals(0, seed.exit(), seed.err());
        assertTrue(seed.out().startsWith("seeded 60 customers"), seed.out());

        // when a customer with a valid cart checks out
        long customer = firstCustomerThatCanCheckOut();
        Run checkout = run("checkout", "--customer", Long.toString(customer), "--address", "9 Elm St", "--json");

        // then the answer is JSON with the purchase and status processing, and the audit is clean
        assertEquals(0, checkout.exit(), checkout.err());
        JsonNode answer = Json.parseLenient(checkout.out()).orElseThrow();
        String purchase = answer.get("transactionId").asText();
        assertEquals("processing", answer.get("rewardsStatus").asText());
        assertTrue(answer.get("jobQueued").asBoolean());
        assertEquals(0, run("audit").exit());

        // when the job is lost from Redis
        try (QueueConnection c = QueueConnection.open(RedisEndpoint.parse(redis), prefix)) {
            assertEquals("removed", String.valueOf(c.queue(RewardJob.QUEUE).remove(purchase)).toLowerCase());
        }

        // then the audit fails naming it, and reconcile puts it back
        Run audit = run("audit", "--json");
        assertEquals(1, audit.exit(), audit.out() + audit.err());
        JsonNode report = Json.parseLenient(audit.out()).orElseThrow();
        assertEquals(1, report.get("violations").size());
        assertTrue(report.get("violations").get(0).asText().contains(purchase));
        Run dry = run("reconcile", "--dry-run");
        assertTrue(dry.out().contains("would re-add " + purchase), dry.out());
        assertEquals(1, run("audit").exit(), "a dry run changes nothing");
        Run reconcile = run("reconcile");
        assertTrue(reconcile.out().contains("re-added " + purchase), reconcile.out());
        assertEquals(0, run("audit").exit());
    }

    @Test
    void aRefusedCheckoutExitsOneAndSaysWhy() {
        run("seed", "--customers", "5", "--seed", "1");

        Run r = run("checkout", "--customer", "999");

        assertEquals(1, r.exit());
        assertTrue(r.err().contains("checkout refused: customer not found: 999"), r.err());
    }

    @Test
    void seedingTwiceIsRefusedUnlessReset() {
        assertEquals(0, run("seed", "--customers", "5").exit());

        assertEquals(1, run("seed", "--customers", "5").exit());
        assertEquals(0, run("seed", "--customers", "7", "--reset").exit());
    }

    private long firstCustomerThatCanCheckOut() {
        try (MallStore store = dev.bullpen.checkout.jdbc.JdbcMallStore.open(db)) {
            for (Customer c : store.customers()) {
                List<CartItem> cart = store.inTransaction(tx -> tx.cartItems(c.id()));
                boolean allActive = store.inTransaction(tx -> tx.products(cart.stream().map(CartItem::productId)
                        .toList())).values().stream().allMatch(Product::active);
                if (!cart.isEmpty() && allActive && c.points().compareTo(Money.of(1000)) > 0) {
                    return c.id();
                }
            }
        }
        throw new IllegalStateException("no customer can check out");
    }

    private Run run(String... args) {
        List<String> all = new ArrayList<>(List.of("--redis", redis, "--prefix", prefix));
        all.addAll(List.of(args));
        all.addAll(List.of("--db", db));
        CommandLine cl = MainCommand.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int exit = cl.execute(all.toArray(String[]::new));
        return new Run(exit, out.toString(), err.toString());
    }
}
