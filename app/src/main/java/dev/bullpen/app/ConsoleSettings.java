package dev.bullpen.app;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;

/**
 * What one console window watches and how often.
 *
 * @param endpoint     the Redis to read (its password never reaches the UI or the logs)
 * @param prefix       the Bull key prefix
 * @param pollInterval time between two reads while Redis answers
 */
public record ConsoleSettings(RedisEndpoint endpoint, String prefix, Duration pollInterval) {
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

    /** {@code Bullpen — redis://host:port}, plus the prefix when it is not Bull's default; never the password. */
    public String windowTitle() {
        String title = "Bullpen — " + endpoint.safeUrl();
        return DEFAULT_PREFIX.equals(prefix) ? title : title + " · prefix " + prefix;
    }
}
