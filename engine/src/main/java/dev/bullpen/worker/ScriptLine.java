package dev.bullpen.worker;

import dev.bullpen.queue.redis.LuaScripts;
import java.util.List;

/**
 * Where a slot sends the scripts that take and finish its jobs: its own connection
 * ({@link SlotConnection}, concurrency 1) or the worker's one {@link PipelinedLine} shared by all slots.
 * Jedis exceptions pass through unchanged: {@code JedisConnectionException} for a connection
 * problem (the caller may retry), {@code JedisDataException} for an error reply (the caller does not).
 */
interface ScriptLine {
    /** Runs the script by SHA, loading it (EVAL) when the server answers NOSCRIPT. */
    Object eval(LuaScripts.Script script, List<String> keys, List<String> args);

    /** After a connection problem: the next call goes out on a fresh connection to the current master. */
    void reset();
}
