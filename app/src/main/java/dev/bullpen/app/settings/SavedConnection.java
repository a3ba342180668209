package dev.bullpen.app.settings;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;
import java.util.UUID;

/**
 * A connection the user saved: what the sidebar lists and the console opens.
 *
 * @param id           stable across renames (window state refers to it)
 * @param name         shown in the sidebar, tabs and banners; unique among saved connections
 * @param url          the Redis URL without a password ({@code redis://[user@]host:port[/db]}, rediss, sentinel, cluster)
 * @param prefix       the Bull key prefix
 * @param readOnly     refuse every action on this connection
 * @param pollInterval time between two reads of its queues
 * @param password     where its password comes from
 */
public record SavedConnection(String id, String name, String url, String prefix, boolean readOnly,
                              Duration pollInterval, PasswordSource password) {
    public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(2);
    public static final Duration MIN_POLL_INTERVAL = Duration.ofMillis(100);
    public static final int MAX_NAME_LENGTH = 60;

    /** @throws InvalidInputException naming the first thing that is wrong */
    public SavedConnection {
        if (id == null || id.isBlank()) {
            throw new InvalidInputException("the connection has no id");
        }
        name = name == null ? "" : name.strip();
        if (name.isEmpty()) {
            throw new InvalidInputException("the connection name must not be empty");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw new InvalidInputException("the connection name is longer than " + MAX_NAME_LENGTH + " characters");
        }
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("the Redis URL of '" + name + "' is empty");
        }
        url = url.strip();
        RedisEndpoint endpoint = RedisEndpoint.parse(url);
        if (endpoint.passwordValue().isPresent()) {
            throw new InvalidInputException("the Redis URL of '" + name + "' contains a password: "
                    + "remove it from the URL (" + endpoint.withPassword(null).safeUrl() + ") and choose below where "
                    + "the password comes from");
        }
        if (prefix == null || prefix.isEmpty()) {
            throw new InvalidInputException("the key prefix of '" + name + "' must not be empty");
        }
        pollInterval = pollInterval == null ? DEFAULT_POLL_INTERVAL : pollInterval;
        if (pollInterval.compareTo(MIN_POLL_INTERVAL) < 0) {
            throw new InvalidInputException("the poll interval of '" + name + "' must be at least "
                    + MIN_POLL_INTERVAL.toMillis() + " ms");
        }
        password = password == null ? new PasswordSource.None() : password;
    }

    /** A fresh id for a new connection. */
    public static String newId() {
        return UUID.randomUUID().toString();
    }

    /** Where it connects, without a password. */
    public RedisEndpoint endpoint() {
        return RedisEndpoint.parse(url);
    }

    /** The same connection with other settings (the id stays). */
    public SavedConnection with(String newName, String newUrl, String newPrefix, boolean newReadOnly,
                                Duration newPollInterval, PasswordSource newPassword) {
        return new SavedConnection(id, newName, newUrl, newPrefix, newReadOnly, newPollInterval, newPassword);
    }

    @Override
    public String toString() {
        return "SavedConnection[" + name + ", " + url + ", prefix " + prefix + (readOnly ? ", read-only" : "")
                + ", password " + password.text() + "]";
    }
}
