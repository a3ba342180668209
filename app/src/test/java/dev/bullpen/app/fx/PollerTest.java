package dev.bullpen.app.fx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PollerTest {
    private static final Duration INTERVAL = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(15);

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<String> published = new CopyOnWriteArrayList<>();
    private final Deque<Supplier<String>> reads = new ArrayDeque<>();

    private final Poller.Listener<String> listener = new Poller.Listener<>() {
        @Override
        public void onSnapshot(String snapshot) {
            published.add("snapshot " + snapshot);
        }

        @Override
        public void onFailure(RuntimeException error, Duration retryIn) {
            published.add("failure " + error.getMessage() + " retry " + retryIn.toMillis());
        }
    };

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Poller<String> poller(Executor fx) {
        return new Poller<>("test", scheduler, fx, () -> reads.removeFirst().get(), listener, INTERVAL, MAX);
    }

    private void willRead(String value) {
        reads.add(() -> value);
    }

    private void willFail(String message) {
        reads.add(() -> {
            throw new IllegalStateException(message);
        });
    }

    @Test
    void successfulReadIsPublishedOnTheFxExecutorAndNextReadIsOneIntervalLater() {
        List<Runnable> fxQueue = new ArrayList<>();
        Poller<String> inTest = poller(fxQueue::add);
        willRead("s1");

        Duration next = inTest.pollOnce();

        assertEquals(INTERVAL, next);
        assertEquals(List.of(), published, "nothing is applied before the FX executor runs it");
        fxQueue.forEach(Runnable::run);
        assertEquals(List.of("snapshot s1"), published);
    }

    @Test
    void failuresBackOffExponentiallyUpToTheCapAndRecoveryResetsTheDelay() {
        Poller<String> inTest = poller(Runnable::run);
        for (int i = 0; i < 5; i++) {
            willFail("down");
        }
        willRead("back");
        willFail("down again");

        List<Long> delays = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            delays.add(inTest.pollOnce().toMillis());
        }

        assertEquals(List.of(2_000L, 4_000L, 8_000L, 15_000L, 15_000L, 2_000L, 2_000L), delays);
        assertEquals("failure down retry 2000", published.get(0));
        assertEquals("failure down retry 15000", published.get(4));
        assertEquals("snapshot back", published.get(5));
        assertEquals("failure down again retry 2000", published.get(6));
    }

    @Test
    void closedPollerPublishesNothing() {
        Poller<String> inTest = poller(Runnable::run);
        willRead("late");
        inTest.close();

        inTest.pollOnce();

        assertEquals(List.of(), published);
    }

    @Test
    void startedPollerKeepsReadingOnTheSchedulerThreadThroughAFailure() throws Exception {
        List<String> threads = new CopyOnWriteArrayList<>();
        CountDownLatch threeReads = new CountDownLatch(3);
        Poller<String> inTest = new Poller<>("test", scheduler, Runnable::run, () -> {
            threads.add(Thread.currentThread().getName());
            threeReads.countDown();
            if (threeReads.getCount() == 1) {
                throw new IllegalStateException("one failure in between");
            }
            return "ok";
        }, listener, Duration.ofMillis(10), Duration.ofMillis(20));

        inTest.start();
        boolean done = threeReads.await(5, TimeUnit.SECONDS);
        inTest.close();

        assertTrue(done, "three reads happened, the failed one did not stop the schedule");
        assertEquals(1, threads.stream().distinct().count(), "all reads on the one scheduler thread");
        assertNotEquals(Thread.currentThread().getName(), threads.get(0));
    }

    @ParameterizedTest
    @CsvSource(textBlock = """
            # failures, interval ms, max ms, expected ms
            0,   2000, 15000,  2000
            1,   2000, 15000,  2000
            2,   2000, 15000,  4000
            3,   2000, 15000,  8000
            4,   2000, 15000, 15000
            100, 2000, 15000, 15000
            1,    200,   150,   150
            """)
    void retryDelayDoublesFromTheIntervalUpToTheCap(int failures, long interval, long max, long expected) {
        assertEquals(Duration.ofMillis(expected),
                Poller.retryDelay(Duration.ofMillis(interval), Duration.ofMillis(max), failures));
    }
}
