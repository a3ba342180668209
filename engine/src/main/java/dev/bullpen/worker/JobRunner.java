package dev.bullpen.worker;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.KeepJobs;
import dev.bullpen.queue.redis.RedisQueueConnection;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.exceptions.JedisException;

/**
 * Runs one active job: calls the processor (with Bull's {@code timeout}), renews the lock every
 * lockRenewTime, then finishes the job with Bull's semantics. A finish that Redis refuses (lock
 * lost, job gone) is logged and dropped, never applied twice. Connection problems while finishing
 * are retried with back-off; an error reply is not.
 */
final class JobRunner {
    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
    /** Node's default {@code Error.stackTraceLimit}. */
    private static final int STACK_FRAMES = 10;

    private final WorkerScripts scripts;
    private final JobProcessor processor;
    private final WorkerOptions options;
    private final LockRenewer renewer;
    private final ExecutorService timeoutPool;
    private final WorkerState state;
    private final RepeatChain repeats;

    JobRunner(WorkerScripts scripts, JobProcessor processor, WorkerOptions options,
            LockRenewer renewer, ExecutorService timeoutPool, WorkerState state, RepeatChain repeats) {
        this.scripts = scripts;
        this.processor = processor;
        this.options = options;
        this.renewer = renewer;
        this.timeoutPool = timeoutPool;
        this.state = state;
        this.repeats = repeats;
    }

    /** Processes the job and finishes it; returns the next job when the finish fetched one. */
    Optional<ActiveJob> run(ActiveJob job, ScriptLine conn) throws InterruptedException {
        MDC.put("queue", queue());
        MDC.put("jobId", job.id());
        try {
            return runWithMdc(job, conn);
        } finally {
            MDC.remove("jobId");
            MDC.remove("queue");
        }
    }

    private Optional<ActiveJob> runWithMdc(ActiveJob job, ScriptLine conn) throws InterruptedException {
        try {
            repeats.onActive(job).ifPresent(next -> LOG.debug("Job(id={}, queue={}) next repeat iteration is {}",
                    job.id(), queue(), next));
        } catch (RuntimeException e) {
            LOG.warn("Job(id={}, queue={}) next repeat iteration not created: {}", job.id(), queue(), e.toString());
        }
        LockRenewer.Lease lease = renewer.start(job.id());
        Object result = null;
        Throwable error = null;
        JobContext ctx = new JobContext(job, scripts);
        try {
            result = invoke(job, ctx);
        } catch (InterruptedException e) {
            if (state.hardStopped()) {
                LOG.warn("Job(id={}, queue={}) interrupted at shutdown; left active for the stalled checker",
                        job.id(), queue());
                throw e;
            }
            error = e;
        } catch (Throwable t) {
            error = t;
        } finally {
            renewer.end(lease);
        }
        if (state.hardStopped()) {
            LOG.warn("Job(id={}, queue={}) ended after the shutdown grace; left active for the stalled checker",
                    job.id(), queue());
            return Optional.empty();
        }
        if (lease.lost()) {
            LOG.warn("Job(id={}, queue={}) lost its lock while running; Redis will refuse its finish", job.id(), queue());
        }
        if (error == null) {
            return complete(job, result, conn);
        }
        fail(job, error, ctx.discarded(), conn);
        return Optional.empty();
    }

    private String queue() {
        return scripts.keys().queue();
    }

