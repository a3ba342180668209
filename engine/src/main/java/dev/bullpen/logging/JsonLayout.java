package dev.bullpen.logging;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Map;
import org.slf4j.event.KeyValuePair;

/**
 * One JSON object per line for log aggregators: {@code ts} (ISO-8601 UTC), {@code level},
 * {@code logger}, {@code thread}, {@code msg}, then every MDC entry and SLF4J key/value pair
 * (e.g. {@code queue}, {@code jobId}) as its own field, and {@code exception} with the stack trace.
 */
public final class JsonLayout extends LayoutBase<ILoggingEvent> {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Override
    public String doLayout(ILoggingEvent event) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("ts", Instant.ofEpochMilli(event.getTimeStamp()).toString());
        o.put("level", event.getLevel().toString());
        o.put("logger", event.getLoggerName());
        o.put("thread", event.getThreadName());
        o.put("msg", event.getFormattedMessage());
        Map<String, String> mdc = event.getMDCPropertyMap();
        if (mdc != null) {
            mdc.forEach((k, v) -> {
                if (!o.has(k)) {
                    o.put(k, v);
                }
            });
        }
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair kv : event.getKeyValuePairs()) {
                if (!o.has(kv.key)) {
                    o.put(kv.key, String.valueOf(kv.value));
                }
            }
        }
        if (event.getThrowableProxy() != null) {
            o.put("exception", ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        try {
            return MAPPER.writeValueAsString(o) + CoreConstants.LINE_SEPARATOR;
        } catch (JsonProcessingException e) {
            return "{\"level\":\"ERROR\",\"msg\":\"unprintable log event\"}" + CoreConstants.LINE_SEPARATOR;
        }
    }

    @Override
    public String getContentType() {
        return "application/json";
    }
}
