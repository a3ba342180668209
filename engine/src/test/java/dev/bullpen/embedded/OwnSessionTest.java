package dev.bullpen.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OwnSessionTest {
    @TempDir
    Path dir;

    @Test
    void setsidFromPathIsPutInFrontOfTheCommand() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path setsid = Files.writeString(bin.resolve("setsid"), "#!/bin/sh\nexec \"$@\"\n");
        assertTrue(setsid.toFile().setExecutable(true));
        String path = dir.resolve("empty") + File.pathSeparator + bin;

        Optional<String> found = OwnSession.find(path);

        assertEquals(Optional.of(setsid.toString()), found);
        assertEquals(List.of(setsid.toString(), "redis-server", "--port", "1"),
                OwnSession.prefixed(found, List.of("redis-server", "--port", "1")));
    }

    @Test
    void withoutSetsidOnPathTheCommandRunsAsItIs() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        // a file called setsid that cannot be run does not count
        Files.writeString(bin.resolve("setsid"), "not a program");
        assertTrue(bin.resolve("setsid").toFile().setExecutable(false));

        Optional<String> found = OwnSession.find(bin + File.pathSeparator + dir.resolve("missing"));

        assertEquals(Optional.empty(), found);
        assertEquals(List.of("redis-server", "--port", "1"), OwnSession.prefixed(found, List.of("redis-server", "--port", "1")));
    }
}
