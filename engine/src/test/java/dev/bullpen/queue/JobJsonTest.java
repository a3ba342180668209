package dev.bullpen.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobJsonTest {

    @Test
    void parsesJsonFieldsAndNumbersAndKeepsRawTextOtherwise() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("name", "n");
        h.put("data", "not json {");
        h.put("opts", "{\"attempts\":1}");
        h.put("timestamp", "soon");
        h.put("delay", "0");
        h.put("returnvalue", "\"ok\"");
        h.put("progress", "42");
        ObjectNode o = JobJson.toJson(new JobSnapshot("7", h));
        assertEquals("7", o.get("id").asText());
        assertEquals("not json {", o.get("data").asText());
        assertEquals(1, o.get("opts").get("attempts").asInt());
        assertTrue(o.get("timestamp").isTextual());
        assertTrue(o.get("delay").isNumber());
        assertEquals("ok", o.get("returnvalue").asText());
        assertEquals(42, o.get("progress").asInt());
        assertTrue(o.get("attemptsMade").isNull(), "a job that never ran has attemptsMade null");
        assertEquals(JobJson.FIELDS.size(), o.size());
    }
}
