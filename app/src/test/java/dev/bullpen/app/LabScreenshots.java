package dev.bullpen.app;

import dev.bullpen.app.lab.LabWiring;
import dev.bullpen.queue.RedisEndpoint;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Stage;

/**
 * Not a test: drives the real console (GTK under Xvfb) through two load-test runs, a comparison and the Workers
 * screen, and captures the window with ImageMagick's {@code import} at each step, for
 * {@code docs/screenshots/make-lab-screenshots.sh}. Arguments: Redis URL, output folder, lab folder.
 */
public final class LabScreenshots {
    private static String redisUrl;
    private static Path out;

    private AppWiring wiring;
    private Stage stage;

    /** A plain main, so that JavaFX on the class path starts (as the Launcher does). */
    public static void main(String[] args) {
        redisUrl = args[0];
        out = Path.of(args[1]);
        System.setProperty(LabWiring.DIR_PROPERTY, args[2]);
        Application.launch(Window.class, args);
    }

    /** The JavaFX side. */
    public static final class Window extends Application {
        @Override
        public void start(Stage primary) {
            new LabScreenshots().open(primary);
        }
    }

    private void open(Stage primary) {
        stage = primary;
        wiring = new AppWiring(new ConsoleSettings(RedisEndpoint.parse(redisUrl), "bull", Duration.ofSeconds(2)),
                Platform::runLater);
        wiring.show(stage);
        Thread script = new Thread(() -> {
            try {
                script();
                System.exit(0);
            } catch (Exception e) {
                e.printStackTrace();
                System.exit(1);
            }
        }, "screenshot-script");
        script.setDaemon(true);
        script.start();
    }

    /**
     * Measures how late the FX thread runs a task posted every 50 ms (what a click would wait for), while the
     * script runs; prints the worst and the 99th percentile of each phase.
     */
    private final java.util.List<Long> fxDelays = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private void probeFxThread() {
        every("fx-probe", 50, () -> {
            long posted = System.nanoTime();
            Platform.runLater(() -> fxDelays.add((System.nanoTime() - posted) / 1_000_000));
        });
    }

