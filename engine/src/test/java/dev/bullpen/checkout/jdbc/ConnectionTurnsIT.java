package dev.bullpen.checkout.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import org.junit.jupiter.api.Test;

/**
 * Connections are handed out in arrival order: a thread that gives its connection back and asks again at once
 * queues behind those already waiting (HikariCP alone lets it take its own connection back first, which left some
 * checkouts of the simulator waiting for tens of milliseconds; decision 0017).
 */
class ConnectionTurnsIT {

    @Test
    void aThreadAskingAgainQueuesBehindTheThreadsAlreadyWaiting() throws Exception {
        try (JdbcMallStore store = JdbcMallStore.open("jdbc:h2:mem:turns-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
                null, null, 2)) {
            // one of the two connections stays taken (Flyway needs two to open a store): one is left to take turns on
            CountDownLatch blocking = new CountDownLatch(1);
            CountDownLatch endOfTest = new CountDownLatch(1);
            Thread blocker = new Thread(() -> store.inTransaction(tx -> {
                blocking.countDown();
                await(endOfTest);
                return null;
            }), "turns-blocker");
            blocker.start();
            assertTrue(blocking.await(10, TimeUnit.SECONDS), "the blocker got a connection");
            List<String> order = new CopyOnWriteArrayList<>();
            CountDownLatch holding = new CountDownLatch(1);
            CountDownLatch letGo = new CountDownLatch(1);
            Thread holder = new Thread(() -> {
                store.inTransaction(tx -> {
                    holding.countDown();
                    await(letGo);
                    order.add("holder");
                    return null;
                });
                // gives the only connection back and asks again at once
                store.inTransaction(tx -> order.add("holder again"));
            }, "turns-holder");
            holder.start();
            assertTrue(holding.await(10, TimeUnit.SECONDS), "the holder got the connection");

            Thread first = waiter(store, order, "first");
            awaitWaiting(store::waitingForConnection, 1);
            Thread second = waiter(store, order, "second");
            awaitWaiting(store::waitingForConnection, 2);

            letGo.countDown();
            for (Thread t : List.of(holder, first, second)) {
                t.join(10_000);
                assertFalse(t.isAlive(), t.getName() + " finished");
            }
            assertEquals(List.of("holder", "first", "second", "holder again"), order);
            endOfTest.countDown();
            blocker.join(10_000);
        }
    }

    private static Thread waiter(JdbcMallStore store, List<String> order, String name) {
        Thread t = new Thread(() -> store.inTransaction(tx -> order.add(name)), "turns-" + name);
        t.start();
        return t;
    }

    private static void awaitWaiting(IntSupplier waiting, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (waiting.getAsInt() < n) {
            assertTrue(System.nanoTime() < deadline, n + " thread(s) waiting for a connection");
            Thread.sleep(1);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("not released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
