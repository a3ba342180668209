package dev.bullpen.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.core.ConsoleAppender;
import java.net.URL;
import java.net.URLClassLoader;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

class LogSetupTest {
    /** Sees no resource at all: no logback.xml, no logback-test.xml. */
    private static final ClassLoader BARE = new URLClassLoader(new URL[0], null);

    @Test
    void withoutAConfigurationFileLogsGoToStderrWithBullpenAtInfoAndLibrariesAtWarn() {
        LoggerContext ctx = new LoggerContext();
        assertEquals(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY, new LogSetup(BARE).configure(ctx));
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        assertEquals(Level.WARN, root.getLevel());
        assertEquals(Level.INFO, ctx.getLogger("dev.bullpen").getLevel());
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertEquals("System.err", stderr.getTarget());
        assertTrue(stderr.isStarted());
    }

    @Test
    void aLogbackTestXmlOnTheClassPathWins() {
        // the app's test class path has one (src/test/resources/logback-test.xml)
        LoggerContext ctx = new LoggerContext();
        assertEquals(ExecutionStatus.INVOKE_NEXT_IF_ANY, new LogSetup(LogSetupTest.class.getClassLoader()).configure(ctx));
        assertNull(ctx.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR"));
    }
}
