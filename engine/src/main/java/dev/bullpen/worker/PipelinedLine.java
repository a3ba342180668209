package dev.bullpen.worker;

import dev.bullpen.queue.redis.LuaScripts;
import dev.bullpen.queue.redis.RedisQueueConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import redis.clients.jedis.CommandObject;
import redis.clients.jedis.CommandObjects;
import redis.clients.jedis.Connection;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisClientConfig;
import redis.clients.jedis.RedisProtocol;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * One connection that carries the take and finish scripts of all of a worker's slots, pipelined as a
 * Node Bull worker's one ioredis client carries its concurrent jobs' commands: a caller that finds no
 * write under way writes every call queued so far in one go (its own and those queued meanwhile by
 * other slots), without waiting for earlier replies, and a reader thread reads the replies in order and
 * hands each to its caller. Redis then reads and answers several
 * calls per system call, instead of one per call on one connection per slot, which is most of what a
 * no-op job costs redis-server ({@code docs/benchmarks.md}, worker section).
 *
 * <p>Each call gets its own reply or its own error: an error reply fails that call only; a connection
 * problem fails every call written on that connection and not yet answered with the
 * {@code JedisConnectionException} (their callers retry as before: a finish that did run is refused when
 * sent again, so nothing is applied twice), and the next write opens a fresh connection to the
 * current {@link RedisQueueConnection#writeTarget() write target}. So does a reply saying the server
 * cannot run commands now (a replica after a failover).
 */
final class PipelinedLine implements ScriptLine, AutoCloseable {
    /** Calls written in one go at most; more go in the next write. */
    static final int MAX_BATCH = 128;
    private static final long CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);
    // RESP2: the protocol our client settings speak (no HELLO 3), as every Bull client does
    private static final CommandObjects COMMANDS = new CommandObjects(RedisProtocol.RESP2);

    private final RedisQueueConnection connection;
    private final String threadName;
    private final ConcurrentLinkedQueue<Call> calls = new ConcurrentLinkedQueue<>();
    /** Held by the caller writing; guards {@link #link}. */
    private final ReentrantLock writing = new ReentrantLock();
    private volatile boolean closed;

    /** The connection being written to. */
    private Link link;

    PipelinedLine(RedisQueueConnection connection, String threadName) {
        this.connection = connection;
        this.threadName = threadName;
    }

    @Override
    public Object eval(LuaScripts.Script script, List<String> keys, List<String> args) {
        try {
            return send(new Call(COMMANDS.evalsha(script.sha(), keys, args)));
        } catch (JedisNoScriptException e) {
            return send(new Call(COMMANDS.eval(script.source(), keys, args)));
        }
    }

    /** Nothing to do: a broken connection is dropped by the line itself, and the next write opens a new one. */
    @Override
    public void reset() {
    }

    /** Later calls fail; the connection closes once the calls written on it are answered. */
    @Override
    public void close() {
        closed = true;
        writing.lock();
        try {
            if (link != null) {
                link.closeWhenAnswered();
            }
        } finally {
            writing.unlock();
        }
    }

    private Object send(Call call) {
        calls.add(call);
        // whoever unlocks looks at the queue again, so a call queued while another caller wrote is not left behind
        while (!calls.isEmpty() && writing.tryLock()) {
            try {
                writeQueued();
            } finally {
                writing.unlock();
            }
        }
        boolean interrupted = false;
        // every queued call is answered: a reply, an error, or its connection's exception
        while (!call.done) {
            LockSupport.parkNanos(this, CHECK_NANOS);
            if (Thread.interrupted()) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        if (call.error != null) {
            throw call.error;
        }
        return call.reply;
    }

    /** Writes what is queued, in one flush per {@link #MAX_BATCH} calls; holding {@link #writing}. */
    private void writeQueued() {
        while (!calls.isEmpty()) {
            if (closed) {
                failQueued(new JedisConnectionException("worker closed"));
                return;
            }
            Call c = null;
            int n = 0;
            try {
                if (link == null || link.broken) {
                    if (link != null) {
                        link.closeWhenAnswered();
                    }
                    link = null; // none while the new one opens: if it cannot, the queued calls fail below
                    link = new Link(connection.dedicatedConnection(SlotConnection.COMMAND_TIMEOUT_MS,
                            SlotConnection.COMMAND_TIMEOUT_MS, PipeConnection::new));
                }
                while (n < MAX_BATCH && (c = calls.poll()) != null) {
                    // registered before the write: the reader may see its reply at once
                    if (!link.offer(c)) {
                        throw new JedisConnectionException("connection closed");
                    }
                    Call sent = c;
                    c = null;
                    n++;
                    link.conn.sendCommand(sent.command.getArguments());
                }
                link.conn.flushNow();
            } catch (JedisException e) {
                if (c != null) {
                    c.finish(null, e);
                }
                if (link != null) {
                    link.breakOff(); // its reader fails what was registered on it
                } else {
                    failQueued(e); // no connection: its callers retry with back-off
                }
            }
        }
    }

    private void failQueued(JedisException e) {
        Call c;
        while ((c = calls.poll()) != null) {
            c.finish(null, e);
        }
    }

    private static void fail(List<Call> batch, JedisException e) {
        for (Call c : batch) {
            c.finish(null, e);
        }
    }

    /** A Jedis connection whose buffered commands can be flushed without reading a reply. */
    private static final class PipeConnection extends Connection {
        PipeConnection(HostAndPort target, JedisClientConfig config) {
            super(target, config);
        }

        void flushNow() {
            flush();
        }
    }

    /** One connection, the calls written on it and not yet answered, and its reader thread. */
    private final class Link {
        final PipeConnection conn;
        private final LinkedBlockingQueue<Call> inFlight = new LinkedBlockingQueue<>();
        /** No new writes here: the server cannot take them or the connection failed. */
        volatile boolean broken;
        private volatile boolean closing;
        private boolean exited; // guarded by this

        Link(PipeConnection conn) {
            this.conn = conn;
            Thread reader = new Thread(this::readLoop, threadName + "-read");
            reader.setDaemon(true);
            reader.start();
        }

        /** Registers a call about to be written; false once the reader has stopped. */
        synchronized boolean offer(Call c) {
            if (exited) {
                return false;
            }
            inFlight.add(c);
            return true;
        }

        private void readLoop() {
            JedisException cause = new JedisConnectionException("connection closed");
            try {
                while (true) {
                    Call c = inFlight.poll(100, TimeUnit.MILLISECONDS);
                    if (c == null) {
                        if (broken || closing) {
                            return;
                        }
                        continue;
                    }
                    try {
                        c.finish(c.command.getBuilder().build(conn.getUnflushedObject()), null);
                    } catch (JedisConnectionException e) {
                        c.finish(null, e);
                        cause = e;
                        broken = true;
                        return;
                    } catch (JedisException e) {
                        // an error reply: that call's only, the stream stays in step
                        c.finish(null, e);
                        if (RedisQueueConnection.refusedByThisServer(e)) {
                            broken = true; // later writes go to the current master; replies due here still come
                        }
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                List<Call> left = new ArrayList<>();
                synchronized (this) {
                    exited = true;
                    inFlight.drainTo(left);
                }
                close();
                fail(left, cause);
            }
        }

        /** A write failed: no more writes here; the reader, unblocked by the close, fails what is unanswered. */
        void breakOff() {
            broken = true;
            close();
        }

        /** The reader closes the connection once every call written on it is answered. */
        void closeWhenAnswered() {
            closing = true;
        }

        private void close() {
            try {
                conn.close();
            } catch (RuntimeException ignored) {
                // already broken
            }
        }
    }

    private static final class Call {
        final CommandObject<Object> command;
        final Thread caller = Thread.currentThread();
        private Object reply;
        private JedisException error;
        volatile boolean done;

        Call(CommandObject<Object> command) {
            this.command = command;
        }

        /** The first answer wins (a reply may race with the connection's failure). */
        synchronized void finish(Object reply, JedisException error) {
            if (done) {
                return;
            }
            this.reply = reply;
            this.error = error;
            done = true;
            LockSupport.unpark(caller);
        }
    }
}
