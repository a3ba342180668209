package dev.bullpen.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.Json;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs real Node Bull through {@code interop/bull-tool.js} as a child process. Needs {@code node}
 * on PATH; runs {@code npm ci} in {@code interop/} once when its {@code node_modules} is missing.
 * Every child process has a time limit, so a test can never hang on it.
 */
public final class BullNode {
    private static final long NPM_TIMEOUT_S = 300;
    private static final long TOOL_GRACE_S = 15;
    private static final long DEFAULT_TOOL_TIMEOUT_MS = 20_000;
    private static volatile boolean ready;

    private final String redisUrl;
    private final String prefix;

    public BullNode(String redisUrl, String prefix) {
        this.redisUrl = redisUrl;
        this.prefix = prefix;
    }

    /** The repository root: {@code -Dbullpen.projectRoot}, else the first parent holding interop/package.json. */
    public static Path projectRoot() {
        String prop = System.getProperty("bullpen.projectRoot");
        if (prop != null && !prop.isBlank() && Files.exists(Path.of(prop, "interop", "package.json"))) {
            return Path.of(prop).toAbsolutePath();
        }
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("interop").resolve("package.json"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root (a folder with interop/package.json) above "
                + Path.of("").toAbsolutePath() + "; set -Dbullpen.projectRoot");
    }

    /** A fresh argument object carrying redis URL, prefix and queue name. */
    public ObjectNode args(String queue) {
        ObjectNode a = Json.MAPPER.createObjectNode();
        a.put("redis", redisUrl);
        a.put("prefix", prefix);
        a.put("queue", queue);
        return a;
    }

    /** Runs one command and returns its JSON document; fails when the tool reports an error. */
    public JsonNode run(String command, ObjectNode args) {
        JsonNode doc = attempt(command, args);
        if (doc.has("error")) {
            throw new AssertionError("bull-tool " + command + " failed: " + doc.get("error").asText());
        }
        return doc;
    }

    /** Runs one command and returns its JSON document, which may be {@code {"error": "..."}}. */
    public JsonNode attempt(String command, ObjectNode args) {
        return start(command, args).await();
    }

    /** Starts one command without waiting (for a worker that must run while the test acts). */
    public Running start(String command, ObjectNode args) {
        ensureReady();
        long toolTimeout = args.has("timeoutMs") ? args.get("timeoutMs").asLong() : DEFAULT_TOOL_TIMEOUT_MS;
        Path root = projectRoot();
        try {
            Path outFile = Files.createTempFile("bull-tool-out", ".json");
            Path errFile = Files.createTempFile("bull-tool-err", ".txt");
            Process p = new ProcessBuilder("node", root.resolve("interop").resolve("bull-tool.js").toString(),
                    command, Json.write(args))
                    .directory(root.resolve("interop").toFile())
                    .redirectOutput(outFile.toFile())
                    .redirectError(errFile.toFile())
                    .start();
            return new Running(command, p, outFile, errFile, toolTimeout + TimeUnit.SECONDS.toMillis(TOOL_GRACE_S));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A started bull-tool process. */
    public static final class Running {
        private final String command;
        private final Process process;
        private final Path outFile;
        private final Path errFile;
        private final long limitMs;

        Running(String command, Process process, Path outFile, Path errFile, long limitMs) {
            this.command = command;
            this.process = process;
            this.outFile = outFile;
            this.errFile = errFile;
            this.limitMs = limitMs;
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /** Waits for the process (within its time limit) and returns its one JSON document. */
        public JsonNode await() {
            try {
                if (!process.waitFor(limitMs, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("bull-tool " + command + " did not finish within " + limitMs + " ms; "
                            + "stderr: " + Files.readString(errFile));
                }
                String out = Files.readString(outFile).trim();
                String err = Files.readString(errFile);
                if (out.isEmpty()) {
                    throw new AssertionError("bull-tool " + command + " printed nothing (exit " + process.exitValue()
                            + "); stderr: " + err);
                }
                return Json.MAPPER.readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for bull-tool " + command, e);
            } finally {
                if (!process.isAlive()) {
                    deleteQuietly(outFile);
                    deleteQuietly(errFile);
                }
            }
        }
    }

    private static synchronized void ensureReady() {
        if (ready) {
            return;
        }
        Path interop = projectRoot().resolve("interop");
        String version = exec(List.of("node", "--version"), interop, 30,
                "Node.js is needed for the Bull interop tests but 'node' was not found on PATH. Install Node.js 18 or "
                        + "newer (e.g. 'apt-get install nodejs npm', or from https://nodejs.org), then run "
                        + "'npm ci' in " + interop + ".");
        if (!Files.isDirectory(interop.resolve("node_modules").resolve("bull"))) {
            exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"), interop, NPM_TIMEOUT_S,
                    "interop/node_modules is missing and 'npm' was not found on PATH: install npm, then run "
                            + "'npm ci' in " + interop + ".");
        }
        if (!version.startsWith("v")) {
            throw new IllegalStateException("unexpected 'node --version' output: " + version);
        }
        ready = true;
    }

    private static String exec(List<String> cmd, Path dir, long timeoutS, String missingMessage) {
        try {
            File log = Files.createTempFile("bullpen-exec", ".log").toFile();
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log).start();
            if (!p.waitFor(timeoutS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", cmd) + " did not finish within " + timeoutS + " s");
            }
            String output = Files.readString(log.toPath()).trim();
            deleteQuietly(log.toPath());
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", cmd) + " failed (exit " + p.exitValue() + "): "
                        + output);
            }
            return output;
        } catch (IOException e) {
            throw new IllegalStateException(missingMessage + " (" + e.getMessage() + ")", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + String.join(" ", cmd), e);
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a temp file left behind is harmless
        }
    }
}
