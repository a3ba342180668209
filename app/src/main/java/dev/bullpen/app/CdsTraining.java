package dev.bullpen.app;

import java.io.File;
import java.io.IOException;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * The training run behind {@code ./bullpen}'s class-data sharing archive (decision 0021): run once after
 * each build with {@code -XX:ArchiveClassesAtExit}, it loads the classes a command-line run of Bullpen
 * needs, so that later runs map them from the archive instead of reading, parsing and verifying them
 * again (a quarter of a short command's CPU). Needs no Redis and changes nothing.
 *
 * <p>It builds the command tree and parses typical command lines as {@code main} would, sets up logging,
 * then loads (without initialising) every class of the engine and of the libraries its commands use.
 * The console's JavaFX libraries are left out, and so are H2, Flyway, PostgreSQL and Micrometer: with
 * every library the archive was 55 MB and each run saved less than with this list (decision 0021).
 */
public final class CdsTraining {
    /** Jars whose classes go into the archive, by file-name prefix. */
    static final List<String> JARS = List.of("bullpen-engine-", "jedis-", "commons-pool2-", "jackson-", "picocli-",
            "logback-", "slf4j-api-", "HdrHistogram-");

    private CdsTraining() {
    }

    public static void main(String[] args) {
        CommandLine cl = Launcher.commandLine();
        for (String[] line : List.of(
                new String[] {"--redis", "redis://127.0.0.1:6379", "status", "--json"},
                new String[] {"bench", "worker", "--queue", "q", "--concurrency", "10", "--processor", "noop"},
                new String[] {"bench", "produce", "--queue", "q", "--jobs", "1"},
                new String[] {"jobs", "list", "--queue", "q", "--state", "failed", "--json"},
                new String[] {"worker", "--queue", "checkout"})) {
            cl.parseArgs(line);
        }
        cl.getUsageMessage();
        LoggerFactory.getLogger(CdsTraining.class).debug("class-data sharing training");
        int loaded = 0;
        for (String path : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = new File(path).getName();
            if (JARS.stream().anyMatch(name::startsWith)) {
                loaded += loadAll(path);
            }
        }
        System.out.println(loaded + " classes loaded");
    }

    /** Loads every class of the jar that loads (some need optional libraries that are absent). */
    private static int loadAll(String jar) {
        int n = 0;
        ClassLoader loader = CdsTraining.class.getClassLoader();
        try (JarFile j = new JarFile(jar)) {
            for (Enumeration<JarEntry> e = j.entries(); e.hasMoreElements();) {
                String entry = e.nextElement().getName();
                if (!entry.endsWith(".class") || entry.startsWith("META-INF/") || entry.endsWith("module-info.class")) {
                    continue;
                }
                try {
                    Class.forName(entry.substring(0, entry.length() - 6).replace('/', '.'), false, loader);
                    n++;
                } catch (ClassNotFoundException | LinkageError optionalDependencyMissing) {
                    // e.g. a driver's integration with a library Bullpen does not ship
                }
            }
        } catch (IOException unreadable) {
            // not a jar we can read: nothing to archive from it
        }
        return n;
    }
}
