package dev.bullpen.queue.redis;

import dev.bullpen.queue.JobState;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/** Owner of every Redis key name of one Bull queue: {@code prefix + ":" + queue + ":" + suffix}. */
public final class BullKeys {
    /** Suffixes whose presence marks a queue during discovery. */
    static final List<String> QUEUE_MARKERS = List.of(
            "id", "wait", "active", "paused", "delayed", "completed", "failed", "meta-paused", "repeat", "stalled-check");

    private final String prefix;
    private final String queue;
    private final String base;

    public BullKeys(String prefix, String queue) {
        this.prefix = prefix;
        this.queue = queue;
        this.base = prefix + ":" + queue + ":";
    }

    public String prefix() {
        return prefix;
    }

    public String queue() {
        return queue;
    }

    /** {@code P:Q:}, the prefix that Lua scripts append job ids and suffixes to. */
    public String base() {
        return base;
    }

    public String key(String suffix) {
        return base + suffix;
    }

    public String of(JobState state) {
        return key(state.keySuffix());
    }

    public String waitList() {
        return key("wait");
    }

    public String active() {
        return key("active");
    }

    public String paused() {
        return key("paused");
    }

    public String delayed() {
        return key("delayed");
    }

    public String completed() {
        return key("completed");
    }

    public String failed() {
        return key("failed");
    }

    public String priority() {
        return key("priority");
    }

    public String id() {
        return key("id");
    }

    public String metaPaused() {
        return key("meta-paused");
    }

    public String meta() {
        return key("meta");
    }

    public String stalled() {
        return key("stalled");
    }

    public String stalledCheck() {
        return key("stalled-check");
    }

    public String limiter() {
        return key("limiter");
    }

    public String job(String id) {
        return base + id;
    }

    public String logs(String id) {
        return base + id + ":logs";
    }

    public String lock(String id) {
        return base + id + ":lock";
    }

    /** The CLIENT SETNAME a Bull worker gives its blocking connection: {@code P:base64(Q)}. */
    public String workerClientName() {
        return prefix + ":" + Base64.getEncoder().encodeToString(queue.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The name Bullpen's worker gives its blocking connection: Bull's name, then {@code :bullpen:<pid>}. Bull's
     * {@code getWorkers()} keeps every client whose name <em>starts with</em> Bull's name, so Node sees the worker
     * as before, while the console can tell a Bullpen worker (and its process) from a Node one.
     */
    public String bullpenWorkerClientName(long pid) {
        return workerClientName() + ":" + BULLPEN_WORKER_TAG + ":" + pid;
    }

    /** The tag after Bull's name in {@link #bullpenWorkerClientName}. */
    public static final String BULLPEN_WORKER_TAG = "bullpen";

    /** A key that may mark a queue: the queue's name and the Redis type Bull gives that key. */
    record Marker(String queue, String type) {
    }

    /**
     * The queue a key under {@code prefix:} would belong to when it is one of a queue's own
     * structures. Discovery must still check the key's type: a job hash with the custom id
     * {@code x:wait}, or Bull's metrics hash {@code Q:metrics:completed}, ends like a marker too.
     */
    static java.util.Optional<Marker> markerOf(String prefix, String key) {
        String head = prefix + ":";
        if (!key.startsWith(head)) {
            return java.util.Optional.empty();
        }
        String rest = key.substring(head.length());
        for (String suffix : QUEUE_MARKERS) {
            String tail = ":" + suffix;
            if (rest.endsWith(tail) && rest.length() > tail.length()) {
                return java.util.Optional.of(new Marker(rest.substring(0, rest.length() - tail.length()),
                        markerType(suffix)));
            }
        }
        return java.util.Optional.empty();
    }

    private static String markerType(String suffix) {
        return switch (suffix) {
            case "wait", "active", "paused" -> "list";
            case "delayed", "completed", "failed", "repeat" -> "zset";
            default -> "string"; // id, meta-paused, stalled-check
        };
    }
}
