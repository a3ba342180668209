package dev.bullpen.worker;

import dev.bullpen.queue.Json;
import dev.bullpen.queue.KeepJobs;
import dev.bullpen.queue.redis.BullKeys;
import dev.bullpen.queue.redis.LuaScripts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import redis.clients.jedis.UnifiedJedis;

/**
 * The worker's Redis calls: one method per Lua script, with Bull's keys and arguments. Jedis
 * exceptions pass through unchanged so that callers can tell connection problems
 * ({@code JedisConnectionException}: retry) from error replies ({@code JedisDataException}: fail).
 *
 * <p>The scripts that take and finish a job run on the calling slot's line ({@code via}: its own
 * connection, or the worker's pipelined one);
 * the others (lock renewal, delay timer, stalled checker, progress, logs) on the pool.
 */
final class WorkerScripts {
    /** A finish script's answer: 0 or a negative refusal code, and the next job when one was fetched. */
    record Finish(long code, Optional<ActiveJob> next) {
    }

    /** What one stalled check did: ids failed for stalling too often, ids moved back to waiting. */
    public record StalledCheck(List<String> failed, List<String> requeued) {
    }

    private final UnifiedJedis redis;
    private final BullKeys keys;
    private final String token;
    private final WorkerOptions options;

    WorkerScripts(UnifiedJedis redis, BullKeys keys, String token, WorkerOptions options) {
        this.redis = redis;
        this.keys = keys;
        this.token = token;
        this.options = options;
    }

    BullKeys keys() {
        return keys;
    }

    String token() {
        return token;
    }

    private Object run(String script, List<String> scriptKeys, List<String> args) {
        return LuaScripts.get(script).call(redis, scriptKeys, args);
    }

    /** Runs a script on a slot's line: by SHA, falling back to EVAL (which loads it) on NOSCRIPT. */
    private static Object run(ScriptLine via, String script, List<String> scriptKeys, List<String> args) {
        return via.eval(LuaScripts.get(script), scriptKeys, args);
    }

    /** Bull's moveToActive for an id already moved by BRPOPLPUSH, or {@code ""} to RPOPLPUSH one. */
    Optional<ActiveJob> moveToActive(ScriptLine via, String id, long now) {
        List<String> args = new ArrayList<>(List.of(keys.base(), token,
                Long.toString(options.lockDuration().toMillis()), Long.toString(now), id));
        options.limiter().ifPresentOrElse(l -> {
            args.add(Integer.toString(l.max()));
            args.add(Long.toString(l.duration().toMillis()));
            args.add(Boolean.toString(l.bounceBack()));
            args.add(l.perGroup() ? "1" : "");
        }, () -> args.addAll(List.of("", "", "false", "")));
        return ActiveJob.fromReply(run(via, "moveToActive",
                List.of(keys.waitList(), keys.active(), keys.priority(), keys.stalled(), keys.limiter(),
                        keys.delayed()), args));
    }

    /**
     * Bull's moveToFinished.
     *
     * @param stacktraceJson for a final failure the new stacktrace array (saved with attemptsMade); "" otherwise
     */
    Finish moveToFinished(ScriptLine via, boolean completed, String id, long finishedOn, String value, KeepJobs keep,
            String event, boolean fetchNext, String stacktraceJson, int attemptsMade) {
        long age = keep.ageSeconds();
        Object reply = run(via, "moveToFinished",
                List.of(keys.active(), completed ? keys.completed() : keys.failed(), keys.job(id), keys.stalled(),
                        keys.waitList(), keys.priority(), keys.key(completed ? "metrics:completed" : "metrics:failed")),
                List.of(id, Long.toString(finishedOn), completed ? "returnvalue" : "failedReason", value, token,
                        Long.toString(keep.count()), age < 0 ? "" : Long.toString(age), event,
                        fetchNext ? "1" : "0", keys.base(), Long.toString(options.lockDuration().toMillis()),
                        stacktraceJson, Integer.toString(attemptsMade),
                        options.metricsMaxDataPoints() > 0 ? Integer.toString(options.metricsMaxDataPoints()) : ""));
        if (reply instanceof Long code) {
            return new Finish(code, Optional.empty());
        }
        return new Finish(0, ActiveJob.fromReply(reply));
    }

