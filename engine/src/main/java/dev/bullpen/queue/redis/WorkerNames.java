package dev.bullpen.queue.redis;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bull workers in a {@code CLIENT LIST} reply. A Bull 4 worker names its blocking connection
 * {@code <prefix>:<base64(queue)>}; BullMQ appends {@code :w:<worker name>}. Base64 has no colon,
 * so the queue name is decoded from the part up to the next colon, which (unlike Bull's own
 * {@code startsWith} match) never mixes up queues whose encoded names extend one another.
 */
final class WorkerNames {
    private WorkerNames() {
    }

    /** Connected workers per queue name under {@code prefix}. */
    static Map<String, Integer> count(String prefix, String clientList) {
        Map<String, Integer> out = new TreeMap<>();
        for (String line : clientList.split("\r?\n")) {
            for (String field : line.split(" ")) {
                if (field.startsWith("name=")) {
                    queueOf(prefix, field.substring("name=".length())).ifPresent(q -> out.merge(q, 1, Integer::sum));
                    break;
                }
            }
        }
        return out;
    }

    /** The queue a client name stands for, when it is a worker's name under the prefix. */
    static Optional<String> queueOf(String prefix, String clientName) {
        String head = prefix + ":";
        if (!clientName.startsWith(head) || clientName.length() == head.length()) {
            return Optional.empty();
        }
        String rest = clientName.substring(head.length());
        int colon = rest.indexOf(':');
        String encoded = colon < 0 ? rest : rest.substring(0, colon);
        try {
            String queue = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            return queue.isEmpty() ? Optional.empty() : Optional.of(queue);
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }
}
