package dev.bullpen.logging;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import dev.bullpen.queue.InvalidInputException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@code --log-format text|json}: switches the console/file appenders of Logback to {@link JsonLayout}. */
public enum LogFormat {
    TEXT, JSON;

    public static LogFormat parse(String s) {
        return switch (s == null ? "" : s.trim().toLowerCase(Locale.ROOT)) {
            case "", "text" -> TEXT;
            case "json" -> JSON;
            default -> throw new InvalidInputException("unknown log format '" + s + "': use text or json");
        };
    }

    /**
     * Applies the format to every appender of the root logger that writes to a stream. Does
     * nothing for {@link #TEXT} (the configured pattern stays) or when Logback is not the SLF4J
     * provider.
     *
     * @return how many appenders were switched
     */
    public int apply() {
        if (this == TEXT) {
            return 0;
        }
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!isLogback(factory)) {
            return 0;
        }
        LoggerContext ctx = (LoggerContext) factory;
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> appenders = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
            appenders.add(it.next());
        }
        int switched = 0;
        for (Appender<ILoggingEvent> a : appenders) {
            if (a instanceof OutputStreamAppender<ILoggingEvent> out) {
                JsonLayout layout = new JsonLayout();
                layout.setContext(ctx);
                layout.start();
                LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
                encoder.setContext(ctx);
                encoder.setLayout(layout);
                encoder.start();
                // swapped in place: stopping would close the stream (System.err for a console appender)
                out.setEncoder(encoder);
                switched++;
            }
        }
        return switched;
    }

    private static boolean isLogback(ILoggerFactory factory) {
        try {
            return factory instanceof LoggerContext;
        } catch (NoClassDefFoundError noLogback) {
            return false;
        }
    }
}
