package dev.bullpen.app;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.RedisEndpoint;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How one console window starts.
 *
 * @param endpoint      the Redis given on the command line, or the default one (its password never reaches the UI or
 *                      the logs)
 * @param prefix        the Bull key prefix of that Redis
 * @param pollInterval  time between two reads of it while it answers
 * @param readOnly      refuse every action on every connection of the window; shown in the title and status bar
 * @param theme         the theme the window opens with, or null for the remembered one (else light)
 * @param openAt        a queue (and state, and job) to open at start, or null for the overview
 * @param home          the settings directory (saved connections, window state), or null to remember nothing
 * @param endpointGiven the endpoint was given ({@code --redis}): it is opened in addition to the connections that
 *                      were open last time; otherwise it is opened only when there is nothing else to open
 * @param mask          personal fields of job data to mask ({@link PersonalDataMask#NONE} after {@code --unmask})
 */
public record ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly,
                              Theme theme, OpenAt openAt, Path home, boolean endpointGiven, PersonalDataMask mask) {

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
        mask = mask == null ? PersonalDataMask.fromEnv(System.getenv()) : mask;
    }

    /** One Redis, remembering nothing (tests, the demo). */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly, Theme theme,
                           OpenAt openAt) {
        this(endpoint, prefix, pollInterval, readOnly, theme == null ? Theme.LIGHT : theme, openAt, null, true, null);
    }

    /** One Redis, remembering nothing, with these personal fields masked ({@link PersonalDataMask#NONE}: none). */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly, Theme theme,
                           OpenAt openAt, PersonalDataMask mask) {
        this(endpoint, prefix, pollInterval, readOnly, theme == null ? Theme.LIGHT : theme, openAt, null, true, mask);
    }

    /** Remembering in {@code home}, personal fields masked as {@code BULLPEN_MASK_FIELDS} (or the default list) says. */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly, Theme theme,
                           OpenAt openAt, Path home, boolean endpointGiven) {
        this(endpoint, prefix, pollInterval, readOnly, theme, openAt, home, endpointGiven, null);
    }

    /** Read-write, light theme, remembering nothing, personal fields masked. */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval) {
        this(endpoint, prefix, pollInterval, false, Theme.LIGHT, null);
    }

    /** A copy that keeps its saved connections and window state in this directory. */
    public ConsoleSettings rememberingIn(Path settingsHome, boolean given) {
        return new ConsoleSettings(endpoint, prefix, pollInterval, readOnly, theme, openAt, settingsHome, given, mask);
    }

    /**
     * {@code Bullpen — redis://host:port}, plus the prefix when it is not Bull's default and
     * {@code · read-only} in read-only mode and {@code · unmasked} after {@code --unmask}; never the password.
     */
    public String windowTitle() {
        String title = "Bullpen — " + endpoint.safeUrl();
        title = DEFAULT_PREFIX.equals(prefix) ? title : title + " · prefix " + prefix;
        title = readOnly ? title + " · read-only" : title;
        return mask.masksNothing() ? title + " · unmasked" : title;
    }
}
