package dev.bullpen.app.bench;

import dev.bullpen.app.ConsoleSettings;
import dev.bullpen.app.Theme;
import dev.bullpen.app.queue.QueueActionsViewModel;
import dev.bullpen.app.queue.QueueController;
import dev.bullpen.app.queue.QueueViewModel;
import dev.bullpen.monitor.JobExport;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.RedisEndpoint;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import org.HdrHistogram.Histogram;

/**
 * The console at scale: opens the real console window on a Redis holding a queue with 1,000,000
 * completed and 100,000 failed jobs (filled by {@code bench/console-scale.sh}), then does what an
 * operator does (overview, open the queue, page, bigger pages, job details, searches, exports,
 * idle refreshes) and measures, per phase:
 *
 * <ul>
 *   <li>how long the FX thread could not run a task: a probe thread posts a task with
 *       {@link Platform#runLater} and, once it ran, the next one 5 ms later; the delay between post
 *       and run is the time the UI thread was busy (layout, CSS, rendering hand-off, our code), i.e.
 *       how long a click or key press would have waited; for the longest wait, the CPU time the FX
 *       thread and JavaFX's render thread used meanwhile (JMX) and the GC time tell work on the FX
 *       thread apart from rendering, a thread that did not get a core, or a collection that stopped
 *       every thread; and the most CPU the FX thread used within one wait;</li>
 *   <li>the heap: sampled every 100 ms (the largest value, garbage included), and the live heap after
 *       a full GC at the end of the phase (JMX).</li>
 * </ul>
 *
 * <pre>ConsoleScaleBench REDIS_URL QUEUE COMPLETED FAILED EXPORT_DIR   (under xvfb-run; see bench/console-scale.sh)</pre>
 */
public final class ConsoleScaleBench {
    private static final long PROBE_EVERY_MS = 5;
    private static final long LONG_WAIT_MS = 600_000;

    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private volatile long fxThreadId = -1;
    /** JavaFX's render thread: the FX thread waits for it to finish the previous frame. */
    private volatile long renderThreadId = -1;
    private final List<String> report = new ArrayList<>();
    /** What the probe records in the running phase; null between phases (while we collect garbage ourselves). */
    private volatile Stats current;
    private volatile boolean running = true;
    private ConsoleHarness console;

    private ConsoleScaleBench() {
    }

    /** One phase's measurements. */
    private static final class Stats {
        final Histogram waits = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        /** CPU time the FX thread used while each probe waited: its work, whether or not it had a core. */
        final Histogram fxBusy = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
        /** The longest wait, with the FX and render threads' CPU time (ns) and the GC time (ms) while it lasted. */
        volatile long[] longest = {0, 0, 0, 0};
        final AtomicLong maxHeapSample = new AtomicLong();
        final AtomicLong maxGcPauseMs = new AtomicLong();
    }

    public static void main(String[] args) throws Exception {
        new ConsoleScaleBench().run(args[0], args[1], Long.parseLong(args[2]), Long.parseLong(args[3]),
                Path.of(args[4]));
        System.exit(0);
    }

