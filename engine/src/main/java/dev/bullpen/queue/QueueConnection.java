package dev.bullpen.queue;

import dev.bullpen.queue.redis.RedisQueueConnection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A connection to one Redis holding Bull queues under one prefix. Thread-safe; close when done. */
public interface QueueConnection extends AutoCloseable {

    /**
     * Connects and checks the login with PING, failing fast.
     *
     * @throws RedisUnavailableException within about 3 s when Redis cannot be reached or refuses us
     */
    static QueueConnection open(RedisEndpoint endpoint, String prefix) {
        return RedisQueueConnection.open(endpoint, prefix);
    }

    RedisEndpoint endpoint();

    String prefix();

    /** The queue of that name under this prefix (it need not exist yet). */
    JobQueue queue(String name);

    /** Every queue under the prefix, found with SCAN, sorted by name. */
    List<String> discoverQueues();

    /** Redis INFO as key/value pairs (all sections). */
    Map<String, String> serverInfo();

    /**
     * Bull workers connected, per queue name, from {@code CLIENT LIST}: a worker names its blocking
     * connection {@code <prefix>:<base64(queue)>} (BullMQ appends {@code :w:<name>}). Empty when
     * Redis refuses CLIENT LIST to this user (an ACL without {@code +client}).
     */
    Optional<Map<String, Integer>> workerCounts();

    /**
     * {@code CLIENT LIST}: one map of its {@code key=value} fields per connected client (of every node of a
     * cluster). Empty when the server refuses {@code CLIENT} (as Bull's {@code getWorkers()} then is).
     */
    List<Map<String, String>> clients();

    @Override
    void close();
}
