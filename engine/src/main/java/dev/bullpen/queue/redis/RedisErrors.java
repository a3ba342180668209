package dev.bullpen.queue.redis;

import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.RedisUnavailableException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
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
    static final String CONNECTION_LOST = "connection lost (Redis stopped or closed the connection)";

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
        // an ACL refusal of one command, after a good login (JedisAccessControlException too)
        if (String.valueOf(e.getMessage()).startsWith("NOPERM")) {
            return new QueueException("the Redis user " + (endpoint.user() == null ? "default" : endpoint.user())
                    + " may not write (or run this command): " + clean(endpoint, e.getMessage()));
        }
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

    static boolean isAuthError(Throwable e) {
        for (Throwable t : chain(e)) {
            String m = String.valueOf(t.getMessage());
            if (m.startsWith("WRONGPASS") || m.startsWith("NOAUTH") || m.contains("invalid password")
                    || m.contains("invalid username-password")) {
                return true;
            }
        }
        return false;
    }

    /** The exception, its causes and their suppressed exceptions (Jedis adds one per address tried). */
    static List<Throwable> chain(Throwable e) {
        List<Throwable> out = new ArrayList<>();
        Deque<Throwable> todo = new ArrayDeque<>();
        todo.add(e);
        while (!todo.isEmpty() && out.size() < 50) {
            Throwable t = todo.poll();
            if (out.stream().anyMatch(seen -> seen == t)) {
                continue;
            }
            out.add(t);
            if (t.getCause() != null) {
                todo.add(t.getCause());
            }
            todo.addAll(Arrays.asList(t.getSuppressed()));
        }
        return out;
    }

    /**
     * True when the command cannot have run: no connection was made, or the server refused it
     * before running it (a replica during failover, a loading server, a cluster reconfiguring). Such
     * a failure may be retried even for a write.
     */
    static boolean notExecuted(JedisException e) {
        if (e instanceof JedisDataException) {
            String m = String.valueOf(e.getMessage());
            return m.startsWith("READONLY") || m.startsWith("LOADING") || m.startsWith("MASTERDOWN")
                    || m.startsWith("TRYAGAIN") || m.startsWith("CLUSTERDOWN");
        }
        for (Throwable t : chain(e)) {
            String m = String.valueOf(t.getMessage());
            if (t instanceof ConnectException || m.startsWith("Failed to connect")
                    || m.startsWith("Could not get a resource from the pool")) {
                return true;
            }
        }
        return false;
    }

    /** A connection failure of any kind: safe to retry a read. */
    static boolean connectionFailure(JedisException e) {
        return e instanceof JedisConnectionException || notExecuted(e);
    }

    private static String cause(RedisEndpoint endpoint, Throwable e) {
        List<Throwable> chain = chain(e);
        for (Throwable t : chain) {
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
                return "TLS handshake failed: " + tlsCause(endpoint, chain);
            }
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("Unexpected end of stream") || chain.stream().anyMatch(t ->
                String.valueOf(t.getMessage()).contains("Broken pipe")
                        || String.valueOf(t.getMessage()).contains("Connection reset"))) {
            return CONNECTION_LOST;
        }
        if (m.contains("Unknown reply") || m.contains("ERR Protocol")) {
            return "the server did not answer as Redis does (" + clean(endpoint, m) + ")";
        }
        return clean(endpoint, m);
    }

    private static String tlsCause(RedisEndpoint endpoint, List<Throwable> chain) {
        for (Throwable t : chain) {
            String m = String.valueOf(t.getMessage());
            if (m.contains("PKIX path") || m.contains("unable to find valid certification path")) {
                return "the server's certificate is not signed by a trusted CA (see --redis-ca)";
            }
            if (m.contains("No subject alternative") || m.contains("No name matching")) {
                return "the server's certificate does not name host " + endpoint.host()
                        + " (" + clean(endpoint, m) + "; --redis-tls-skip-hostname-check turns this check off)";
            }
            if (m.contains("bad_certificate") || m.contains("certificate_required")) {
                return "the server refused our client certificate or wants one (see --redis-cert/--redis-key)";
            }
        }
        String first = String.valueOf(chain.get(0).getMessage());
        for (Throwable t : chain) {
            if (t instanceof SSLException) {
                first = String.valueOf(t.getMessage());
                break;
            }
        }
        return clean(endpoint, first.lines().findFirst().orElse(first));
    }

    /** Strips the password from a message, whatever put it there. */
    static String clean(RedisEndpoint endpoint, String message) {
        String m = message == null ? "unknown error" : message;
        for (String pw : new String[] {endpoint.passwordValue().orElse(null),
                endpoint.sentinelPasswordValue().orElse(null)}) {
            if (pw != null && !pw.isEmpty()) {
                m = m.replace(pw, "***");
            }
        }
        return RedisEndpoint.mask(m);
    }
}
