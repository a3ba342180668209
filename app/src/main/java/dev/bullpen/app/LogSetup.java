package dev.bullpen.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import org.slf4j.Logger;

/**
 * Bullpen's logging, set up in code (a Logback {@link Configurator} found by the service loader):
 * everything on stderr, since stdout belongs to the CLI's output (JSON); {@code dev.bullpen} at INFO,
 * libraries at WARN. Reading the same from a {@code logback.xml} loads Logback's XML configurator and
 * a JAXP parser, about a third of a CLI command's start-up CPU.
 *
 * <p>A {@code -Dlogback.configurationFile=...} or a {@code logback-test.xml} / {@code logback.xml} on the
 * class path still wins: then this steps aside and Logback reads that file as usual. Messages never
 * carry passwords.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_NORMAL_PRIORITY)
public final class LogSetup extends ContextAwareBase implements Configurator {
    static final String PATTERN = "%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n";

    private final ClassLoader loader;

    /** Used by Logback's service loader. */
    public LogSetup() {
        this(LogSetup.class.getClassLoader());
    }

    /** @param loader where to look for a {@code logback-test.xml} or {@code logback.xml} that should win */
    LogSetup(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public ExecutionStatus configure(LoggerContext ctx) {
        if (System.getProperty("logback.configurationFile") != null
                || loader.getResource("logback-test.xml") != null || loader.getResource("logback.xml") != null) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(ctx);
        encoder.setPattern(PATTERN);
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(ctx);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        ctx.getLogger("dev.bullpen").setLevel(Level.INFO);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
