package dev.bullpen.monitor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A worker connected to Redis, as {@code CLIENT LIST} shows it. Bull names a worker's blocking connection
 * {@code P:base64(Q)} (spec section 8); Bullpen's worker adds {@code :bullpen:<pid>}; BullMQ's workers add
 * {@code :w:<name>}. One entry per worker, not per concurrency slot.
 *
 * @param prefix      the key prefix the name starts with
 * @param queue       the queue it serves (decoded from the name)
 * @param kind        who it is, from the name (and the client library Redis 7.2+ reports)
 * @param pid         the process id a Bullpen worker puts in its name
 * @param thisProcess a Bullpen worker of the process asking (the console's own)
 * @param address     {@code addr}: the client's host and port as Redis sees them
 * @param ageSeconds  how long the connection has been open
 * @param idleSeconds since its last command
 * @param command     its last command (e.g. {@code brpoplpush} while it waits for jobs)
 * @param library     {@code lib-name lib-ver} (Redis 7.2+), or empty
 */
public record ConnectedWorker(String prefix, String queue, Kind kind, OptionalLong pid, boolean thisProcess,
        String address, long ageSeconds, long idleSeconds, String command, String library) {

    /** Who runs the worker. */
    public enum Kind {
        BULLPEN("Bullpen (Java)"),
        NODE_BULL("Node (Bull)"),
        JAVA("Java (Jedis)"),
        BULLMQ("BullMQ"),
        OTHER("other");

        private final String text;

        Kind(String text) {
            this.text = text;
        }

        public String text() {
            return text;
        }
    }

    /**
     * The workers among {@code clients} (each a {@code CLIENT LIST} line's fields) whose name starts with one of
     * the prefixes, sorted by prefix, queue and address. A name whose queue part is not base64 is left out.
     *
     * @param ownPid the asking process, to mark its own Bullpen workers
     */
    public static List<ConnectedWorker> from(List<Map<String, String>> clients, Collection<String> prefixes,
            long ownPid) {
        List<ConnectedWorker> out = new ArrayList<>();
        for (Map<String, String> c : clients) {
            String name = c.getOrDefault("name", "");
            for (String prefix : prefixes) {
                if (name.startsWith(prefix + ":")) {
                    parse(prefix, name.substring(prefix.length() + 1), c, ownPid).ifPresent(out::add);
                }
            }
        }
        out.sort(Comparator.comparing(ConnectedWorker::prefix).thenComparing(ConnectedWorker::queue)
                .thenComparing(ConnectedWorker::address));
        return out;
    }

    private static java.util.Optional<ConnectedWorker> parse(String prefix, String rest, Map<String, String> c,
            long ownPid) {
        int colon = rest.indexOf(':');
        String encoded = colon < 0 ? rest : rest.substring(0, colon);
        String tail = colon < 0 ? "" : rest.substring(colon + 1);
        String queue;
        try {
            queue = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return java.util.Optional.empty();
        }
        if (queue.isEmpty()) {
            return java.util.Optional.empty();
        }
        String libName = c.getOrDefault("lib-name", "");
        String library = (libName + " " + c.getOrDefault("lib-ver", "")).trim();
        Kind kind;
        OptionalLong pid = OptionalLong.empty();
        if (tail.startsWith("bullpen:") || tail.equals("bullpen")) {
            kind = Kind.BULLPEN;
            try {
                pid = OptionalLong.of(Long.parseLong(tail.substring(Math.min(tail.length(), "bullpen:".length()))));
            } catch (NumberFormatException e) {
                pid = OptionalLong.empty();
            }
        } else if (tail.startsWith("w:")) {
            kind = Kind.BULLMQ;
        } else if (!tail.isEmpty()) {
            kind = Kind.OTHER;
        } else if (libName.startsWith("jedis")) {
            kind = Kind.JAVA; // a Java client under Bull's plain name (a Bullpen before the tag, or another one)
        } else {
            kind = Kind.NODE_BULL; // Bull's own name: ioredis says so on Redis 7.2+, older servers do not tell
        }
        boolean mine = kind == Kind.BULLPEN && pid.isPresent() && pid.getAsLong() == ownPid;
        return java.util.Optional.of(new ConnectedWorker(prefix, queue, kind, pid, mine,
                c.getOrDefault("addr", "?"), number(c.get("age")), number(c.get("idle")),
                c.getOrDefault("cmd", ""), library));
    }

    private static long number(String s) {
        try {
            return s == null ? 0 : Long.parseLong(s);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
