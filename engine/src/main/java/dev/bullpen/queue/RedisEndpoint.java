package dev.bullpen.queue;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * Where Redis is and how to log in. The password is never part of {@link #toString()} or
 * {@link #display()}.
 */
public record RedisEndpoint(String host, int port, String user, String password, int database, boolean tls) {
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";

    public RedisEndpoint {
        if (host == null || host.isBlank()) {
            throw new InvalidInputException("Redis host is empty");
        }
        if (port < 1 || port > 65535) {
            throw new InvalidInputException("Redis port " + port + " is out of range 1-65535");
        }
        if (database < 0) {
            throw new InvalidInputException("Redis database " + database + " must be 0 or more");
        }
    }

    /**
     * Parses {@code redis://[user:password@]host:port[/db]} or {@code rediss://...} (TLS).
     *
     * @throws InvalidInputException naming what is wrong, without echoing the password
     */
    public static RedisEndpoint parse(String url) {
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("invalid Redis URL " + mask(url) + ": " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
            throw new InvalidInputException(
                    "invalid Redis URL " + mask(url) + ": scheme must be redis:// or rediss://");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new InvalidInputException("invalid Redis URL " + mask(url) + ": no host");
        }
        int port = uri.getPort() == -1 ? 6379 : uri.getPort();
        String user = null;
        String password = null;
        String info = uri.getRawUserInfo();
        if (info != null && !info.isEmpty()) {
            int colon = info.indexOf(':');
            if (colon < 0) {
                user = decode(info);
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        int db = 0;
        String path = uri.getPath();
        if (path != null && path.length() > 1) {
            try {
                db = Integer.parseInt(path.substring(1));
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        "invalid Redis URL " + mask(url) + ": database '" + path.substring(1) + "' is not a number");
            }
        }
        return new RedisEndpoint(host, port, emptyToNull(user), emptyToNull(password), db, scheme.equals("rediss"));
    }

    /**
     * The endpoint to use: the explicit URL, else {@code REDIS_URL}, else {@code REDIS_HOST} /
     * {@code REDIS_PORT} / {@code REDIS_PASSWORD} (and {@code REDIS_USERNAME}), else 127.0.0.1:6379.
     */
    public static RedisEndpoint resolve(String explicitUrl, Map<String, String> env) {
        if (explicitUrl != null && !explicitUrl.isBlank()) {
            return parse(explicitUrl);
        }
        String url = env.get("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return parse(url);
        }
        String host = env.get("REDIS_HOST");
        String port = env.get("REDIS_PORT");
        String password = env.get("REDIS_PASSWORD");
        if (host != null || port != null || password != null) {
            int p = 6379;
            if (port != null && !port.isBlank()) {
                try {
                    p = Integer.parseInt(port.trim());
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("REDIS_PORT '" + port + "' is not a number");
                }
            }
            return new RedisEndpoint(host == null || host.isBlank() ? "127.0.0.1" : host.trim(), p,
                    emptyToNull(env.get("REDIS_USERNAME")), emptyToNull(password), 0, false);
        }
        return parse(DEFAULT_URL);
    }

    /** {@code host:port}, safe for any output. */
    public String display() {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The URL without the password, e.g. {@code redis://app:***@host:6379/2}. */
    public String safeUrl() {
        String auth = user == null && password == null ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        return (tls ? "rediss://" : "redis://") + auth + display() + (database == 0 ? "" : "/" + database);
    }

    public Optional<String> passwordValue() {
        return Optional.ofNullable(password);
    }

    /** A copy with another password (used when the user is asked for it). */
    public RedisEndpoint withPassword(String newPassword) {
        return new RedisEndpoint(host, port, user, emptyToNull(newPassword), database, tls);
    }

    @Override
    public String toString() {
        return safeUrl();
    }

    /** Replaces the password part of a URL-like text with {@code ***}. */
    public static String mask(String url) {
        if (url == null) {
            return "null";
        }
        return url.replaceAll("(://[^:/@]*:)[^@]*@", "$1***@");
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
