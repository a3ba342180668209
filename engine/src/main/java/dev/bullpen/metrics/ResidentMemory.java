package dev.bullpen.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code process_resident_memory_bytes}, as Prometheus client libraries name it: the process's
 * resident set (heap, metaspace, thread stacks, direct buffers, the JVM itself) from
 * {@code /proc/self/status}. Only on Linux; elsewhere it is not registered.
 */
final class ResidentMemory {
    private static final Path STATUS = Path.of("/proc/self/status");

    private ResidentMemory() {
    }

    static void bindTo(MeterRegistry registry) {
        if (Double.isNaN(read())) {
            return;
        }
        Gauge.builder("process.resident.memory", ResidentMemory::read).baseUnit("bytes")
                .description("Resident set size of the process").register(registry);
    }

    /** VmRSS in bytes, NaN when it cannot be read. */
    static double read() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    String[] parts = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }
}
