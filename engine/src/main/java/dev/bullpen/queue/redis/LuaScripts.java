package dev.bullpen.queue.redis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Owner of every Lua script: loads {@code lua/<name>.lua} from the classpath once (inlining
 * {@code --@include} lines), calls it by SHA and falls back to EVAL, which loads it, on NOSCRIPT.
 */
public final class LuaScripts {
    private static final Map<String, Script> CACHE = new ConcurrentHashMap<>();

    private LuaScripts() {
    }

    /** A loaded script: its source and SHA1. */
    public record Script(String name, String source, String sha) {
        public Object call(UnifiedJedis redis, List<String> keys, List<String> args) {
            try {
                return redis.evalsha(sha, keys, args);
            } catch (JedisNoScriptException e) {
                return redis.eval(source, keys, args);
            }
        }

        /**
         * Runs a script that only reads with EVALSHA_RO / EVAL_RO (Redis 7+), which a read-only ACL
         * user may be allowed; falls back to {@link #call} on a Redis that does not know them.
         */
        public Object callReadOnly(UnifiedJedis redis, List<String> keys, List<String> args) {
            try {
                try {
                    return redis.evalshaReadonly(sha, keys, args);
                } catch (JedisNoScriptException e) {
                    return redis.evalReadonly(source, keys, args);
                }
            } catch (JedisDataException e) {
                String m = String.valueOf(e.getMessage());
                if (m.startsWith("ERR unknown command") && m.toLowerCase(java.util.Locale.ROOT).contains("_ro")) {
                    return call(redis, keys, args);
                }
                throw e;
            }
        }
    }

    public static Script get(String name) {
        return CACHE.computeIfAbsent(name, LuaScripts::load);
    }

    private static Script load(String name) {
        String source = read(name);
        StringBuilder out = new StringBuilder();
        for (String line : source.split("\n", -1)) {
            if (line.startsWith("--@include ")) {
                out.append(read(line.substring("--@include ".length()).trim().replace(".lua", ""))).append('\n');
            } else {
                out.append(line).append('\n');
            }
        }
        String text = out.toString();
        return new Script(name, text, sha1(text));
    }

    private static String read(String name) {
        String path = "lua/" + name + ".lua";
        try (InputStream in = LuaScripts.class.getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing Lua script " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
