package dev.bullpen.queue.redis;

import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import redis.clients.jedis.exceptions.JedisAccessControlException;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Turns Jedis exceptions into the engine's: connection problems become
 * {@link RedisUnavailableException} (retry later), error replies become {@link QueueException}
 * (do not retry). Messages never contain the password.
 */
final class RedisErrors {
    private RedisErrors() {
    }

    static <T> T call(RedisEndpoint endpoint, Supplier<T> action) {
        try {
            return action.get();
        } catch (JedisException e) {
            throw translate(endpoint, e);
        }
    }

    static RuntimeException translate(RedisEndpoint endpoint, JedisException e) {
        if (e instanceof JedisAccessControlException || isAuthError(e)) {
            return new RedisUnavailableException(
                    "Redis at " + endpoint.display() + " refused the login: " + clean(endpoint, e.getMessage()), e);
        }
        if (e instanceof JedisConnectionException) {
            return new RedisUnavailableException(
                    "cannot reach Redis at " + endpoint.display() + ": " + cause(endpoint, e), e);
        }
        if (e instanceof JedisDataException) {
            return new QueueException("Redis at " + endpoint.display() + " replied with an error: "
                    + clean(endpoint, e.getMessage()));
        }
        return new RedisUnavailableException(
                "Redis at " + endpoint.display() + " failed: " + clean(endpoint, e.getMessage()), e);
    }

    private static boolean isAuthError(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = String.valueOf(t.getMessage());
            if (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH") || m.contains("invalid password")
                    || m.contains("invalid username-password")) {
                return true;
            }
        }
        return false;
    }

    private static String cause(RedisEndpoint endpoint, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ConnectException) {
                return "connection refused";
            }
            if (t instanceof SocketTimeoutException) {
                return "timed out (is it a Redis server?)";
            }
            if (t instanceof UnknownHostException) {
                return "unknown host";
            }
            if (t instanceof SSLException) {
                return "TLS handshake failed: " + clean(endpoint, t.getMessage());
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unknown reply") || m.contains("ERR Protocol") || m.contains("Unexpected end of stream")) {
            return "the server did not answer as Redis does (" + clean(endpoint, m) + ")";
        }
        return clean(endpoint, m);
    }

    /** Strips the password from a message, whatever put it there. */
    static String clean(RedisEndpoint endpoint, String message) {
        String m = message == null ? "unknown error" : message;
        String pw = endpoint.passwordValue().orElse(null);
        if (pw != null && !pw.isEmpty()) {
            m = m.replace(pw, "***");
        }
        return RedisEndpoint.mask(m);
    }
}
