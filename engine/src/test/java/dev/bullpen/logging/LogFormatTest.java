package dev.bullpen.logging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.bullpen.cli.MainCommand;
import dev.bullpen.queue.InvalidInputException;
import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

class LogFormatTest {

    @Test
    void jsonIsOneObjectPerLineWithMdcKeyValuesAndTheStackTrace() throws Exception {
        LoggerContext ctx = (LoggerContext) LoggerFactory.getILoggerFactory();
        ch.qos.logback.classic.Logger root = ctx.getLogger(Logger.ROOT_LOGGER_NAME);
        List<Appender<ILoggingEvent>> saved = new ArrayList<>();
        for (Iterator<Appender<ILoggingEvent>> it = root.iteratorForAppenders(); it.hasNext();) {
            saved.add(it.next());
        }
        saved.forEach(root::detachAppender);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        OutputStreamAppender<ILoggingEvent> out = new OutputStreamAppender<>();
        out.setContext(ctx);
        PatternLayoutEncoder text = new PatternLayoutEncoder();
        text.setContext(ctx);
        text.setPattern("%msg%n");
        text.start();
        out.setEncoder(text);
        out.setOutputStream(bytes);
        out.start();
        root.addAppender(out);
        try {
            assertEquals(1, LogFormat.JSON.apply());
            Logger log = LoggerFactory.getLogger("dev.bullpen.worker.Test");
            MDC.put("queue", "checkout");
            MDC.put("jobId", "42");
            log.warn("job \"failed\"\nsecond line", new IllegalStateException("boom"));
            MDC.clear();
            log.atInfo().addKeyValue("queue", "mails").log("plain");
        } finally {
            root.detachAppender(out);
            saved.forEach(root::addAppender);
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertEquals(2, lines.length, bytes.toString(StandardCharsets.UTF_8));
        ObjectMapper m = new ObjectMapper();
        JsonNode first = m.readTree(lines[0]);
        assertEquals("WARN", first.get("level").asText());
        assertEquals("job \"failed\"\nsecond line", first.get("msg").asText());
        assertEquals("checkout", first.get("queue").asText());
        assertEquals("42", first.get("jobId").asText());
        assertTrue(first.get("exception").asText().contains("IllegalStateException: boom"));
        assertTrue(first.get("ts").asText().endsWith("Z"));
        JsonNode second = m.readTree(lines[1]);
        assertEquals("mails", second.get("queue").asText());
        assertEquals("plain", second.get("msg").asText());
    }

    @Test
    void unknownFormatIsBadUsage() {
        assertThrows(InvalidInputException.class, () -> LogFormat.parse("xml"));
        assertEquals(LogFormat.TEXT, LogFormat.parse(null));
        StringWriter err = new StringWriter();
        var cl = MainCommand.commandLine();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        assertEquals(2, cl.execute("--log-format", "xml", "status"));
        assertTrue(err.toString().contains("unknown log format 'xml'"), err.toString());
    }
}
