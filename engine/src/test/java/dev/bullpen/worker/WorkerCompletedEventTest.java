package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.Json;
import org.junit.jupiter.api.Test;

class WorkerCompletedEventTest {
    /** What the worker published before the direct path: Jackson's rendering of the event object. */
    private static String viaJackson(String id, String val) {
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("jobId", id);
        if (val != null) {
            event.put("val", val);
        }
        return event.toString();
    }

    @Test
    void directPathWritesWhatJacksonWrites() {
        for (String id : new String[] {"1", "123456", "repeat:ab35c9:1796012978800", "a b-c_d.e/f", "~!@#$%^&*()"}) {
            assertEquals(viaJackson(id, null), JobRunner.completedEvent(id, null), id);
            assertEquals("{\"jobId\":\"" + id + "\"}", JobRunner.completedEvent(id, null), id);
        }
    }

    @Test
    void idsThatNeedEscapingAndValuesGoThroughJackson() {
        for (String id : new String[] {"q\"uote", "back\\slash", "tab\there", "new\nline", "é", "\u007f", "\u2028"}) {
            assertEquals(viaJackson(id, null), JobRunner.completedEvent(id, null), id);
        }
        assertEquals("{\"jobId\":\"7\",\"val\":\"{\\\"a\\\":1}\"}", JobRunner.completedEvent("7", "{\"a\":1}"));
        assertEquals(viaJackson("7", "null"), JobRunner.completedEvent("7", "null"));
    }
}
