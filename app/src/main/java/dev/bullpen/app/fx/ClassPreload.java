package dev.bullpen.app.fx;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads and links, on a background thread, the classes the console's screens will need, so that the FX thread does
 * not pay for reading, parsing and verifying them the first time a screen is built (docs/decisions/0020).
 *
 * <p>Only loading and linking, never initialisation: {@code Class.forName(name, false, loader)} runs no static
 * initialiser, and {@link Class#getDeclaredConstructors()} links (verifies) the class without initialising it. Static
 * initialisers of JavaFX classes touch state that is not thread-safe (pseudo-class registries, decision 0018); they
 * still run on the FX thread, when the class is first used there. Loading and linking are thread-safe: a class the FX
 * thread needs while this thread loads it is waited for, never loaded twice.
 *
 * <p>The list ({@value #LIST}) is the classes the console loaded, in that order, in a run of
 * {@code bench/console-scale.sh} (opening the window, a queue, job details, the Load test and Workers tabs); see
 * {@code bench/console-class-list.sh}. A name that is not on the class path any more (a library changed) is skipped.
 * {@code -Dbullpen.console.preload=false} turns it off.
 */
public final class ClassPreload {
    static final String LIST = "/preload/console-classes.txt";
    public static final String PROPERTY = "bullpen.console.preload";
    private static final Logger LOG = LoggerFactory.getLogger(ClassPreload.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private ClassPreload() {
    }

    /** What one preload did. */
    public record Result(int loaded, List<String> missing, long nanos) {
    }

    /** Starts the preload on a daemon thread, once per process (later calls do nothing). */
    public static void start() {
        if (!Boolean.parseBoolean(System.getProperty(PROPERTY, "true")) || !STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                Result r = preload(names(), ClassPreload.class.getClassLoader());
                LOG.debug("ClassPreload: {} classes loaded and linked in {} ms; {} not found", r.loaded(),
                        r.nanos() / 1_000_000, r.missing().size());
            } catch (RuntimeException | LinkageError e) {
                LOG.debug("ClassPreload stopped: {}", e.toString());
            }
        }, "bullpen-class-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The class names of the list, in order. */
    static List<String> names() {
        InputStream in = ClassPreload.class.getResourceAsStream(LIST);
        if (in == null) {
            throw new IllegalStateException("class list not found on the class path: " + LIST);
        }
        try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return r.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + LIST, e);
        }
    }

    /** Loads and links every class named (without initialising any); names that do not load are returned. */
    static Result preload(List<String> names, ClassLoader loader) {
        long t0 = System.nanoTime();
        int loaded = 0;
        List<String> missing = new java.util.ArrayList<>();
        for (String name : names) {
            try {
                Class.forName(name, false, loader).getDeclaredConstructors(); // links: verifies, no <clinit>
                loaded++;
            } catch (ClassNotFoundException | LinkageError | SecurityException e) {
                missing.add(name);
            }
        }
        return new Result(loaded, List.copyOf(missing), System.nanoTime() - t0);
    }
}
