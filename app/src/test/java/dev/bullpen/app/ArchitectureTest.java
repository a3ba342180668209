package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Source-level rules (no ArchUnit): the console talks to Redis only through the engine. */
class ArchitectureTest {
    private static final Path MAIN = Path.of("src/main/java");

    private static List<Path> sources(String subPackage) throws IOException {
        try (Stream<Path> files = Files.walk(MAIN.resolve(subPackage))) {
            return files.filter(p -> p.toString().endsWith(".java")).sorted().toList();
        }
    }

    private static List<String> offenders(List<Path> files, String forbidden) throws IOException {
        List<String> out = new java.util.ArrayList<>();
        for (Path f : files) {
            for (String line : Files.readAllLines(f)) {
                if (line.startsWith("import") && line.contains(forbidden)) {
                    out.add(MAIN.relativize(f) + ": " + line.trim());
                }
            }
        }
        return out;
    }

    @Test
    void appNeverUsesTheRedisClientDirectlyBecauseTheEngineOwnsRedis() throws IOException {
        List<Path> all = sources("dev/bullpen/app");
        assertTrue(all.size() > 5, "sources found under " + MAIN.toAbsolutePath());
        assertEquals(List.of(), offenders(all, "redis.clients"));
        assertEquals(List.of(), offenders(all, "dev.bullpen.queue.redis"));
    }

    @Test
    void viewModelsHoldNoNodesBecauseTheyAreTestedWithoutAToolkit() throws IOException {
        List<Path> viewModels = sources("dev/bullpen/app").stream()
                .filter(p -> p.getFileName().toString().endsWith("ViewModel.java")).toList();
        assertTrue(!viewModels.isEmpty());
        assertEquals(List.of(), offenders(viewModels, "javafx.scene"));
    }
}
