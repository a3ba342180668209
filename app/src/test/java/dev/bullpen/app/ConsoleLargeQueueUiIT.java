package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.JobState;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TabPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;
import redis.clients.jedis.Jedis;

/**
 * A queue with 1,000,000 completed jobs (written inside Redis by a Lua loop in the shape Bull's
 * worker leaves them): the queue screen reads one page per page turn, so turning pages stays fast.
 */
class ConsoleLargeQueueUiIT {
    private static final int JOBS = 1_000_000;
    private static final String SEED = """
            local key = KEYS[1]
            local from, to, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
            for i = from, to do
              local finished = now - 2000000 + i
              redis.call('HSET', key .. ':' .. i, 'name', 'export', 'data', '{"row":' .. i .. '}', 'opts', '{}',
                'timestamp', finished - 900, 'processedOn', finished - 400, 'finishedOn', finished,
                'attemptsMade', '1', 'returnvalue', 'null')
              redis.call('ZADD', key .. ':completed', finished, i)
            end
            return to
            """;

    private static RedisServer redis;

    private AppWiring wiring;
    private Stage stage;

    @BeforeAll
    static void startRedisWithAMillionJobs() throws TimeoutException {
        redis = RedisServer.start();
        long now = System.currentTimeMillis();
        // chunks of 20,000 (each EVAL blocks Redis) with a generous timeout for slow machines
        try (Jedis jedis = new Jedis("127.0.0.1", redis.port(), 60_000)) {
            for (int from = 1; from <= JOBS; from += 20_000) {
                jedis.eval(SEED, List.of("bull:big"), List.of(String.valueOf(from),
                        String.valueOf(from + 19_999), String.valueOf(now)));
            }
            assertEquals(JOBS, jedis.zcard("bull:big:completed"));
        }
        FxToolkit.registerPrimaryStage();
    }

    @AfterAll
    static void stopRedis() {
        redis.close();
    }

    @AfterEach
    void closeWindow() throws TimeoutException {
        if (wiring != null) {
            wiring.close();
        }
        FxToolkit.cleanupStages();
    }

    @Test
    void pagesOfAMillionJobsTurnFast() throws Exception {
        // given the console opened on the queue's completed jobs
        ConsoleSettings settings = new ConsoleSettings(RedisEndpoint.parse(redis.url()), "bull",
                Duration.ofSeconds(2), false, Theme.LIGHT,
                new ConsoleSettings.OpenAt("big", JobState.COMPLETED, null));
        wiring = new AppWiring(settings, Platform::runLater);
        stage = FxToolkit.setupStage(s -> wiring.show(s));
        // the queue's screen joins part by part (decision 0020): its pager is there once the window counts it attached
        await("first page", 30_000, () -> wiring.mainWindow().selectedQueue().isPresent()
                && "1–50 of 1,000,000".equals(text("#page-text")));
        assertEquals(String.valueOf(JOBS), firstId());

        // when / then: each page turn is one read of one page
        long start = System.nanoTime();
        fx(() -> {
            ((javafx.scene.control.Button) lookup("#next-page")).fire();
            return null;
        });
        await("second page", 2_000, () -> "51–100 of 1,000,000".equals(text("#page-text")));
        long nextMs = (System.nanoTime() - start) / 1_000_000;
        assertEquals(String.valueOf(JOBS - 50), firstId());

        start = System.nanoTime();
        fx(() -> {
            wiring.mainWindow().selectedQueue().orElseThrow().controller().getViewModel().pageSizeProperty().set(500);
            return null;
        });
        await("500 per page", 2_000, () -> "1–500 of 1,000,000".equals(text("#page-text")));
        long bigPageMs = (System.nanoTime() - start) / 1_000_000;

        System.out.printf("1,000,000 completed jobs: next page in %d ms, 500-job page in %d ms%n", nextMs, bigPageMs);
        assertTrue(nextMs < 2_000 && bigPageMs < 2_000);
    }

    private String firstId() throws Exception {
        return fx(() -> wiring.mainWindow().selectedQueue().orElseThrow().controller().getViewModel()
                .rows().get(0).id());
    }

    private static <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(20, TimeUnit.SECONDS);
    }

    private static void await(String what, long ms, Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(ms, TimeUnit.MILLISECONDS, () -> fx(condition));
        } catch (TimeoutException e) {
            throw new TimeoutException("waited " + ms + " ms for: " + what);
        }
    }

    private Node lookup(String selector) {
        TabPane main = (TabPane) stage.getScene().lookup("#main-tabs");
        return main.getSelectionModel().getSelectedItem().getContent().lookup(selector);
    }

    private String text(String selector) throws Exception {
        return fx(() -> ((Label) lookup(selector)).getText());
    }
}
