package dev.bullpen.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * A job to add.
 *
 * @param name     Bull job name ({@code __default__} when null)
 * @param dataJson the job data as JSON text (stored as given)
 * @param options  Bull options
 */
public record NewJob(String name, String dataJson, JobOptions options) {
    public static final String DEFAULT_NAME = "__default__";

    public NewJob {
        name = name == null || name.isEmpty() ? DEFAULT_NAME : name;
        dataJson = dataJson == null ? "{}" : dataJson;
        options = options == null ? JobOptions.defaults() : options;
    }

    public static NewJob of(String dataJson) {
        return new NewJob(null, dataJson, null);
    }

    /** Options of a stored job that a copy must not take over: they tie a job to its identity or its time. */
    static final List<String> NOT_COPIED = List.of("jobId", "repeat", "debounce", "timestamp", "prevMillis");

    /**
     * A new job with the name, data and options of a stored one, minus the options in
     * {@link #NOT_COPIED}. The data is copied as stored (also when another client wrote something
     * that is not JSON); absent data becomes {@code {}}. Other options, {@code delay} included,
     * are kept: a copy of a job delayed by 10 minutes is due 10 minutes after it is added.
     *
     * @throws InvalidInputException when the stored options are not a JSON object Bullpen accepts
     */
    public static NewJob copyOf(JobSnapshot job) {
        String stored = job.field("opts").orElse("{}");
        JsonNode opts = Json.parseLenient(stored).orElse(null);
        if (opts == null || !opts.isObject()) {
            throw new InvalidInputException("job " + job.id() + " cannot be duplicated: its stored options are "
                    + "not a JSON object");
        }
        ObjectNode kept = ((ObjectNode) opts).deepCopy();
        kept.remove(NOT_COPIED);
        JobOptions options;
        try {
            options = JobOptions.fromJson(Json.write(kept));
        } catch (InvalidInputException e) {
            throw new InvalidInputException("job " + job.id() + " cannot be duplicated: its stored options are "
                    + "not valid: " + e.getMessage().replace("--opts", "opts"), e);
        }
        String name = job.name().isEmpty() ? null : job.name();
        return new NewJob(name, job.data().orElse("{}"), options);
    }
}
