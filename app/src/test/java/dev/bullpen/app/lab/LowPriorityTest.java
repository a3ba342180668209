package dev.bullpen.app.lab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LowPriorityTest {

    private static String tid() throws Exception {
        return Files.readSymbolicLink(Path.of("/proc/thread-self")).getFileName().toString();
    }

    @Test
    void aRunThreadLowersItsOsPriorityAndTheThreadsItStartsInheritIt() throws Exception {
        // given a thread like a lab run's, and the nice value of the thread that started it
        int callerNice = LowPriority.nice(tid());
        CompletableFuture<int[]> seen = new CompletableFuture<>();
        Thread run = new Thread(() -> {
            try {
                // when it lowers its priority, then starts a thread of its own
                boolean lowered = LowPriority.lowerCurrentThread();
                int own = LowPriority.nice(tid());
                CompletableFuture<Integer> child = new CompletableFuture<>();
                Thread worker = new Thread(() -> {
                    try {
                        child.complete(LowPriority.nice(tid()));
                    } catch (Exception e) {
                        child.completeExceptionally(e);
                    }
                });
                worker.start();
                seen.complete(new int[] {lowered ? 1 : 0, own, child.get(10, TimeUnit.SECONDS)});
            } catch (Exception e) {
                seen.completeExceptionally(e);
            }
        }, "lab-run-under-test");
        run.start();
        int[] r = seen.get(30, TimeUnit.SECONDS);

        // then both run at nice 4, the caller keeps its own
        assertTrue(r[0] == 1, "lowerCurrentThread() reported that the priority was not lowered");
        assertEquals(LowPriority.NICE, r[1], "nice of the run's thread");
        assertEquals(LowPriority.NICE, r[2], "nice of a thread the run started");
        assertEquals(callerNice, LowPriority.nice(tid()), "nice of the caller");
    }
}
