package dev.bullpen.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * One node of a JSON value as the detail pane's tree shows it: {@code key: value} for scalars,
 * {@code key {3}} / {@code key [12]} for containers. Built with a budget of nodes so that a huge
 * payload does not freeze the window; what the budget leaves out is summarised in a last entry.
 *
 * @param key      the member name or {@code [index]}; the root's is {@code data}
 * @param value    the scalar as JSON text, or the container's size summary
 * @param children members or elements, possibly cut short
 */
public record JsonEntry(String key, String value, List<JsonEntry> children) {
    /** Longest scalar text shown in one tree line. */
    static final int MAX_SCALAR = 500;

    public JsonEntry {
        children = List.copyOf(children);
    }

    /** The line shown in the tree. */
    public String label() {
        return value.isEmpty() ? key : key + ": " + value;
    }

    /** Builds the tree of {@code node}. */
    public static Built of(String rootKey, JsonNode node, int budget) {
        int[] left = {budget};
        boolean[] cut = {false};
        JsonEntry root = build(rootKey, node, left, cut);
        return new Built(root, cut[0], budget - left[0]);
    }

    /**
     * @param root      the tree
     * @param truncated true when some nodes were left out
     * @param nodes     how many nodes were built
     */
    public record Built(JsonEntry root, boolean truncated, int nodes) {
    }

    private static JsonEntry build(String key, JsonNode node, int[] left, boolean[] cut) {
        left[0]--;
        if (node.isObject()) {
            List<JsonEntry> kids = new ArrayList<>();
            int shown = 0;
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> f = it.next();
                if (left[0] <= 0) {
                    break;
                }
                kids.add(build(f.getKey(), f.getValue(), left, cut));
                shown++;
            }
            more(kids, node.size() - shown, cut);
            return new JsonEntry(key, "{" + node.size() + "}", kids);
        }
        if (node.isArray()) {
            List<JsonEntry> kids = new ArrayList<>();
            int shown = 0;
            for (JsonNode el : node) {
                if (left[0] <= 0) {
                    break;
                }
                kids.add(build("[" + shown + "]", el, left, cut));
                shown++;
            }
            more(kids, node.size() - shown, cut);
            return new JsonEntry(key, "[" + node.size() + "]", kids);
        }
        String text = node.toString();
        if (text.length() > MAX_SCALAR) {
            text = text.substring(0, MAX_SCALAR) + "… (" + text.length() + " characters)";
        }
        return new JsonEntry(key, text, List.of());
    }

    private static void more(List<JsonEntry> kids, int hidden, boolean[] cut) {
        if (hidden > 0) {
            cut[0] = true;
            kids.add(new JsonEntry("… " + hidden + " more", "", List.of()));
        }
    }
}
