package dev.bullpen.app;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobState;
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
 */
public record ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly,
                              Theme theme, OpenAt openAt, Path home, boolean endpointGiven) {

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
    }

    /** One Redis, remembering nothing (tests, the demo). */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval, boolean readOnly, Theme theme,
                           OpenAt openAt) {
        this(endpoint, prefix, pollInterval, readOnly, theme == null ? Theme.LIGHT : theme, openAt, null, true);
    }

    /** Read-write, light theme, remembering nothing. */
    public ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval) {
        this(endpoint, prefix, pollInterval, false, Theme.LIGHT, null);
    }

    /** A copy that keeps its saved connections and window state in this directory. */
    public ConsoleSettings rememberingIn(Path settingsHome, boolean given) {
        return new ConsoleSettings(endpoint, prefix, pollInterval, readOnly, theme, openAt, settingsHome, given);
    }

    /**
     * {@code Bullpen — redis://host:port}, plus the prefix when it is not Bull's default and
     * {@code · read-only} in read-only mode; never the password.
     */
    public String windowTitle() {
        String title = "Bullpen — " + endpoint.safeUrl();
        title = DEFAULT_PREFIX.equals(prefix) ? title : title + " · prefix " + prefix;
        return readOnly ? title + " · read-only" : title;
    }
}
