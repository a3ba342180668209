package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./bullpen}'s class-data sharing archive (decision 0021), with the real script over the built jars. */
class LauncherCdsIT {
    @TempDir
    Path dir;

    private record Run(int exit, String out) {
    }

    private static Run run(Path root, List<String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new java.util.ArrayList<>(List.of(root.resolve("bullpen").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().remove("BULLPEN_NO_CDS");
        pb.environment().remove("BULLPEN_JAVA_OPTS");
        for (String kv : env) {
            int eq = kv.indexOf('=');
            pb.environment().put(kv.substring(0, eq), kv.substring(eq + 1));
        }
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }

    @Test
    void theFirstRunWritesTheArchiveAndLaterRunsLoadBullpensClassesFromIt() throws Exception {
        Path root = BuiltLauncher.in(dir);
        Path archive = root.resolve("app/target/cds/bullpen.jsa");
        // when: the first run after the build
        Run first = run(root, List.of(), "--version");
        // then: its output is the command's own, and the archive is in place, with no temporary file left
        assertEquals(0, first.exit(), first.out());
        assertEquals("bullpen 0.1.0", first.out().strip());
        assertTrue(Files.size(archive) > 1_000_000, "archive of " + Files.size(archive) + " bytes");
        try (var files = Files.list(archive.getParent())) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().startsWith(".training-")).toList());
        }
        // and a later run maps the CLI's classes from it (-Xshare:on: the JVM refuses to start if it cannot)
        Run later = run(root, List.of("BULLPEN_JAVA_OPTS=-Xshare:on -Xlog:class+load=info"), "--version");
        assertEquals(0, later.exit(), later.out());
        assertTrue(later.out().contains("dev.bullpen.app.Launcher source: shared objects file (top)"),
                "Launcher not loaded from the archive:\n" + tail(later.out()));
        assertTrue(later.out().contains("dev.bullpen.cli.MainCommand source: shared objects file (top)"),
                "the engine's MainCommand not loaded from the archive:\n" + tail(later.out()));
        // and BULLPEN_NO_CDS=1 runs without it
        Run without = run(root, List.of("BULLPEN_NO_CDS=1", "BULLPEN_JAVA_OPTS=-Xlog:class+load=info"), "--version");
        assertEquals(0, without.exit(), without.out());
        assertFalse(without.out().contains("shared objects file (top)"), tail(without.out()));
    }

    @Test
    void whereNoArchiveCanBeWrittenTheCommandRunsWithoutOne() throws Exception {
        Path root = BuiltLauncher.in(dir);
        // given: no archive folder can be made (a file has its name)
        Files.writeString(root.resolve("app/target/cds"), "not a folder");
        // when
        Run run = run(root, List.of(), "--version");
        // then
        assertEquals(0, run.exit(), run.out());
        assertEquals("bullpen 0.1.0", run.out().strip());
    }

    private static String tail(String s) {
        return s.length() > 3000 ? s.substring(s.length() - 3000) : s;
    }
}
