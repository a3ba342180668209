package dev.bullpen.queue;

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
}
