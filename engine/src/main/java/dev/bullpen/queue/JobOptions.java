package dev.bullpen.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The options of one job, kept in Bull's own JSON form so that options Bullpen does not know are
 * passed through untouched. Immutable: every setter returns a copy.
 *
 * <pre>JobOptions.defaults().attempts(3).backoff(Backoff.exponential(1_000)).priority(2)</pre>
 */
public final class JobOptions {
    private final ObjectNode json;

    private JobOptions(ObjectNode json) {
        this.json = json;
    }

    /** No options: Bull's defaults apply (attempts 1, delay 0, timestamp = now). */
    public static JobOptions defaults() {
        return new JobOptions(Json.MAPPER.createObjectNode());
    }

    /**
     * Reads options written in Bull's JSON form and checks the types of the options Bull understands.
     *
     * @throws InvalidInputException naming the first option with a wrong type
     */
    public static JobOptions fromJson(String text) {
        ObjectNode o = parseObject(text);
        for (String unsupported : new String[] {"repeat", "debounce"}) {
            if (o.hasNonNull(unsupported)) {
                // Bull keeps extra keys for these (repeat zset, debounce key); a plain job would silently differ
                throw new InvalidInputException("opts." + unsupported + " is not supported by Bullpen yet: "
                        + "add such jobs with Bull");
            }
        }
        return checked(o);
    }

    /**
     * Like {@link #fromJson} but keeps {@code repeat} and {@code debounce}: for callers that maintain
     * Bull's extra keys themselves, such as the worker creating the next iteration of a repeatable job.
     */
    public static JobOptions fromJsonKeepingRepeat(String text) {
        return checked(parseObject(text));
    }

    private static ObjectNode parseObject(String text) {
        JsonNode node = Json.parseStrict(text, "--opts");
        if (!node.isObject()) {
            throw new InvalidInputException("--opts must be a JSON object, got " + node.getNodeType());
        }
        return (ObjectNode) node;
    }

    private static JobOptions checked(ObjectNode o) {
        requireNumber(o, "delay");
        requireNumber(o, "timestamp");
        requireNumber(o, "timeout");
        requireInteger(o, "attempts");
        requireInteger(o, "priority");
        requireInteger(o, "stackTraceLimit");
        JsonNode lifo = o.get("lifo");
        if (lifo != null && !lifo.isBoolean() && !lifo.isNull()) {
            throw new InvalidInputException("opts.lifo must be true or false, got " + lifo);
        }
        JsonNode jobId = o.get("jobId");
        if (jobId != null && !jobId.isNull()) {
            if (!jobId.isTextual() && !jobId.isIntegralNumber()) {
                throw new InvalidInputException("opts.jobId must be a string or an integer, got " + jobId);
            }
            if (jobId.asText().isEmpty()) {
                throw new InvalidInputException("opts.jobId must not be empty");
            }
        }
        JsonNode priority = o.get("priority");
        if (priority != null && priority.isNumber() && priority.longValue() < 0) {
            throw new InvalidInputException("opts.priority must be 1 or more (1 is the highest), got " + priority);
        }
        JsonNode backoff = o.get("backoff");
        if (backoff != null && !backoff.isNull()) {
            Backoff.fromJson(backoff);
        }
        for (String keep : new String[] {"removeOnComplete", "removeOnFail"}) {
            JsonNode v = o.get(keep);
            if (v != null && !v.isNull()) {
                KeepJobs.fromJson(keep, v);
            }
        }
        return new JobOptions(o.deepCopy());
    }

