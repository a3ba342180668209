package dev.bullpen.queue;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where Redis is and how to log in. The password is never part of {@link #toString()} or
 * {@link #display()}.
 *
 * <p>URL forms:
 * <ul>
 *   <li>{@code redis://[user:password@]host[:port][/db]}, {@code rediss://...} for TLS;</li>
 *   <li>{@code redis-sentinel://[user:password@]host:port[,host:port...]/mastername[/db]}: the
 *       sentinels to ask, and the name of the master they watch; the credentials are those of the
 *       master and its replicas; sentinels that want a login of their own get it from
 *       {@code REDIS_SENTINEL_PASSWORD} (and {@code REDIS_SENTINEL_USERNAME}), see {@link #resolve};
 *       {@code rediss-sentinel://} for TLS to sentinels and servers alike;</li>
 *   <li>{@code redis-cluster://[user:password@]host:port[,host:port...]}: seed nodes of a Redis
 *       Cluster (database 0 only); {@code rediss-cluster://} for TLS.</li>
 * </ul>
 * For {@link Kind#SENTINEL} and {@link Kind#CLUSTER}, {@link #host()} and {@link #port()} are
 * those of the first node listed.
 */
public record RedisEndpoint(String host, int port, String user, String password, int database, boolean tls,
        Kind kind, List<String> nodes, String masterName, TlsOptions tlsOptions, String sentinelUser,
        String sentinelPassword) {
    public static final String DEFAULT_URL = "redis://127.0.0.1:6379";
    /** Environment variables with the sentinels' own login (Sentinel's {@code requirepass} / ACL user). */
    public static final String SENTINEL_PASSWORD_ENV = "REDIS_SENTINEL_PASSWORD";
    public static final String SENTINEL_USERNAME_ENV = "REDIS_SENTINEL_USERNAME";

    /** How Bullpen finds the Redis it writes to. */
    public enum Kind { STANDALONE, SENTINEL, CLUSTER }

    /** A single server, default TLS settings. */
    public RedisEndpoint(String host, int port, String user, String password, int database, boolean tls) {
        this(host, port, user, password, database, tls, Kind.STANDALONE, null, null, TlsOptions.DEFAULTS);
    }

    /** Any kind, sentinels without a login of their own. */
    public RedisEndpoint(String host, int port, String user, String password, int database, boolean tls,
            Kind kind, List<String> nodes, String masterName, TlsOptions tlsOptions) {
        this(host, port, user, password, database, tls, kind, nodes, masterName, tlsOptions, null, null);
    }

    public RedisEndpoint {
        kind = kind == null ? Kind.STANDALONE : kind;
        tlsOptions = tlsOptions == null ? TlsOptions.DEFAULTS : tlsOptions;
        nodes = nodes == null || nodes.isEmpty() ? List.of(hostPort(host, port)) : List.copyOf(nodes);
        if (kind == Kind.SENTINEL && (masterName == null || masterName.isBlank())) {
            throw new InvalidInputException("a redis-sentinel:// URL needs the master name: "
                    + "redis-sentinel://host:26379[,host:port...]/mastername");
        }
        if (kind != Kind.SENTINEL && (sentinelUser != null || sentinelPassword != null)) {
            throw new InvalidInputException("a sentinel login is only for a redis-sentinel:// URL");
        }
        if (kind == Kind.CLUSTER && database != 0) {
            throw new InvalidInputException("Redis Cluster has only database 0");
        }
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
        String trimmed = url.trim();
        for (String multi : List.of("redis-sentinel", "rediss-sentinel", "redis-cluster", "rediss-cluster")) {
            if (trimmed.startsWith(multi + "://")) {
                return parseMultiNode(trimmed, multi);
            }
        }
        URI uri;
        try {
            uri = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("invalid Redis URL " + mask(url) + ": " + e.getReason());
        }
        String scheme = uri.getScheme();
        if (scheme == null || !(scheme.equals("redis") || scheme.equals("rediss"))) {
            throw new InvalidInputException("invalid Redis URL " + mask(url)
                    + ": scheme must be redis://, rediss://, redis-sentinel:// or redis-cluster://");
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

    private static RedisEndpoint parseMultiNode(String url, String scheme) {
        boolean tls = scheme.startsWith("rediss");
        Kind kind = scheme.endsWith("sentinel") ? Kind.SENTINEL : Kind.CLUSTER;
        String rest = url.substring(scheme.length() + 3);
        if (rest.contains("?") || rest.contains("#")) {
            throw new InvalidInputException("invalid Redis URL " + mask(url) + ": no query or fragment allowed");
        }
        String user = null;
        String password = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            String info = rest.substring(0, at);
            rest = rest.substring(at + 1);
            int colon = info.indexOf(':');
            if (colon < 0) {
                user = decode(info);
            } else {
                user = colon == 0 ? null : decode(info.substring(0, colon));
                password = decode(info.substring(colon + 1));
            }
        }
        int slash = rest.indexOf('/');
        String hostList = slash < 0 ? rest : rest.substring(0, slash);
        String path = slash < 0 ? "" : rest.substring(slash + 1);
        int defaultPort = kind == Kind.SENTINEL ? 26379 : 6379;
        List<String> nodes = new ArrayList<>();
        String firstHost = null;
        int firstPort = 0;
        for (String part : hostList.split(",")) {
            String h = part.trim();
            if (h.isEmpty()) {
                continue;
            }
            int p = defaultPort;
            int colon = h.lastIndexOf(':');
            if (colon > 0 && h.indexOf(']') < colon) {
                try {
                    p = Integer.parseInt(h.substring(colon + 1));
                } catch (NumberFormatException e) {
                    throw new InvalidInputException("invalid Redis URL " + mask(url) + ": port '"
                            + h.substring(colon + 1) + "' is not a number");
                }
                h = h.substring(0, colon);
            }
            if (h.startsWith("[") && h.endsWith("]")) {
                h = h.substring(1, h.length() - 1);
            }
            if (h.isEmpty() || p < 1 || p > 65535) {
                throw new InvalidInputException("invalid Redis URL " + mask(url) + ": bad node '" + part
                        + "' (host:port, port 1-65535)");
            }
            nodes.add(hostPort(h, p));
            if (firstHost == null) {
                firstHost = h;
                firstPort = p;
            }
        }
        if (firstHost == null) {
            throw new InvalidInputException("invalid Redis URL " + mask(url) + ": no host");
        }
        String master = null;
        int db = 0;
        String[] segments = path.isEmpty() ? new String[0] : path.split("/");
        if (kind == Kind.SENTINEL) {
            if (segments.length == 0 || segments[0].isBlank()) {
                throw new InvalidInputException("invalid Redis URL " + mask(url)
                        + ": the master name is missing (redis-sentinel://host:26379[,host:port...]/mastername)");
            }
            master = decode(segments[0]);
            segments = java.util.Arrays.copyOfRange(segments, 1, segments.length);
        }
        if (segments.length > 1 || segments.length == 1 && kind == Kind.CLUSTER) {
            throw new InvalidInputException("invalid Redis URL " + mask(url) + ": unexpected path '/" + path + "'");
        }
        if (segments.length == 1) {
            try {
                db = Integer.parseInt(segments[0]);
            } catch (NumberFormatException e) {
                throw new InvalidInputException(
                        "invalid Redis URL " + mask(url) + ": database '" + segments[0] + "' is not a number");
            }
        }
        return new RedisEndpoint(firstHost, firstPort, emptyToNull(user), emptyToNull(password), db, tls,
                kind, nodes, master, TlsOptions.DEFAULTS);
    }

    /** {@code host:port}, with brackets around an IPv6 host. */
    static String hostPort(String host, int port) {
        return (host != null && host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    /**
     * The endpoint to use: the explicit URL, else {@code REDIS_URL}, else {@code REDIS_HOST} /
     * {@code REDIS_PORT} / {@code REDIS_PASSWORD} (and {@code REDIS_USERNAME}), else 127.0.0.1:6379.
     * For a {@code redis-sentinel://} URL, the sentinels' own login comes from
     * {@code REDIS_SENTINEL_PASSWORD} and {@code REDIS_SENTINEL_USERNAME} when set (a password is
     * never part of a command line that {@code ps} shows).
     */
    public static RedisEndpoint resolve(String explicitUrl, Map<String, String> env) {
        if (explicitUrl != null && !explicitUrl.isBlank()) {
            return withSentinelLoginFrom(parse(explicitUrl), env);
        }
        String url = env.get("REDIS_URL");
        if (url != null && !url.isBlank()) {
            return withSentinelLoginFrom(parse(url), env);
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

    private static RedisEndpoint withSentinelLoginFrom(RedisEndpoint e, Map<String, String> env) {
        if (e.kind() != Kind.SENTINEL) {
            return e;
        }
        String pw = emptyToNull(env.get(SENTINEL_PASSWORD_ENV));
        String user = emptyToNull(env.get(SENTINEL_USERNAME_ENV));
        return pw == null && user == null ? e : e.withSentinelLogin(user, pw);
    }

    /** A copy whose sentinels are asked with this login (user may be null: the default user). */
    public RedisEndpoint withSentinelLogin(String newSentinelUser, String newSentinelPassword) {
        return new RedisEndpoint(host, port, user, password, database, tls, kind, nodes, masterName, tlsOptions,
                emptyToNull(newSentinelUser), emptyToNull(newSentinelPassword));
    }

    /** The sentinels' own password, when they need one. */
    public Optional<String> sentinelPasswordValue() {
        return Optional.ofNullable(sentinelPassword);
    }

    /**
     * {@code host:port} (several, comma-separated, for Sentinel and Cluster, plus the master name
     * for Sentinel), safe for any output.
     */
    public String display() {
        return switch (kind) {
            case STANDALONE -> hostPort(host, port);
            case SENTINEL -> "sentinel " + String.join(",", nodes) + " master " + masterName;
            case CLUSTER -> "cluster " + String.join(",", nodes);
        };
    }

    /** The URL without the password, e.g. {@code redis://app:***@host:6379/2}. */
    public String safeUrl() {
        String auth = user == null && password == null ? ""
                : (user == null ? "" : user) + (password == null ? "" : ":***") + "@";
        String scheme = (tls ? "rediss" : "redis") + switch (kind) {
            case STANDALONE -> "";
            case SENTINEL -> "-sentinel";
            case CLUSTER -> "-cluster";
        };
        String where = kind == Kind.STANDALONE ? hostPort(host, port) : String.join(",", nodes);
        String path = (kind == Kind.SENTINEL ? "/" + masterName : "") + (database == 0 ? "" : "/" + database);
        return scheme + "://" + auth + where + path;
    }

    /** A copy with other TLS settings (CA, client certificate, hostname check). */
    public RedisEndpoint withTls(TlsOptions options) {
        return new RedisEndpoint(host, port, user, password, database, tls, kind, nodes, masterName, options,
                sentinelUser, sentinelPassword);
    }

    public Optional<String> passwordValue() {
        return Optional.ofNullable(password);
    }

    /** A copy with another password (used when the user is asked for it). */
    public RedisEndpoint withPassword(String newPassword) {
        return new RedisEndpoint(host, port, user, emptyToNull(newPassword), database, tls, kind, nodes, masterName,
                tlsOptions, sentinelUser, sentinelPassword);
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
