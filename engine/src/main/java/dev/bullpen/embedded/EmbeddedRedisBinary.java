package dev.bullpen.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * The redis-server binary that the {@code com.github.codemonstur:embedded-redis} artifact ships
 * (Redis 6.2), extracted once to a temporary folder; used when no redis-server is on PATH.
 */
public final class EmbeddedRedisBinary {
    private static Path extracted;

    private EmbeddedRedisBinary() {
    }

    public static synchronized Path extract() {
        if (extracted != null && Files.isExecutable(extracted)) {
            return extracted;
        }
        String resource = resourceName();
        try (InputStream in = EmbeddedRedisBinary.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("embedded-redis has no binary " + resource + " for this platform");
            }
            Path dir = Files.createTempDirectory("bullpen-redis-bin");
            Path bin = dir.resolve("redis-server");
            Files.copy(in, bin, StandardCopyOption.REPLACE_EXISTING);
            if (!bin.toFile().setExecutable(true)) {
                throw new IllegalStateException("cannot make " + bin + " executable");
            }
            bin.toFile().deleteOnExit();
            dir.toFile().deleteOnExit();
            extracted = bin;
            return bin;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot extract the embedded redis-server", e);
        }
    }

    private static String resourceName() {
        String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch").toLowerCase(Locale.ROOT);
        if (os.contains("linux")) {
            return arch.contains("aarch64") || arch.contains("arm64") ? "redis-server-6.2.7-linux-arm64"
                    : arch.contains("64") ? "redis-server-6.2.6-v5-linux-amd64" : "redis-server-6.2.7-linux-386";
        }
        if (os.contains("mac")) {
            return arch.contains("aarch64") || arch.contains("arm64") ? "redis-server-6.2.6-v5-darwin-arm64"
                    : "redis-server-6.2.6-v5-darwin-amd64";
        }
        throw new IllegalStateException("no embedded redis-server for " + os + "/" + arch + ": install redis-server");
    }
}