    private static void requireNumber(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v != null && !v.isNull() && !v.isNumber()) {
            throw new InvalidInputException("opts." + field + " must be a number, got " + v);
        }
    }

    private static void requireInteger(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v != null && !v.isNull() && !v.isIntegralNumber()) {
            throw new InvalidInputException("opts." + field + " must be an integer, got " + v);
        }
    }

    private JobOptions with(String field, JsonNode value) {
        ObjectNode copy = json.deepCopy();
        copy.set(field, value);
        return new JobOptions(copy);
    }

    /** Run no earlier than {@code ms} milliseconds after the job's timestamp (goes to {@code delayed}). */
    public JobOptions delay(long ms) {
        return with("delay", Json.MAPPER.getNodeFactory().numberNode(ms));
    }

    /** Priority 1 (highest) and up; 0 means none. */
    public JobOptions priority(int priority) {
        return with("priority", Json.MAPPER.getNodeFactory().numberNode(priority));
    }

    /** Total attempts, including the first. */
    public JobOptions attempts(int attempts) {
        return with("attempts", Json.MAPPER.getNodeFactory().numberNode(attempts));
    }

    public JobOptions backoff(Backoff backoff) {
        return with("backoff", backoff.json());
    }

    /** A custom job id; adding a second job with the same id changes nothing and returns the id. */
    public JobOptions jobId(String id) {
        if (id == null || id.isEmpty()) {
            throw new InvalidInputException("jobId must not be empty");
        }
        return with("jobId", Json.MAPPER.getNodeFactory().textNode(id));
    }

    /** Last in, first out: the job goes to the processing end of the wait list. */
    public JobOptions lifo(boolean lifo) {
        return with("lifo", Json.MAPPER.getNodeFactory().booleanNode(lifo));
    }

    /** Fail the attempt when processing takes longer than {@code ms}. */
    public JobOptions timeout(long ms) {
        return with("timeout", Json.MAPPER.getNodeFactory().numberNode(ms));
    }

    public JobOptions removeOnComplete(KeepJobs keep) {
        return with("removeOnComplete", keep.json());
    }

    public JobOptions removeOnFail(KeepJobs keep) {
        return with("removeOnFail", keep.json());
    }

    /** Keep only the last {@code n} stack traces on the job. */
    public JobOptions stackTraceLimit(int n) {
        return with("stackTraceLimit", Json.MAPPER.getNodeFactory().numberNode(n));
    }

    /** Creation time in ms (default: now). */
    public JobOptions timestamp(long ms) {
        return with("timestamp", Json.MAPPER.getNodeFactory().numberNode(ms));
    }

    /** The options as the caller gave them. */
    public ObjectNode json() {
        return json.deepCopy();
    }

    /**
     * The options as Bull stores them in the job hash: attempts (integer, default 1), delay (default 0)
     * and timestamp (default {@code now}) always present, a numeric backoff written as {type fixed}.
     */
    public ObjectNode normalized(long now) {
        ObjectNode o = json.deepCopy();
        JsonNode attempts = o.get("attempts");
        o.put("attempts", attempts == null || attempts.isNull() ? 1 : attempts.asInt());
        JsonNode delay = o.get("delay");
        if (delay == null || delay.isNull()) {
            o.put("delay", 0);
        }
        JsonNode ts = o.get("timestamp");
        if (ts == null || ts.isNull()) {
            o.put("timestamp", now);
        }
        JsonNode backoff = o.get("backoff");
        if (backoff != null) {
            if (backoff.isNull()) {
                o.remove("backoff");
            } else {
                o.set("backoff", Backoff.fromJson(backoff).json());
            }
        }
        return o;
    }

    /**
     * {@link #normalized(long)} as Bull stores it ({@link Json#stringify}); written directly for jobs
     * added without options, the common case of bulk adds (same text: {@code JobOptionsTest}).
     */
    public String normalizedJson(long now) {
        if (json.isEmpty()) {
            return "{\"attempts\":1,\"delay\":0,\"timestamp\":" + now + "}";
        }
        return Json.stringify(normalized(now));
    }

    /** True when no option was given. */
    public boolean isEmpty() {
        return json.isEmpty();
    }

    public Optional<String> jobId() {
        JsonNode v = json.get("jobId");
        return v == null || v.isNull() ? Optional.empty() : Optional.of(v.asText());
    }

    public long delayMs() {
        JsonNode v = json.get("delay");
        return v == null || !v.isNumber() ? 0 : Math.max(0, v.longValue());
    }

    public int priority() {
        JsonNode v = json.get("priority");
        return v == null || !v.isNumber() ? 0 : v.intValue();
    }

    public boolean lifo() {
        JsonNode v = json.get("lifo");
        return v != null && v.asBoolean(false);
    }

    @Override
    public String toString() {
        return json.toString();
    }
}
