package dev.bullpen.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PersonalDataMaskTest {

    @Test
    void masksDefaultFieldsAtAnyDepthIgnoringCaseDashAndUnderscore() {
        String json = "{\"E-Mail\":\"a@b.c\",\"order\":{\"user_name\":\"ann\",\"PHONE\":123,\"name\":\"Widget\"},"
                + "\"lines\":[{\"shipping_address\":{\"street\":\"x\"}}]}";
        assertEquals("{\"E-Mail\":\"***\",\"order\":{\"user_name\":\"***\",\"PHONE\":\"***\",\"name\":\"Widget\"},"
                + "\"lines\":[{\"shipping_address\":\"***\"}]}", PersonalDataMask.DEFAULT.applyToJson(json));
    }

    @Test
    void customListEnvironmentAndUnmask() {
        PersonalDataMask names = PersonalDataMask.of(List.of("name", " iban "));
        assertTrue(names.isPersonal("IBAN"));
        assertFalse(names.isPersonal("email"));
        assertEquals("{\"name\":\"***\"}", names.applyToJson("{\"name\":\"Bob\"}"));
        assertTrue(PersonalDataMask.fromEnv(Map.of("BULLPEN_MASK_FIELDS", "sku")).isPersonal("sku"));
        assertTrue(PersonalDataMask.fromEnv(Map.of()).isPersonal("email"));
        assertEquals("{\"email\":\"a@b.c\"}", PersonalDataMask.NONE.applyToJson("{\"email\":\"a@b.c\"}"));
        assertEquals("not json email=a@b.c", PersonalDataMask.DEFAULT.applyToJson("not json email=a@b.c"));
    }
}
