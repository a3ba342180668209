package dev.bullpen.cli;

import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisEndpoint;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * Options every command accepts, before or after the command name
 * ({@code bullpen --redis URL status} and {@code bullpen status --redis URL}).
 */
public final class GlobalOptions {
    @Option(names = "--redis", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "redis://[user:password@]host:port[/db] or rediss:// for TLS. "
                    + "Default: $REDIS_URL, else $REDIS_HOST/$REDIS_PORT/$REDIS_PASSWORD, else redis://127.0.0.1:6379")
    String redisUrl;

    @Option(names = "--prefix", paramLabel = "P", scope = ScopeType.INHERIT, defaultValue = "bull",
            description = "Bull key prefix (default: ${DEFAULT-VALUE})")
    String prefix = "bull";

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

    public RedisEndpoint endpoint() {
        return RedisEndpoint.resolve(redisUrl, System.getenv());
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
