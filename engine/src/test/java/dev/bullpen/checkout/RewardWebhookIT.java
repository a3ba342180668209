package dev.bullpen.checkout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import dev.bullpen.queue.Json;
import java.io.IOException;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The optional reward webhook against a real HTTP server on loopback and an embedded H2 mall. */
class RewardWebhookIT {
    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hold;
    private HttpServer server;
    private MallStore store;
    private TestMall mall;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/hook", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            if (hold) {
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status = failuresLeft.getAndDecrement() > 0 ? 500 : 204;
            received.add(status + " " + body);
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        store = JdbcMallStore.open("jdbc:h2:mem:hook-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", null, null, 4);
        mall = TestMall.build(store, 5, 3, 21);
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
        store.close();
    }

    @Test
    void theNoticeIsPostedAfterTheRewardsCommit() throws Exception {
        try (RewardWebhook hook = new RewardWebhook(url(), 3, Duration.ofMillis(20))) {
            String purchase = purchase(mall.buyers.get(0));

            RewardOutcome outcome = processor(hook).process(RewardJob.of(purchase, mall.buyers.get(0)));

            String delivered = received.poll(10, TimeUnit.SECONDS);
            assertNotNull(delivered, "a notice arrives");
            assertTrue(delivered.startsWith("204 "), delivered);
            JsonNode notice = Json.parseLenient(delivered.substring(4)).orElseThrow();
            assertEquals(purchase, notice.get("purchaseId").asText());
            assertEquals(mall.buyers.get(0).longValue(), notice.get("customerId").asLong());
            BigDecimal paid = BigDecimal.ZERO;
            for (JsonNode p : notice.get("rewardsPaid")) {
                paid = paid.add(new BigDecimal(p.get("amount").asText()));
            }
            BigDecimal expected = outcome.plan().allocations().stream().filter(a -> a.account() == Account.CUSTOMER)
                    .map(Allocation::amount).reduce(Money.ZERO, BigDecimal::add);
            assertEquals(expected, paid);
        }
    }

    @Test
    void aFailedDeliveryIsRetriedUntilAccepted() throws Exception {
        failuresLeft.set(2);
        try (RewardWebhook hook = new RewardWebhook(url(), 5, Duration.ofMillis(20))) {
            processor(hook).process(RewardJob.of(purchase(mall.buyers.get(1)), mall.buyers.get(1)));

            assertTrue(received.poll(10, TimeUnit.SECONDS).startsWith("500 "));
            assertTrue(received.poll(10, TimeUnit.SECONDS).startsWith("500 "));
            assertTrue(received.poll(10, TimeUnit.SECONDS).startsWith("204 "));
            assertNull(received.poll(300, TimeUnit.MILLISECONDS), "nothing after the accepted delivery");
        }
    }

    @Test
    void aHangingWebhookNeitherBlocksNorFailsTheJob() throws Exception {
        hold = true;
        try (RewardWebhook hook = new RewardWebhook(url(), 3, Duration.ofMillis(20))) {
            String purchase = purchase(mall.buyers.get(2));

            // the server holds every request until released: the job must complete meanwhile
            RewardOutcome outcome = processor(hook).process(RewardJob.of(purchase, mall.buyers.get(2)));

            assertTrue(outcome.applied());
            assertTrue(store.purchase(purchase).orElseThrow().isCompleted());
            assertTrue(received.isEmpty(), "the server has not answered yet");
            release.countDown();
            assertNotNull(received.poll(10, TimeUnit.SECONDS));
        }
    }

    @Test
    void anUnreachableWebhookDoesNotFailTheJob() {
        URI nowhere = URI.create("http://127.0.0.1:" + dev.bullpen.testing.RedisServer.freePort() + "/hook");
        try (RewardWebhook hook = new RewardWebhook(nowhere, 2, Duration.ofMillis(10))) {
            String purchase = purchase(mall.buyers.get(0));

            assertTrue(processor(hook).process(RewardJob.of(purchase, mall.buyers.get(0))).applied());
            assertTrue(store.purchase(purchase).orElseThrow().isCompleted());
        }
    }

    private RewardProcessor processor(RewardListener listener) {
        return new RewardProcessor(store, RewardSettings.defaults(), Clock.systemUTC(), listener);
    }

    private URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook");
    }

    /** A purchase row as the checkout writes it (without the wallet debit, which this test does not need). */
    private String purchase(long buyer) {
        String id = UUID.randomUUID().toString();
        store.inTransaction(tx -> {
            tx.insertPurchase(new Purchase(id, buyer, TestMall.cartTotal(buyer),
                    RewardSettings.defaults().split(TestMall.cartRewardPoints(buyer)), null, Purchase.PROCESSING,
                    null, 0, null));
            return null;
        });
        return id;
    }
}