    private static String n(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    private void run(String url, String queue, long completed, long failed, Path exportDir) throws Exception {
        String ofCompleted = " of " + n(completed);
        ConsoleHarness.startToolkit();
        startProbe();
        System.out.printf("JVM: %s, max heap %d MB, %s%n", System.getProperty("java.vm.version"),
                Runtime.getRuntime().maxMemory() >> 20, ManagementFactory.getRuntimeMXBean().getInputArguments());
        report.add("| phase | took s | FX probes | FX wait p99 ms | FX wait max ms (FX CPU / render CPU / GC in it) "
                + "| FX CPU in one wait, max ms | longest GC pause ms | heap max sampled MB | live heap after GC MB |");
        report.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        watchGcPauses();

        phase("open the console, overview polls 10 s", () -> {
            console = ConsoleHarness.open(new ConsoleSettings(RedisEndpoint.parse(url), "bull", Duration.ofSeconds(2),
                    false, Theme.LIGHT, null, PersonalDataMask.DEFAULT), (owner, question, action) -> true);
            ConsoleHarness.await("overview lists " + queue, 60_000, () -> ((TableView<?>) console.stage().getScene()
                    .lookup("#queue-table")).getItems().size() > 0);
            Thread.sleep(10_000);
        });
        phase("open the queue, completed tab (" + n(completed) + ")", () -> {
            openQueue(queue);
            ConsoleHarness.fxRun(() -> vm().selectState(JobState.COMPLETED));
            awaitPage("1–50" + ofCompleted);
        });
        phase("open a second queue's tab (100 jobs), back to the first", () -> {
            openQueue("small");
            ConsoleHarness.await("small opened", 30_000, () -> vm().queue().equals("small") && !vm().isLoading());
            openQueue(queue);
        });
        phase("open the Load test tab (first time)", () -> openTab("lab-tab", "#lab-start"));
        phase("open the Workers tab (first time)", () -> openTab("workers-tab", "#workers-apply"));
        phase("back to the queue's tab", () -> openQueue(queue));
        phase("20 page turns, 50 per page", () -> {
            for (int i = 1; i <= 20; i++) {
                ConsoleHarness.fxRun(() -> vm().nextPage());
                long from = (long) i * 50 + 1;
                awaitPage(n(from) + "–" + n(from + 49) + ofCompleted);
            }
        });
        phase("500 per page, 10 page turns", () -> {
            ConsoleHarness.fxRun(() -> vm().pageSizeProperty().set(500));
            awaitPage("1–500" + ofCompleted);
            for (int i = 1; i <= 10; i++) {
                ConsoleHarness.fxRun(() -> vm().nextPage());
                long from = (long) i * 500 + 1;
                awaitPage(n(from) + "–" + n(from + 499) + ofCompleted);
            }
        });
        phase("failed tab (" + n(failed) + "), 20 job details", () -> {
            ConsoleHarness.fxRun(() -> vm().selectState(JobState.FAILED));
            awaitPage("1–500 of " + n(failed));
            for (int i = 0; i < 20; i++) {
                int row = i * 20;
                ConsoleHarness.fxRun(() -> {
                    @SuppressWarnings("unchecked")
                    TableView<Object> table = (TableView<Object>) console.lookup("#job-table");
                    table.getSelectionModel().clearAndSelect(row);
                    table.scrollTo(row);
                });
                String id = ConsoleHarness.fx(() -> vm().rows().get(row).id());
                ConsoleHarness.await("detail of " + id, 30_000, () -> ((Label) console.lookup("#detail-title"))
                        .getText().startsWith("Job " + id + " ") && !console.lookup("#detail-message").isVisible());
            }
        });
        // the fill gives job i the failed reason "boom i": completed 1..C, failed C+1..C+F
        phase("search " + n(failed) + " failed jobs, 1 match", () -> search(JobState.FAILED,
                "boom " + (completed + failed / 2), "1 found"));
        phase("search completed, stops at 5,000 matches", () -> search(JobState.COMPLETED, "boom",
                "first 5,000 shown"));
        phase("search " + n(completed) + " completed jobs, 1 match", () -> search(JobState.COMPLETED,
                "boom " + (completed * 7 / 9), "1 found"));
        phase("export " + n(failed) + " failed jobs as CSV", () -> export(JobState.FAILED, JobExport.Format.CSV,
                exportDir.resolve("failed.csv")));
        phase("export " + n(completed) + " completed jobs as JSON", () -> export(JobState.COMPLETED,
                JobExport.Format.JSON, exportDir.resolve("completed.json")));
        phase("queue tab open, idle 20 s (auto-refresh)", () -> {
            ConsoleHarness.fxRun(() -> vm().showPage());
            Thread.sleep(20_000);
        });
        running = false;
        report.forEach(System.out::println);
    }

    private QueueController queueScreen() {
        return console.queue();
    }

    private QueueViewModel vm() {
        return queueScreen().getViewModel();
    }

    /** Opens the queue's tab (or selects it) and waits until its screen shows (it is built off the FX thread). */
    private void openQueue(String name) throws Exception {
        ConsoleHarness.fx(() -> console.wiring().mainWindow().openQueue(name)).get(60, TimeUnit.SECONDS);
    }

    /** Selects a tab of the window and waits until its content shows the node. */
    private void openTab(String tabId, String node) throws Exception {
        ConsoleHarness.fxRun(() -> console.wiring().mainWindow().showTab(tabId));
        ConsoleHarness.await(tabId + " shows " + node, 60_000, () -> console.stage().getScene().lookup(node) != null);
        Thread.sleep(1_000);
    }

    private void awaitPage(String text) throws Exception {
        ConsoleHarness.await("page " + text, 60_000, () -> text.equals(vm().getPageText()) && !vm().isLoading());
    }

    private void search(JobState state, String text, String outcome) throws Exception {
        if (ConsoleHarness.fx(() -> vm().getState()) != state) {
            ConsoleHarness.fxRun(() -> vm().selectState(state));
            ConsoleHarness.await("page of " + state, 60_000, () -> !vm().isLoading());
        }
        ConsoleHarness.fxRun(() -> vm().search(text));
        ConsoleHarness.await("search " + text, LONG_WAIT_MS, () -> !vm().isSearching()
                && outcome.equals(vm().getPageText()));
        System.out.println("  " + ConsoleHarness.fx(() -> vm().getStatusText()));
    }

    private void export(JobState state, JobExport.Format format, Path file) throws Exception {
        QueueActionsViewModel actions = queueScreen().getActions();
        int before = ConsoleHarness.fx(() -> actions.notices().size());
        ConsoleHarness.fxRun(() -> actions.exportState(state, format, file));
        ConsoleHarness.await("export " + file, LONG_WAIT_MS, () -> actions.notices().size() > before
                && !actions.isBusy());
        System.out.println("  " + ConsoleHarness.fx(() -> actions.notices().get(actions.notices().size() - 1).text())
                + String.format(Locale.ROOT, " (%,d MB)", Files.size(file) >> 20));
        Files.delete(file);
    }

    @FunctionalInterface
    private interface Step {
        void run() throws Exception;
    }

    private void phase(String name, Step step) throws Exception {
        System.gc();
        Stats stats = new Stats();
        current = stats;
        long t0 = System.nanoTime();
        step.run();
        double took = (System.nanoTime() - t0) / 1e9;
        current = null; // before our own full collections below
        long live = liveHeap();
        Histogram h = stats.waits;
        long[] worst = stats.longest;
        String line = String.format(Locale.ROOT,
                "| %s | %.1f | %,d | %.1f | %.1f (%d / %d / %d) | %.1f | %d | %d | %d |",
                name, took, h.getTotalCount(), h.getValueAtPercentile(99) / 1000.0, worst[0] / 1000.0,
                worst[1] / 1_000_000, worst[3] / 1_000_000, worst[2], stats.fxBusy.getMaxValue() / 1000.0,
                stats.maxGcPauseMs.get(),
                stats.maxHeapSample.get() >> 20, live >> 20);
        report.add(line);
        System.out.println(line);
        if (System.getenv("BENCH_HISTOGRAM") != null) {
            printHeapHistogram(12);
        }
    }

    /**
     * The heap in use after full collections: the smallest of a few, because a collection asked for
     * while a JNI critical section is held (the software renderer holds them) is skipped.
     */
    private long liveHeap() throws InterruptedException {
        long least = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            memory.gc();
            least = Math.min(least, memory.getHeapMemoryUsage().getUsed());
            Thread.sleep(100);
        }
        return least;
    }

