package dev.bullpen.app;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;

/**
 * What one console window watches and how often.
 *
 * @param endpoint     the Redis to read (its password never reaches the UI or the logs)
 * @param prefix       the Bull key prefix
 * @param pollInterval time between two reads while Redis answers
 * @param readOnly     refuse every action (retry, remove, pause...); shown in the title and status bar
 * @param theme        the theme the window opens with
 * @param openAt       a queue (and state, and job) to open at start, or null for the overview
 * @param mask         personal fields of job data to mask ({@link PersonalDataMask#NONE} after {@code --unmask})
 */
public record ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly,
                              Theme theme, OpenAt openAt, PersonalDataMask mask) {

    /**
     * Where the window opens: a queue's tab, on a state, with a job's detail.
     *
     * @param queue the queue name
     * @param state the state tab, or null for waiting
     * @param jobId the job to show, or null
     */
    public record OpenAt(String queue, JobState state, String jobId) {
    }

    public static final String DEFAULT_PREFIX = "bull";
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);

    public ConsoleSettings {
        if (prefix == null || prefix.isEmpty()) {
            throw new InvalidInputException("--prefix must not be empty");
        }
        if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new InvalidInputException("--poll-interval must be at least " + MIN_POLL_INTERVAL.toMillis() + " ms");
        }
        theme = theme == null ? Theme.LIGHT : theme;
        mask = mask == null ? PersonalDataMask.fromEnv(System.getenv()) : mask;
    }

    /** Personal fields masked as {@code BULLPEN_MASK_FIELDS} (or the default list) says. */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly,
                           Theme theme, OpenAt openAt) {
        this(endpoint, prefix, pollInterval, readOnly, theme, openAt, null);
    }

    /** Read-write, light theme, personal fields masked. */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval) {
        this(endpoint, prefix, pollInterval, false, Theme.LIGHT, null);
    }

    /**
     * {@code Bullpen — redis://host:port}, plus the prefix when it is not Bull's default,
     * {@code · read-only} in read-only mode and {@code · unmasked} after {@code --unmask}; never the password.
     */
    public String windowTitle() {
        String title = "Bullpen — " + endpoint.safeUrl();
        title = DEFAULT_PREFIX.equals(prefix) ? title : title + " · prefix " + prefix;
        title = readOnly ? title + " · read-only" : title;
        return mask.masksNothing() ? title + " · unmasked" : title;
    }
}
