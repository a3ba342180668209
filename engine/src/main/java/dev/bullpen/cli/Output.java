package dev.bullpen.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.bullpen.queue.Json;
import java.io.PrintWriter;
import java.util.List;

/** Printing helpers: JSON documents and aligned text tables. */
final class Output {
    private Output() {
    }

    static void json(PrintWriter out, Object value) {
        try {
            out.println(Json.MAPPER.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        out.flush();
    }

    /** Prints rows as a table whose columns are as wide as their widest cell; numbers align right. */
    static void table(PrintWriter out, List<String> header, List<List<String>> rows) {
        int[] width = new int[header.size()];
        for (int i = 0; i < header.size(); i++) {
            width[i] = header.get(i).length();
        }
        for (List<String> r : rows) {
            for (int i = 0; i < r.size(); i++) {
                width[i] = Math.max(width[i], r.get(i).length());
            }
        }
        out.println(line(header, width, false));
        for (List<String> r : rows) {
            out.println(line(r, width, true));
        }
        out.flush();
    }

    private static String line(List<String> cells, int[] width, boolean alignNumbers) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            String c = cells.get(i);
            boolean right = alignNumbers && c.matches("-?\\d+");
            String pad = " ".repeat(width[i] - c.length());
            b.append(right ? pad + c : c + (i == cells.size() - 1 ? "" : pad));
            if (i < cells.size() - 1) {
                b.append("  ");
            }
        }
        return b.toString().stripTrailing();
    }

    /** Shortens a text for one table cell. */
    static String cell(String s, int max) {
        if (s == null) {
            return "";
        }
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= max ? one : one.substring(0, max - 1) + "…";
    }
}
