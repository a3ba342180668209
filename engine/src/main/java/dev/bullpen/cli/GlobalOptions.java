package dev.bullpen.cli;

import dev.bullpen.queue.QueueConnection;
import dev.bullpen.logging.LogFormat;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.TlsOptions;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name
 * ({@code bullpen --redis URL status} and {@code bullpen status --redis URL}).
 */
public final class GlobalOptions {
    @Option(names = "--redis", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "redis://[user:password@]host:port[/db] or rediss:// for TLS; "
                    + "redis-sentinel://[user:password@]host:port[,host:port...]/mastername[/db]; "
                    + "redis-cluster://[user:password@]host:port[,host:port...]. "
                    + "Default: $REDIS_URL, else $REDIS_HOST/$REDIS_PORT/$REDIS_PASSWORD, else redis://127.0.0.1:6379")
    String redisUrl;

    @Option(names = "--redis-ca", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "TLS: CA certificate(s) (PEM) or trust store (.p12/.jks; password in $REDIS_CA_PASSWORD) "
                    + "that signed the server's certificate. Default: $REDIS_CA, else the JDK's CAs")
    Path redisCa;

    @Option(names = "--redis-cert", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "TLS: client certificate (PEM), with --redis-key. Default: $REDIS_CERT")
    Path redisCert;

    @Option(names = "--redis-key", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "TLS: client private key (unencrypted PKCS#8 PEM). Default: $REDIS_KEY")
    Path redisKey;

    @Option(names = "--redis-keystore", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "TLS: client certificate and key as PKCS12 (password in $REDIS_KEYSTORE_PASSWORD). "
                    + "Default: $REDIS_KEYSTORE")
    Path redisKeystore;

    @Option(names = "--redis-tls-skip-hostname-check", scope = ScopeType.INHERIT,
            description = "TLS: accept a server certificate that does not name the host connected to "
                    + "(e.g. IP-only certificates); the CA is still checked. Default: $REDIS_TLS_SKIP_HOSTNAME_CHECK")
    boolean skipHostnameCheck;

    @Option(names = "--unmask", scope = ScopeType.INHERIT,
            description = "Show personal fields of job data (e-mail, names, addresses, phone numbers) unmasked")
    boolean unmask;

    @Option(names = "--mask-fields", paramLabel = "F,F", split = ",", scope = ScopeType.INHERIT,
            description = "Field names of job data to mask (default: $BULLPEN_MASK_FIELDS, else "
                    + PersonalDataMask.DEFAULT_FIELDS_TEXT + ")")
    List<String> maskFields;

    @Option(names = "--prefix", paramLabel = "P", scope = ScopeType.INHERIT, defaultValue = "bull",
            description = "Bull key prefix (default: ${DEFAULT-VALUE})")
    String prefix = "bull";

    @Option(names = "--log-format", paramLabel = "text|json", scope = ScopeType.INHERIT,
            description = "Log lines as readable text (default) or one JSON object per line for log aggregators. "
                    + "Default: $BULLPEN_LOG_FORMAT, else text")
    String logFormat;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Print stack traces of errors")
    boolean verbose;

    /** The global options of the running command line (they are inherited by every subcommand). */
    public static GlobalOptions of(picocli.CommandLine.Model.CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof MainCommand main) {
            return main.global;
        }
        throw new IllegalStateException("not a bullpen command line: " + root);
    }

    /** The --redis URL exactly as given on the command line, when it was given (environment defaults do not count). */
    public java.util.Optional<String> explicitRedisUrl() {
        return java.util.Optional.ofNullable(redisUrl).filter(u -> !u.isBlank());
    }

    public RedisEndpoint endpoint() {
        Map<String, String> env = System.getenv();
        RedisEndpoint endpoint = RedisEndpoint.resolve(redisUrl, env);
        boolean tlsOptionGiven = redisCa != null || redisCert != null || redisKey != null || redisKeystore != null
                || skipHostnameCheck;
        if (tlsOptionGiven && !endpoint.tls()) {
            throw new InvalidInputException("TLS options (--redis-ca, --redis-cert, --redis-key, --redis-keystore, "
                    + "--redis-tls-skip-hostname-check) need a rediss:// URL, not " + endpoint.safeUrl());
        }
        return endpoint.withTls(TlsOptions.resolve(redisCa, redisCert, redisKey, redisKeystore, skipHostnameCheck, env));
    }

    /** How job data is shown: masked unless {@code --unmask}. */
    public PersonalDataMask mask() {
        if (unmask) {
            return PersonalDataMask.NONE;
        }
        if (maskFields != null && !maskFields.isEmpty()) {
            return PersonalDataMask.of(maskFields);
        }
        return PersonalDataMask.fromEnv(System.getenv());
    }

    /** The log format asked for: the option, else {@code BULLPEN_LOG_FORMAT}, else text. */
    public LogFormat logFormat() {
        return LogFormat.parse(logFormat != null ? logFormat : System.getenv("BULLPEN_LOG_FORMAT"));
    }

    public String prefix() {
        return prefix;
    }

    public boolean verbose() {
        return verbose;
    }

    /** Connects, failing with exit code 3 within about 3 s when Redis is not there. */
    public QueueConnection connect() {
        return QueueConnection.open(endpoint(), prefix);
    }
}
