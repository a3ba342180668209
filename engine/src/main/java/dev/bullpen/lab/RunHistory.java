package dev.bullpen.lab;

import dev.bullpen.simulate.SimulationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load-test lab's past runs: one JSON file per run ({@link SimulationReport#toJson()}) in one folder, named by
 * its start time, so that runs can be listed, compared and exported again later. A file that cannot be read is
 * reported, never fatal.
 */
public final class RunHistory {
    private static final Logger LOG = LoggerFactory.getLogger(RunHistory.class);
    private static final DateTimeFormatter ID = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss-SSS")
            .withZone(ZoneOffset.UTC);
    /** The newest this many runs are listed. */
    public static final int MAX_LISTED = 500;

    /** One saved run. */
    public record Entry(String id, Path file, SimulationReport report) {
    }

    /** The runs read, newest first, and the files that could not be read (as sentences). */
    public record Listing(List<Entry> entries, List<String> problems) {
        public Listing {
            entries = List.copyOf(entries);
            problems = List.copyOf(problems);
        }
    }

    private final Path dir;

    public RunHistory(Path dir) {
        this.dir = dir;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Saves a finished run (written to a temporary file, then moved into place).
     *
     * @throws UncheckedIOException when the folder cannot be written
     */
    public synchronized Entry save(SimulationReport report) {
        try {
            Files.createDirectories(dir);
            String base = ID.format(Instant.ofEpochMilli(report.startedAtMillis()));
            String id = base;
            for (int n = 2; Files.exists(dir.resolve(id + ".json")); n++) {
                id = base + "-" + n;
            }
            Path file = dir.resolve(id + ".json");
            Path tmp = dir.resolve(id + ".json.tmp");
            Files.writeString(tmp, report.toJson(), StandardCharsets.UTF_8);
            try {
                Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file);
            }
            LOG.info("RunHistory(dir={}) saved run {}", dir, id);
            return new Entry(id, file, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the run in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Every saved run, newest first (at most {@link #MAX_LISTED}). */
    public synchronized Listing list() {
        if (!Files.isDirectory(dir)) {
            return new Listing(List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().endsWith(".json"))
                    .sorted(Comparator.comparing(RunHistory::idOf).reversed())
                    .limit(MAX_LISTED).toList();
        } catch (IOException e) {
            return new Listing(List.of(), List.of("cannot list " + dir + ": " + e.getMessage()));
        }
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (Path f : files) {
            String name = f.getFileName().toString();
            try {
                entries.add(new Entry(idOf(f), f,
                        SimulationReport.fromJson(Files.readString(f, StandardCharsets.UTF_8))));
            } catch (IOException | RuntimeException e) {
                LOG.warn("RunHistory(dir={}) skipped {}: {}", dir, name, e.getMessage());
                problems.add(name + " is not a readable run (" + e.getMessage() + ")");
            }
        }
        return new Listing(entries, problems);
    }

    private static String idOf(Path file) {
        String name = file.getFileName().toString();
        return name.substring(0, name.length() - ".json".length());
    }

    /**
     * Deletes one saved run.
     *
     * @throws IllegalArgumentException when the id names no file of this history
     */
    public synchronized void delete(String id) {
        if (!id.matches("[0-9A-Za-z-]+")) {
            throw new IllegalArgumentException("not a run id: " + id);
        }
        try {
            if (!Files.deleteIfExists(dir.resolve(id + ".json"))) {
                throw new IllegalArgumentException("no saved run " + id);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete run " + id + ": " + e.getMessage(), e);
        }
    }
}