    private void reportFx(String phase) {
        java.util.List<Long> d;
        synchronized (fxDelays) {
            d = new java.util.ArrayList<>(fxDelays);
            fxDelays.clear();
        }
        java.util.Collections.sort(d);
        long gcCount = 0;
        long gcMs = 0;
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += gc.getCollectionCount();
            gcMs += gc.getCollectionTime();
        }
        if (!d.isEmpty()) {
            System.out.printf("fx thread during %s: %d probes, p50 %d ms, p99 %d ms, max %d ms, over 50 ms %d; "
                    + "GC %d collections %d ms, longest pause %d ms; threads by nice %s%n", phase, d.size(),
                    d.get(d.size() / 2), d.get(Math.min(d.size() - 1, (int) (d.size() * 0.99))), d.get(d.size() - 1),
                    d.stream().filter(v -> v > 50).count(), gcCount - gcCountBefore, gcMs - gcMsBefore,
                    longestPause.getAndSet(0), niceCensus);
        }
        gcCountBefore = gcCount;
        gcMsBefore = gcMs;
        niceCensus = new java.util.TreeMap<>();
    }

    private long gcCountBefore;
    private long gcMsBefore;
    private final java.util.concurrent.atomic.AtomicLong longestPause = new java.util.concurrent.atomic.AtomicLong();
    /** The most threads seen per nice value (Linux: /proc/self/task/N/stat field 19) during the phase. */
    private volatile java.util.Map<Integer, Integer> niceCensus = new java.util.TreeMap<>();

    /** Records the longest GC pause and, every second, how many of our threads run at which nice value. */
    private void watchGcAndNice() {
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCountBefore += gc.getCollectionCount();
            gcMsBefore += gc.getCollectionTime();
        }
        for (var gc : java.lang.management.ManagementFactory.getGarbageCollectorMXBeans()) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, h) -> {
                if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                        .equals(n.getType())) {
                    long ms = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) n.getUserData()).getGcInfo().getDuration();
                    longestPause.accumulateAndGet(ms, Math::max);
                }
            }, null, null);
        }
        every("nice-census", 1000, () -> {
            java.util.Map<Integer, Integer> now = new java.util.TreeMap<>();
            java.io.File[] tasks = new java.io.File("/proc/self/task").listFiles();
            for (java.io.File task : tasks == null ? new java.io.File[0] : tasks) {
                try {
                    now.merge(dev.bullpen.app.lab.LowPriority.nice(task.getName()), 1, Integer::sum);
                } catch (java.io.IOException | RuntimeException e) {
                    // the thread ended meanwhile
                }
            }
            java.util.Map<Integer, Integer> census = niceCensus;
            now.forEach((nice, count) -> census.merge(nice, count, Math::max));
        });
    }

    /** Runs {@code step} on a daemon thread of that name, then again every {@code millis} ms. */
    private static void every(String name, long millis, Runnable step) {
        Thread t = new Thread(() -> {
            while (true) {
                step.run();
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, name);
        t.setDaemon(true);
        t.start();
    }

    private void script() throws Exception {
        Thread.sleep(3000);
        watchGcAndNice();
        probeFxThread();
        Thread.sleep(10_000);
        reportFx("idle, Queues tab");
        tab("lab-tab");
        Thread.sleep(5000);
        reportFx("idle, Load test tab");
        tab("lab-tab");
        fill(Map.of("#lab-customers", "2000", "#lab-depth", "12", "#lab-concurrency", "16", "#lab-duration", "30s",
                "#lab-workers", "2", "#lab-worker-concurrency", "4", "#lab-fail-rate", "0.05",
                "#lab-fail-for-good", "0.01", "#lab-slos", "checkout-p99=200ms,job-p99=1s"));
        fire("#lab-start");
        waitUntil("15 s into the load", 120, () -> text("#lab-elapsed").matches("(1[5-9]|2\\d) s"));
        shoot("lab-running");
        waitUntil("the verdict", 300, () -> lookup("#lab-summary").isVisible());
        Thread.sleep(1500);
        reportFx("run 1 (16 customers)");
        shoot("lab-done");

        fill(Map.of("#lab-concurrency", "48", "#lab-duration", "20s", "#lab-fail-for-good", "0"));
        fire("#lab-start");
        waitUntil("the second run", 300, () -> table("#lab-history").getItems().size() >= 2
                && lookup("#lab-summary").isVisible());
        reportFx("run 2 (48 customers)");
        tab("lab-history-tab");
        fx(() -> {
            table("#lab-history").getSelectionModel().selectRange(0, 2);
            return null;
        });
        fire("#lab-history-compare");
        Thread.sleep(1000);
        shoot("lab-compare");

        tab("workers-tab");
        fill(Map.of("#workers-count", "2", "#workers-concurrency", "4"));
        fire("#workers-apply");
        waitUntil("two workers", 60, () -> table("#workers-embedded").getItems().size() == 2);
        Thread.sleep(7000); // the connected workers are read every 3 s
        shoot("workers");
        fire("#workers-stop");
        waitUntil("workers stopped", 60, () -> table("#workers-embedded").getItems().isEmpty());
    }

    private void shoot(String name) throws Exception {
        // on a loaded machine the window repaints late: let the FX thread drain and render twice first
        for (int i = 0; i < 2; i++) {
            fx(() -> null);
            Thread.sleep(1500);
        }
        Path file = out.resolve(name + ".png");
        Process p = new ProcessBuilder("bash", "-c", "import -window \"$(xwininfo -root -tree | awk '/\"Bullpen/ "
                + "{print $1; exit}')\" \"$0\"", file.toString()).inheritIO().start();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("import failed for " + file);
        }
        System.out.println("wrote " + file);
    }

    private void tab(String id) throws Exception {
        fx(() -> {
            for (Node n : stage.getScene().getRoot().lookupAll(".tab-pane")) {
                for (Tab t : ((TabPane) n).getTabs()) {
                    if (id.equals(t.getId())) {
                        ((TabPane) n).getSelectionModel().select(t);
                        return null;
                    }
                }
            }
            throw new IllegalStateException("no tab " + id);
        });
        Thread.sleep(800);
    }

    private void fill(Map<String, String> fields) throws Exception {
        fx(() -> {
            fields.forEach((id, value) -> ((TextField) lookup(id)).setText(value));
            return null;
        });
    }

    private void fire(String id) throws Exception {
        fx(() -> {
            ((Button) lookup(id)).fire();
            return null;
        });
    }

    private Node lookup(String id) {
        Node n = stage.getScene().lookup(id);
        if (n == null) {
            throw new IllegalStateException("nothing with id " + id);
        }
        return n;
    }

    private String text(String id) {
        return ((Label) lookup(id)).getText();
    }

    @SuppressWarnings("unchecked")
    private TableView<Object> table(String id) {
        return (TableView<Object>) lookup(id);
    }

    private void waitUntil(String what, long seconds, Callable<Boolean> condition) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (!fx(condition)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + seconds + " s for " + what);
            }
            Thread.sleep(250);
        }
    }

    private static <T> T fx(Callable<T> call) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(call.call());
            } catch (Exception e) {
                f.completeExceptionally(e);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }
}
