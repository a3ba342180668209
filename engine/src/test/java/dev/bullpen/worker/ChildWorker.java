package dev.bullpen.worker;

import dev.bullpen.cli.MainCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** {@code bullpen bench worker} in a child JVM, so tests can SIGTERM or SIGKILL a real worker process. */
final class ChildWorker {
    private ChildWorker() {
    }

    /** Starts the child; its stdout and stderr go to {@code log}. */
    static Process start(String redisUrl, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), MainCommand.class.getName(),
                "--redis", redisUrl, "bench", "worker"));
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    static Path log() throws IOException {
        return Files.createTempFile("bench-worker", ".log");
    }
}