    long moveToDelayed(ScriptLine via, String id, long score, String stacktraceJson, String reason, int attemptsMade) {
        return (Long) run(via, "moveToDelayed",
                List.of(keys.active(), keys.delayed(), keys.job(id), keys.stalled()),
                List.of(Long.toString(score), id, token, stacktraceJson, reason, Integer.toString(attemptsMade)));
    }

    long retryJob(ScriptLine via, String id, boolean lifo, String stacktraceJson, String reason, int attemptsMade) {
        return (Long) run(via, "retryJob",
                List.of(keys.active(), keys.waitList(), keys.job(id), keys.metaPaused(), keys.paused(),
                        keys.stalled(), keys.priority()),
                List.of(lifo ? "RPUSH" : "LPUSH", id, token, stacktraceJson, reason, Integer.toString(attemptsMade)));
    }

    /** True when the lock was still ours and is renewed for another lockDuration. */
    boolean extendLock(String id) {
        Object r = run("extendLock", List.of(keys.lock(id), keys.stalled()),
                List.of(token, Long.toString(options.lockDuration().toMillis()), id));
        return Long.valueOf(1).equals(r);
    }

    /** Promotes due delayed jobs; returns the due time (ms) of the next delayed job, if any. */
    Optional<Long> updateDelaySet(long now) {
        Object r = run("updateDelaySet",
                List.of(keys.delayed(), keys.active(), keys.waitList(), keys.priority(), keys.paused(),
                        keys.metaPaused()),
                List.of(keys.base(), Long.toString(now), token));
        return r instanceof Long due ? Optional.of(due) : Optional.empty();
    }

    StalledCheck moveStalledJobsToWait(long now) {
        Object r = run("moveStalledJobsToWait",
                List.of(keys.stalled(), keys.waitList(), keys.active(), keys.failed(), keys.stalledCheck(),
                        keys.metaPaused(), keys.paused()),
                List.of(Integer.toString(options.maxStalledCount()), keys.base(), Long.toString(now),
                        Long.toString(options.stalledInterval().toMillis())));
        List<?> pair = (List<?>) r;
        return new StalledCheck(strings(pair.get(0)), strings(pair.get(1)));
    }

    private static List<String> strings(Object list) {
        List<String> out = new ArrayList<>();
        if (list instanceof List<?> l) {
            l.forEach(o -> out.add(String.valueOf(o)));
        }
        return out;
    }

    void updateProgress(String id, String progressJson) {
        // the progress value is spliced in as JSON, as Bull's JSON.stringify({jobId, progress}) does
        String eventJson = "{\"jobId\":" + Json.write(id) + ",\"progress\":" + progressJson + "}";
        Object r = run("updateProgress", List.of(keys.job(id), keys.key("progress")), List.of(progressJson, eventJson));
        if (Long.valueOf(-1).equals(r)) {
            throw new dev.bullpen.queue.QueueException("Missing key for job " + id + " updateProgress");
        }
    }

    long addLog(String id, String line) {
        Object r = run("addLog", List.of(keys.job(id), keys.logs(id)), List.of(line, ""));
        long n = (Long) r;
        if (n < 0) {
            throw new dev.bullpen.queue.QueueException("Missing key for job " + id + " addLog");
        }
        return n;
    }

    /** Node Bull's error text for a refusal code of a finish script. */
    static String refusal(long code, String id, String command) {
        return switch ((int) code) {
            case -1 -> "Missing key for job " + id + " " + command;
            case -2 -> "Missing lock for job " + id + " " + command;
            case -3 -> "Job " + id + " is not in the active state. " + command;
            case -6 -> "Lock mismatch for job " + id + ". Cmd " + command + " from active";
            default -> "Unknown code " + code + " from " + command + " for job " + id;
        };
    }
}
