package dev.bullpen.app.redis;

import dev.bullpen.app.fx.Errors;
import dev.bullpen.app.queue.Durations;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The Redis panel: what {@code INFO} says about the server the queues live on, with a warning when
 * the eviction policy is not {@code noeviction} (Bull needs every key it writes to stay). Fields a
 * server does not report are shown as {@code —}.
 */
public final class RedisViewModel {
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper(this, "version", Durations.NONE);
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper(this, "mode", Durations.NONE);
    private final ReadOnlyStringWrapper usedMemory = new ReadOnlyStringWrapper(this, "usedMemory", Durations.NONE);
    private final ReadOnlyStringWrapper peakMemory = new ReadOnlyStringWrapper(this, "peakMemory", Durations.NONE);
    private final ReadOnlyStringWrapper maxMemory = new ReadOnlyStringWrapper(this, "maxMemory", Durations.NONE);
    private final ReadOnlyStringWrapper evictionPolicy =
            new ReadOnlyStringWrapper(this, "evictionPolicy", Durations.NONE);
    private final ReadOnlyStringWrapper evictionWarning = new ReadOnlyStringWrapper(this, "evictionWarning", "");
    private final ReadOnlyStringWrapper clients = new ReadOnlyStringWrapper(this, "clients", Durations.NONE);
    private final ReadOnlyStringWrapper opsPerSecond = new ReadOnlyStringWrapper(this, "opsPerSecond", Durations.NONE);
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper(this, "uptime", Durations.NONE);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper(this, "status", "Reading INFO…");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper(this, "stale");

    /** A successful {@code INFO} read. */
    public void apply(Map<String, String> info) {
        version.set(info.getOrDefault("redis_version", Durations.NONE));
        String role = info.get("role");
        String m = info.getOrDefault("redis_mode", Durations.NONE);
        mode.set(role == null ? m : m + " · " + role);
        usedMemory.set(memory(info, "used_memory_human", "used_memory"));
        peakMemory.set(memory(info, "used_memory_peak_human", "used_memory_peak"));
        String max = info.get("maxmemory");
        maxMemory.set(max == null ? Durations.NONE
                : "0".equals(max.trim()) ? "no limit" : memory(info, "maxmemory_human", "maxmemory"));
        String policy = info.get("maxmemory_policy");
        evictionPolicy.set(policy == null ? Durations.NONE : policy);
        evictionWarning.set(policy == null || policy.equals("noeviction") ? ""
                : "Eviction policy is " + policy + ": when memory is full Redis may delete queue keys and jobs "
                + "are lost. Bull needs maxmemory-policy noeviction.");
        clients.set(info.getOrDefault("connected_clients", Durations.NONE));
        opsPerSecond.set(info.getOrDefault("instantaneous_ops_per_sec", Durations.NONE));
        uptime.set(seconds(info.get("uptime_in_seconds")));
        stale.set(false);
        status.set("Read from INFO");
    }

    /** A failed read: the last values stay, marked stale. */
    public void markFailed(RuntimeException error) {
        stale.set(true);
        status.set("Cannot read INFO: " + Errors.sentence(error) + " — showing the last values");
    }

    private static String memory(Map<String, String> info, String human, String bytes) {
        String h = info.get(human);
        if (h != null) {
            return h;
        }
        String b = info.get(bytes);
        if (b == null) {
            return Durations.NONE;
        }
        try {
            return String.format(Locale.ROOT, "%.1fM", Long.parseLong(b.trim()) / 1024.0 / 1024.0);
        } catch (NumberFormatException e) {
            return b;
        }
    }

    private static String seconds(String s) {
        if (s == null) {
            return Durations.NONE;
        }
        try {
            return Durations.format(Long.parseLong(s.trim()) * 1000);
        } catch (NumberFormatException e) {
            return s;
        }
    }

    public String getVersion() {
        return version.get();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public String getMode() {
        return mode.get();
    }

    public ReadOnlyStringProperty modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public String getUsedMemory() {
        return usedMemory.get();
    }

    public ReadOnlyStringProperty usedMemoryProperty() {
        return usedMemory.getReadOnlyProperty();
    }

    public String getPeakMemory() {
        return peakMemory.get();
    }

    public ReadOnlyStringProperty peakMemoryProperty() {
        return peakMemory.getReadOnlyProperty();
    }

    public String getMaxMemory() {
        return maxMemory.get();
    }

    public ReadOnlyStringProperty maxMemoryProperty() {
        return maxMemory.getReadOnlyProperty();
    }

    public String getEvictionPolicy() {
        return evictionPolicy.get();
    }

    public ReadOnlyStringProperty evictionPolicyProperty() {
        return evictionPolicy.getReadOnlyProperty();
    }

    public String getEvictionWarning() {
        return evictionWarning.get();
    }

    public ReadOnlyStringProperty evictionWarningProperty() {
        return evictionWarning.getReadOnlyProperty();
    }

    public String getClients() {
        return clients.get();
    }

    public ReadOnlyStringProperty clientsProperty() {
        return clients.getReadOnlyProperty();
    }

    public String getOpsPerSecond() {
        return opsPerSecond.get();
    }

    public ReadOnlyStringProperty opsPerSecondProperty() {
        return opsPerSecond.getReadOnlyProperty();
    }

    public String getUptime() {
        return uptime.get();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public String getStatus() {
        return status.get();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public boolean isStale() {
        return stale.get();
    }

    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }
}
