package dev.bullpen.worker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.queue.redis.LuaScripts;
import dev.bullpen.queue.redis.RedisQueueConnection;
import dev.bullpen.testing.RedisServer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisDataException;

/** The worker's shared, pipelined script connection, against a real redis-server. */
class PipelinedLineIT {
    /** Returns its argument, or an error reply when the argument says so; counts its calls in a key. */
    private static final LuaScripts.Script ECHO = script("""
            redis.call('INCR', KEYS[1])
            if ARGV[1] == 'fail' then return redis.error_reply('ERR asked to fail') end
            return ARGV[1]""");

    private RedisServer server;
    private RedisQueueConnection connection;
    private Jedis jedis;
    private PipelinedLine line;

    @BeforeEach
    void setUp() {
        server = RedisServer.start();
        connection = RedisQueueConnection.open(RedisEndpoint.parse(server.url()), "bull");
        jedis = new Jedis(new HostAndPort("127.0.0.1", server.port()));
        line = new PipelinedLine(connection, "test-line");
    }

    @AfterEach
    void tearDown() {
        line.close();
        jedis.close();
        connection.close();
        server.close();
    }

    private static LuaScripts.Script script(String source) {
        try {
            byte[] sha = java.security.MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (byte b : sha) {
                hex.append(String.format("%02x", b));
            }
            return new LuaScripts.Script("echo", source, hex.toString());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private Object echo(String arg) {
        return line.eval(ECHO, List.of("calls"), List.of(arg));
    }

    @Test
    void concurrentCallersEachGetTheirOwnReplyWhileCallsShareWrites() throws Exception {
        // given: 16 threads, 500 calls each, on one line (the script is not loaded: the first calls load it)
        int threads = 16;
        int calls = 500;
        ConcurrentLinkedQueue<String> wrong = new ConcurrentLinkedQueue<>();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        long readsBefore = stat("total_reads_processed");
        // when
        for (int t = 0; t < threads; t++) {
            int me = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < calls; i++) {
                        String arg = me + ":" + i;
                        Object reply = echo(arg);
                        if (!arg.equals(reply)) {
                            wrong.add(arg + " got " + reply);
                        }
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            th.start();
            ts.add(th);
        }
        go.countDown();
        for (Thread th : ts) {
            th.join(60_000);
        }
        // then: every reply went to its own caller, every call ran once
        assertEquals(List.of(), new ArrayList<>(wrong));
        assertEquals(Integer.toString(threads * calls), jedis.get("calls"));
        // and the calls were not one read each: several came in one write (16 callers on 2 cores)
        long reads = stat("total_reads_processed") - readsBefore;
        assertTrue(reads < threads * calls, "redis-server read " + reads + " times for " + threads * calls + " calls");
    }

    @Test
    void anErrorReplyFailsThatCallOnlyAndTheLineGoesOn() {
        assertEquals("a", echo("a"));
        JedisDataException e = assertThrows(JedisDataException.class, () -> echo("fail"));
        assertTrue(e.getMessage().contains("asked to fail"), e.getMessage());
        assertEquals("b", echo("b"));
        assertEquals("3", jedis.get("calls"));
    }

    @Test
    void aScriptFlushedFromTheServerIsLoadedAgain() {
        assertEquals("a", echo("a"));
        jedis.scriptFlush();
        assertEquals("b", echo("b"));
        assertEquals("2", jedis.get("calls"));
    }

    @Test
    void aKilledConnectionFailsItsCallsWithAConnectionErrorAndTheNextCallReconnects() {
        assertEquals("a", echo("a"));
        // when: every client connection but ours is killed (the line's among them)
        jedis.clientKill(redis.clients.jedis.params.ClientKillParams.clientKillParams().skipMe(
                redis.clients.jedis.params.ClientKillParams.SkipMe.YES));
        // then: a call fails at most once with a connection error (its caller retries), never with a wrong reply
        AtomicInteger failures = new AtomicInteger();
        Object reply = null;
        for (int i = 0; i < 3 && reply == null; i++) {
            try {
                reply = echo("b");
            } catch (JedisConnectionException lost) {
                failures.incrementAndGet();
            }
        }
        assertEquals("b", reply);
        assertTrue(failures.get() <= 1, failures + " failures");
    }

    @Test
    void callsWhileRedisIsDownFailAndWorkAgainOnceItIsBack() {
        assertEquals("a", echo("a"));
        server.kill();
        assertThrows(JedisConnectionException.class, () -> echo("b"));
        server.restart();
        Object reply = null;
        long deadline = System.nanoTime() + 20_000_000_000L;
        while (reply == null && System.nanoTime() < deadline) {
            try {
                reply = echo("c");
            } catch (JedisConnectionException stillDown) {
                sleep(100);
            }
        }
        assertEquals("c", reply);
    }

    @Test
    void aClosedLineRefusesNewCalls() {
        assertEquals("a", echo("a"));
        line.close();
        assertThrows(JedisConnectionException.class, () -> echo("b"));
        assertEquals("1", jedis.get("calls"));
    }

    private long stat(String field) {
        for (String l : jedis.info("stats").split("\r?\n")) {
            if (l.startsWith(field + ":")) {
                return Long.parseLong(l.substring(field.length() + 1).trim());
            }
        }
        throw new AssertionError(field + " not in INFO stats");
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