    private Object invoke(ActiveJob job, JobContext ctx) throws Exception {
        long timeout = job.optLong("timeout", 0);
        if (timeout <= 0) {
            return processor.process(ctx);
        }
        Future<Object> f = timeoutPool.submit(() -> processor.process(ctx));
        try {
            return f.get(timeout, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw new ProcessorTimeoutException("Promise timed out after " + timeout + " milliseconds");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw e;
        } catch (InterruptedException e) {
            f.cancel(true);
            throw e;
        }
    }

    private Optional<ActiveJob> complete(ActiveJob job, Object result, ScriptLine conn) {
        String value;
        try {
            value = result == null ? "null" : Json.write(result);
        } catch (RuntimeException e) {
            fail(job, e, false, conn);
            return Optional.empty();
        }
        String event = completedEvent(job.id(), result == null ? null : value);
        KeepJobs keep = keep(job, "removeOnComplete");
        boolean fetchNext = !state.stopping() && options.limiter().isEmpty();
        long finishedOn = options.clock().millis();
        WorkerScripts.Finish r;
        try {
            r = retrying(job, conn, via -> scripts.moveToFinished(via, true, job.id(), finishedOn, value, keep,
                    event, fetchNext, "", 0));
        } catch (JedisDataException e) {
            LOG.error("Job(id={}, queue={}) could not be completed, Redis replied: {}", job.id(), queue(), e.getMessage());
            fail(job, e, false, conn);
            return Optional.empty();
        }
        if (r.code() < 0) {
            refused(job, r.code(), "moveToFinished");
            return Optional.empty();
        }
        LOG.debug("Job(id={}, queue={}) completed", job.id(), queue());
        options.listener().attemptEnded(job.id(), times(job, finishedOn, true));
        options.listener().completed(job.id(), result);
        return r.next();
    }

    /**
     * The {@code completed} event, {@code {"jobId":id}} plus {@code "val"} when the job returned
     * something, as Jackson writes it; written directly when the id needs no escaping and there is no
     * value (the common case), through Jackson otherwise.
     */
    static String completedEvent(String id, String val) {
        if (val == null && needsNoEscape(id)) {
            return "{\"jobId\":\"" + id + "\"}";
        }
        ObjectNode event = Json.MAPPER.createObjectNode();
        event.put("jobId", id);
        if (val != null) {
            event.put("val", val);
        }
        return event.toString();
    }

    private static boolean needsNoEscape(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    private void fail(ActiveJob job, Throwable error, boolean discarded, ScriptLine conn) {
        long endedOn = options.clock().millis();
        String reason = reason(error);
        FailurePlan plan = plan(job, reason, error, discarded);
        long code;
        String command;
        try {
            switch (plan.kind()) {
                case DELAY -> {
                    command = "moveToDelayed";
                    code = retrying(job, conn, via -> scripts.moveToDelayed(via, job.id(), plan.score(), plan.stacktraceJson(),
                            reason, plan.attemptsMade()));
                }
                case RETRY -> {
                    command = "retryJob";
                    boolean lifo = job.opt("lifo").map(n -> n.asBoolean(false)).orElse(false);
                    code = retrying(job, conn, via -> scripts.retryJob(via, job.id(), lifo, plan.stacktraceJson(), reason,
                            plan.attemptsMade()));
                }
                default -> {
                    command = "moveToFinished";
                    ObjectNode event = Json.MAPPER.createObjectNode();
                    event.put("jobId", job.id());
                    event.put("val", reason);
                    code = retrying(job, conn, via -> scripts.moveToFinished(via, false, job.id(), endedOn,
                            reason, keep(job, "removeOnFail"), event.toString(), false, plan.stacktraceJson(),
                            plan.attemptsMade())).code();
                }
            }
        } catch (JedisDataException e) {
            LOG.error("Job(id={}, queue={}) could not be moved after its failure ({}), Redis replied: {}; "
                    + "left active for the stalled checker", job.id(), queue(), reason, e.getMessage());
            return;
        }
        if (code < 0) {
            refused(job, code, command);
            return;
        }
        boolean last = plan.kind() == FailurePlan.Kind.FAIL;
        if (last) {
            LOG.error("Job(id={}, queue={}) moved to failed after {} attempt(s): {}", job.id(), queue(),
                    plan.attemptsMade(), reason);
        } else {
            LOG.warn("Job(id={}, queue={}) attempt {} failed, will retry{}: {}", job.id(), queue(),
                    plan.attemptsMade(), plan.kind() == FailurePlan.Kind.DELAY ? " in " + plan.delayMs() + " ms" : "",
                    reason);
        }
        options.listener().attemptEnded(job.id(), times(job, endedOn, false));
        options.listener().failed(job.id(), reason, last);
    }

    private static WorkerListener.AttemptTimes times(ActiveJob job, long endedOn, boolean completed) {
        return new WorkerListener.AttemptTimes(job.longField("timestamp"), job.longField("delay"), job.attemptsMade(),
                job.longField("processedOn"), endedOn, completed);
    }

    private FailurePlan plan(ActiveJob job, String reason, Throwable error, boolean discarded) {
        try {
            return FailurePlan.of(job, reason, stack(error), options.clock().millis(), options.backoffStrategies(), error,
                    discarded);
        } catch (RuntimeException strategyFailed) {
            LOG.warn("Job(id={}, queue={}) backoff strategy failed ({}); failing the job", job.id(), queue(),
                    strategyFailed.toString());
            String type = job.opt("backoff").map(b -> b.path("type").asText("")).orElse("");
            return FailurePlan.of(job, reason, stack(error), options.clock().millis(),
                    java.util.Map.of(type, (a, e, o) -> -1L), error, true);
        }
    }

    private void refused(ActiveJob job, long code, String command) {
        String why = WorkerScripts.refusal(code, job.id(), command);
        LOG.warn("Job(id={}, queue={}) finish refused, nothing applied: {}", job.id(), queue(), why);
        options.listener().refused(job.id(), why);
    }

    /**
     * Calls Redis on the slot's line until it answers; only connection problems are retried
     * (each time on a fresh connection, which goes to the master of the moment), and replies that say
     * the command did not run on this server (a replica after a failover); not other error replies.
     * A finish that ran before its connection broke is refused when sent again (the job is no longer
     * active with our lock), so it is never applied twice.
     */
    private <T> T retrying(ActiveJob job, ScriptLine conn, Function<ScriptLine, T> call) {
        RetryDelay delay = new RetryDelay();
        while (true) {
            try {
                return call.apply(conn);
            } catch (JedisException e) {
                if (e instanceof JedisDataException && !RedisQueueConnection.refusedByThisServer(e)) {
                    throw e;
                }
                conn.reset();
                if (state.hardStopped()) {
                    throw e;
                }
                long wait = delay.next();
                LOG.warn("Job(id={}, queue={}) cannot be finished yet, Redis unreachable ({}); retrying in {} ms",
                        job.id(), queue(), e.getMessage(), wait);
                if (!state.sleepWithinGrace(wait)) {
                    throw e;
                }
            }
        }
    }

    private static KeepJobs keep(ActiveJob job, String option) {
        return job.opt(option).map(n -> {
            try {
                return KeepJobs.fromJson(option, n);
            } catch (RuntimeException unreadable) {
                return KeepJobs.keepAll();
            }
        }).orElse(KeepJobs.keepAll());
    }

    static String reason(Throwable t) {
        String m = t.getMessage();
        return m != null ? m : t.getClass().getSimpleName();
    }

    /** The error as Node prints {@code err.stack}: {@code Name: message} and up to 10 {@code at} lines. */
    static String stack(Throwable t) {
        StringBuilder sb = new StringBuilder(t.getClass().getSimpleName()).append(": ").append(reason(t));
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(STACK_FRAMES, frames.length); i++) {
            sb.append("\n    at ").append(frames[i]);
        }
        return sb.toString();
    }
}
