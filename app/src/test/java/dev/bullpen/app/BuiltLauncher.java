package dev.bullpen.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The real {@code bullpen} script in a folder of its own whose {@code app/target} links to the jar and the
 * libraries this build just packaged, with its build stamp: it runs them as they are. Run in the project
 * root, the launcher would start a Maven build of its own whenever its stamp is missing or older than a
 * source file (always so on CI), inside the test and over the build that runs it.
 */
final class BuiltLauncher {
    private BuiltLauncher() {
    }

    /** @return the folder holding {@code bullpen} */
    static Path in(Path dir) throws IOException {
        Path project = Path.of(System.getProperty("bullpen.projectRoot", "..")).toAbsolutePath().normalize();
        Path appTarget = project.resolve("app/target");
        Path root = Files.createDirectories(dir.resolve("launcher"));
        Path target = Files.createDirectories(root.resolve("app/target"));
        Files.copy(project.resolve("bullpen"), root.resolve("bullpen"), StandardCopyOption.COPY_ATTRIBUTES);
        try (Stream<Path> files = Files.list(appTarget)) {
            Path jar = files.filter(f -> f.getFileName().toString().matches("bullpen-app-.*\\.jar"))
                    .filter(f -> !f.getFileName().toString().contains("tests"))
                    .findFirst().orElseThrow(() -> new AssertionError("run after 'package': no app jar in " + appTarget));
            Files.createSymbolicLink(target.resolve(jar.getFileName()), jar);
        }
        Files.createSymbolicLink(target.resolve("lib"), appTarget.resolve("lib"));
        Files.createFile(target.resolve(".bullpen-build-stamp"));
        return root;
    }
}
