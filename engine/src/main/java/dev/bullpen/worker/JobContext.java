package dev.bullpen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.bullpen.queue.Json;
import java.util.Map;

/**
 * One job as the processor sees it: what Bull's {@code Job} offers a Node processor.
 * {@link #progress(Object)} and {@link #log(String)} write to Redis at once.
 */
public final class JobContext {
    private final ActiveJob job;
    private final WorkerScripts scripts;
    private volatile JsonNode parsed;
    private volatile boolean discarded;

    JobContext(ActiveJob job, WorkerScripts scripts) {
        this.job = job;
        this.scripts = scripts;
    }

    public String id() {
        return job.id();
    }

    /** The job name; {@code __default__} for unnamed jobs. */
    public String name() {
        return job.name();
    }

    /** The {@code data} field exactly as stored (JSON written by the producer). */
    public String dataJson() {
        return job.fields().getOrDefault("data", "");
    }

    /** The data parsed as JSON; {@code null} node when the stored text is not JSON. */
    public JsonNode data() {
        JsonNode p = parsed;
        if (p == null) {
            p = Json.parseLenient(dataJson()).orElse(NullNode.getInstance());
            parsed = p;
        }
        return p;
    }

    /** The job options JSON (Bull's form); a missing node when absent or unreadable. */
    public JsonNode opts() {
        return job.opts().orElse(MissingNode.getInstance());
    }

    /** Failed attempts before this one (0 on the first attempt). */
    public int attemptsMade() {
        return job.attemptsMade();
    }

    /** Creation time in ms, 0 when unknown. */
    public long timestamp() {
        return job.longField("timestamp");
    }

    /** Every field of the job hash as read when the job became active. */
    public Map<String, String> fields() {
        return job.fields();
    }

    /**
     * Bull's {@code job.progress(value)}: stores {@code JSON.stringify(value)} and publishes it on
     * {@code P:Q:progress}.
     */
    public void progress(Object value) {
        scripts.updateProgress(job.id(), Json.write(value));
    }

    /** Bull's {@code job.discard()}: if this attempt fails, the job fails for good (no retry). */
    public void discard() {
        discarded = true;
    }

    boolean discarded() {
        return discarded;
    }

    /** Bull's {@code job.log(row)}: appends one line to {@code P:Q:<id>:logs}; returns the line count. */
    public long log(String line) {
        return scripts.addLog(job.id(), line);
    }
}