    /** The classes taking most of the live heap (jcmd GC.class_histogram), to see what a phase kept. */
    private static void printHeapHistogram(int lines) throws Exception {
        Object text = ManagementFactory.getPlatformMBeanServer().invoke(
                new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        String.valueOf(text).lines().limit(lines + 2L).forEach(l -> System.out.println("    " + l));
    }

    /** Records the longest collection pause of the phase (GC notifications). */
    private void watchGcPauses() {
        for (GarbageCollectorMXBean gc : collectors) {
            ((javax.management.NotificationEmitter) gc).addNotificationListener((n, handback) -> {
                if (com.sun.management.GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION
                        .equals(n.getType())) {
                    var info = com.sun.management.GarbageCollectionNotificationInfo.from(
                            (javax.management.openmbean.CompositeData) n.getUserData());
                    Stats stats = current;
                    if (stats != null && !"System.gc()".equals(info.getGcCause())) {
                        stats.maxGcPauseMs.accumulateAndGet(info.getGcInfo().getDuration(), Math::max);
                    }
                }
            }, null, null);
        }
    }

    private long renderCpu() {
        if (renderThreadId < 0) {
            renderThreadId = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.getName().startsWith("QuantumRenderer")).mapToLong(Thread::getId).findFirst()
                    .orElse(-1);
        }
        return renderThreadId < 0 ? 0 : Math.max(0, threads.getThreadCpuTime(renderThreadId));
    }

    private long gcMillis() {
        long sum = 0;
        for (GarbageCollectorMXBean gc : collectors) {
            sum += Math.max(0, gc.getCollectionTime());
        }
        return sum;
    }

    /** Posts a task to the FX thread, records how long it waited to run, and posts the next 5 ms later. */
    private void startProbe() throws Exception {
        fxThreadId = ConsoleHarness.fx(() -> Thread.currentThread().getId());
        Thread probe = new Thread(() -> {
            long lastHeap = 0;
            while (running) {
                Stats stats = current;
                long cpu0 = threads.getThreadCpuTime(fxThreadId);
                long render0 = renderCpu();
                long gc0 = gcMillis();
                long posted = System.nanoTime();
                java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
                long[] at = new long[1];
                Platform.runLater(() -> {
                    at[0] = System.nanoTime();
                    ran.countDown();
                });
                try {
                    ran.await();
                    if (stats != null && stats == current) { // not across a phase boundary
                        long waitedMicros = Math.max(0, (at[0] - posted) / 1_000);
                        long cpu = threads.getThreadCpuTime(fxThreadId) - cpu0;
                        stats.waits.recordValue(waitedMicros);
                        stats.fxBusy.recordValue(Math.max(0, cpu / 1_000));
                        if (waitedMicros > stats.longest[0]) {
                            stats.longest = new long[] {waitedMicros, cpu, gcMillis() - gc0, renderCpu() - render0};
                        }
                        if (System.nanoTime() - lastHeap > TimeUnit.MILLISECONDS.toNanos(100)) {
                            lastHeap = System.nanoTime();
                            stats.maxHeapSample.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                        }
                    }
                    Thread.sleep(PROBE_EVERY_MS);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "fx-stall-probe");
        probe.setDaemon(true);
        probe.start();
    }
}
