package dev.bullpen.queue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Hides personal fields in job data before it is shown (CLI, console, logs). A field is personal
 * when its name, compared without case, {@code -} and {@code _}, is in the list; its value, whatever
 * its type, becomes {@code "***"}, at any depth of the JSON.
 *
 * <p>The default list ({@link #DEFAULT_FIELDS}) names e-mail addresses, user and person names,
 * postal addresses and phone numbers. A bare {@code name} is not in it: Bull jobs, products and
 * queues have names that are not personal; add it with {@code --mask-fields} when yours are.
 */
public final class PersonalDataMask {
    public static final List<String> DEFAULT_FIELDS = List.of("email", "e-mail", "mail", "emailAddress",
            "username", "userName", "login", "firstName", "lastName", "fullName", "customerName", "displayName",
            "address", "street", "streetAddress", "postalAddress", "billingAddress", "shippingAddress",
            "phone", "phoneNumber", "mobile", "telephone");
    public static final String DEFAULT_FIELDS_TEXT = "email, e-mail, mail, username, firstName, lastName, fullName, "
            + "customerName, displayName, address, street, phone, mobile, telephone and variants";
    public static final String MASK = "***";

    /** Masks nothing (the user asked for {@code --unmask}). */
    public static final PersonalDataMask NONE = new PersonalDataMask(Set.of());
    public static final PersonalDataMask DEFAULT = of(DEFAULT_FIELDS);

    private final Set<String> fields;

    private PersonalDataMask(Set<String> normalizedFields) {
        this.fields = normalizedFields;
    }

    public static PersonalDataMask of(Collection<String> fieldNames) {
        return new PersonalDataMask(fieldNames.stream().map(String::trim).filter(s -> !s.isEmpty())
                .map(PersonalDataMask::normalize).collect(Collectors.toUnmodifiableSet()));
    }

    /** {@code BULLPEN_MASK_FIELDS} (comma-separated) when set, else {@link #DEFAULT}. */
    public static PersonalDataMask fromEnv(Map<String, String> env) {
        String list = env.get("BULLPEN_MASK_FIELDS");
        return list == null || list.isBlank() ? DEFAULT : of(Arrays.asList(list.split(",")));
    }

    public boolean isPersonal(String fieldName) {
        return fields.contains(normalize(fieldName));
    }

    public boolean masksNothing() {
        return fields.isEmpty();
    }

    /** A masked deep copy of the node (the node itself is not changed). */
    public JsonNode apply(JsonNode node) {
        if (node == null || fields.isEmpty()) {
            return node;
        }
        JsonNode copy = node.deepCopy();
        maskInPlace(copy);
        return copy;
    }

    /** Masks JSON text; text that is not JSON is returned as it is. */
    public String applyToJson(String json) {
        if (json == null || fields.isEmpty()) {
            return json;
        }
        return Json.parseLenient(json).map(n -> Json.stringify(apply(n))).orElse(json);
    }

    /** Masks, in place, the {@code data} (and {@code returnvalue}) of a job as {@link JobJson} prints it. */
    public ObjectNode applyToJob(ObjectNode job) {
        if (!fields.isEmpty()) {
            for (String f : List.of("data", "returnvalue")) {
                if (job.has(f)) {
                    JsonNode v = job.get(f);
                    job.set(f, v.isTextual() ? TextNode.valueOf(applyToJson(v.textValue())) : apply(v));
                }
            }
        }
        return job;
    }

    private void maskInPlace(JsonNode node) {
        if (node instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                if (isPersonal(e.getKey())) {
                    e.setValue(TextNode.valueOf(MASK));
                } else {
                    maskInPlace(e.getValue());
                }
            }
        } else if (node instanceof ArrayNode a) {
            a.forEach(this::maskInPlace);
        }
    }

    private static String normalize(String name) {
        return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
    }
}
