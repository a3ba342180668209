package dev.bullpen.queue.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.BatchProgress;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.NotFoundException;
import dev.bullpen.queue.BullMetrics;
import dev.bullpen.queue.QueueActivity;
import dev.bullpen.queue.QueueCounts;
import dev.bullpen.queue.QueueHealth;
import dev.bullpen.queue.Throughput;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.QueuePage;
import dev.bullpen.queue.QueueStatus;
import dev.bullpen.queue.RemoveResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Supplier;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.Response;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/** {@link JobQueue} on Redis with Bullpen's own Lua scripts, byte-compatible with Bull 4.16.5. */
final class RedisQueue implements JobQueue {
    private static final int CLEAN_CHUNK = 1_000;

    private final RedisQueueConnection connection;
    private final UnifiedJedis redis;
    private final BullKeys keys;

    RedisQueue(RedisQueueConnection connection, BullKeys keys) {
        this.connection = connection;
        this.redis = connection.redis();
        this.keys = keys;
    }

    @Override
    public String name() {
        return keys.queue();
    }

    @Override
    public String prefix() {
        return keys.prefix();
    }

    /** A command that may write: retried only when it cannot have run. */
    private <T> T call(Supplier<T> action) {
        return connection.call(false, action);
    }

    /** A read: retried on any connection error behind Sentinel or on a cluster. */
    private <T> T read(Supplier<T> action) {
        return connection.call(true, action);
    }

    /** Scripts that only read; run with EVALSHA_RO so a read-only ACL user may run them. */
    private static final Set<String> READ_SCRIPTS = Set.of("page", "jobState", "health", "throughput",
            "bullMetrics");

    private Object script(String name, List<String> scriptKeys, List<String> args) {
        if (READ_SCRIPTS.contains(name)) {
            return read(() -> LuaScripts.get(name).callReadOnly(redis, scriptKeys, args));
        }
        return call(() -> LuaScripts.get(name).call(redis, scriptKeys, args));
    }

    // ---------------------------------------------------------------- produce

    @Override
    public String add(NewJob job) {
        AddCall c = addCall(job);
        return String.valueOf(script("addJob", c.keys(), c.args()));
    }

    /** Jobs per bulk script call: large enough to amortise the call, small enough not to stall Redis. */
    private static final int BULK_CHUNK = 200;

    @Override
    public List<String> addBulk(List<NewJob> jobs) {
        List<String> ids = new ArrayList<>(jobs.size());
        for (int from = 0; from < jobs.size(); from += BULK_CHUNK) {
            List<NewJob> chunk = jobs.subList(from, Math.min(jobs.size(), from + BULK_CHUNK));
            List<String> args = new ArrayList<>(2 + chunk.size() * 9);
            args.add(keys.base());
            args.add(connection.token());
            List<String> scriptKeys = null;
            for (NewJob job : chunk) {
                AddCall c = addCall(job);
                scriptKeys = c.keys();
                // addJob's arguments without the prefix (0) and the token (10)
                args.addAll(c.args().subList(1, 10));
            }
            for (Object id : (List<?>) script("addJobs", scriptKeys, args)) {
                ids.add(text(id));
            }
        }
        return ids;
    }

    private record AddCall(List<String> keys, List<String> args) {
    }

    private AddCall addCall(NewJob job) {
        long now = connection.clock().millis();
        JobOptions options = job.options();
        String optsJson;
        String timestamp;
        String delayText;
        String due;
        if (options.isEmpty()) {
            // no options: Bull's defaults and now, without building the tree (bulk adds of plain jobs)
            optsJson = options.normalizedJson(now);
            timestamp = Long.toString(now);
            delayText = "0";
            due = "0";
        } else {
            ObjectNode opts = options.normalized(now);
            JsonNode tsNode = opts.get("timestamp");
            if (!tsNode.isNumber()) {
                throw new InvalidInputException("opts.timestamp must be a number, got " + tsNode);
            }
            double ts = tsNode.doubleValue();
            JsonNode delayNode = opts.get("delay");
            double delay = delayNode.isNumber() ? Math.max(0, delayNode.doubleValue()) : 0;
            // Bull passes timestamp, delay and due as JS numbers: a fractional delay gives a fractional due
            optsJson = Json.stringify(opts);
            timestamp = Json.jsNumber(ts);
            delayText = Json.jsNumber(delay);
            due = delay > 0 ? Json.jsNumber(ts + delay) : "0";
        }
        return new AddCall(
                List.of(keys.waitList(), keys.paused(), keys.metaPaused(), keys.id(), keys.delayed(), keys.priority()),
                List.of(keys.base(), options.jobId().orElse(""), job.name(), storedData(job.dataJson()),
                        optsJson, timestamp, delayText, due, Integer.toString(options.priority()),
                        options.lifo() ? "RPUSH" : "LPUSH", connection.token()));
    }

    /**
     * The data as Bull stores it, {@code JSON.stringify(data || {})}: a falsy value (null, false, 0,
     * "") becomes {@code {}}. Anything else, JSON or not, is stored as given.
     */
    static String storedData(String dataJson) {
        if (startsObjectOrArray(dataJson)) {
            return dataJson; // never falsy, JSON or not: stored as given without parsing
        }
        JsonNode n = Json.parseLenient(dataJson).orElse(null);
        boolean falsy = n != null && (n.isNull() || n.isBoolean() && !n.booleanValue()
                || n.isNumber() && n.doubleValue() == 0 || n.isTextual() && n.textValue().isEmpty());
        return falsy ? "{}" : dataJson;
    }

    private static boolean startsObjectOrArray(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return c == '{' || c == '[';
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- inspect

    @Override
    public QueueStatus status() {
        return read(() -> {
            try (AbstractPipeline p = redis.pipelined()) {
                Response<Long> wait = p.llen(keys.waitList());
                Response<Long> active = p.llen(keys.active());
                Response<Long> delayed = p.zcard(keys.delayed());
                Response<Long> completed = p.zcard(keys.completed());
                Response<Long> failed = p.zcard(keys.failed());
                Response<Long> paused = p.llen(keys.paused());
                Response<Boolean> metaPaused = p.exists(keys.metaPaused());
                Response<Boolean> metaHash = p.hexists(keys.meta(), "paused");
                p.sync();
                return new QueueStatus(name(), metaPaused.get() || metaHash.get(), new QueueCounts(
                        wait.get(), active.get(), delayed.get(), completed.get(), failed.get(), paused.get()));
            }
        });
    }

    @Override
    public boolean isPaused() {
        return status().paused();
    }

    @Override
    public boolean exists() {
        String[] all = BullKeys.QUEUE_MARKERS.stream().map(keys::key).toArray(String[]::new);
        return read(() -> redis.exists(all)) > 0;
    }

    @Override
    public List<JobSnapshot> jobs(JobState state, long start, long end) {
        return read(state, start, end, null, false).jobs();
    }

    /** Hash fields a page reads when payloads are left out. */
    private static final List<String> SUMMARY_FIELDS = List.of("name", "opts", "timestamp", "delay", "priority",
            "processedOn", "finishedOn", "attemptsMade", "failedReason", "progress", "retriedOn", "stalledCounter");

    @Override
    public QueuePage page(JobState state, long start, long end, boolean withData) {
        return read(state, start, end, withData ? null : SUMMARY_FIELDS, true);
    }

    /**
     * The monitoring read: counts (optional) and one page of one state in a single round trip.
     *
     * @param fields the hash fields to read, or null for whole hashes
     */
    private QueuePage read(JobState state, long start, long end, List<String> fields, boolean withCounts) {
        List<String> scriptKeys = List.of(keys.waitList(), keys.active(), keys.delayed(), keys.completed(),
                keys.failed(), keys.paused(), keys.metaPaused(), keys.meta(), keys.of(state));
        List<String> args = List.of(keys.base(), state.isList() ? "list" : "zset", Long.toString(start),
                Long.toString(end), fields == null ? "all" : String.join(",", fields), withCounts ? "counts" : "");
        List<?> reply = (List<?>) script("page", scriptKeys, args);
        QueueStatus status = null;
        if (withCounts) {
            List<?> c = (List<?>) reply.get(0);
            status = new QueueStatus(name(), ((Long) reply.get(1)) == 1L, new QueueCounts(
                    (Long) c.get(0), (Long) c.get(1), (Long) c.get(2), (Long) c.get(3), (Long) c.get(4),
                    (Long) c.get(5)));
        }
        List<?> ids = (List<?>) reply.get(2);
        List<?> hashes = (List<?>) reply.get(3);
        List<JobSnapshot> jobs = new ArrayList<>(ids.size());
        for (int i = 0; i < ids.size(); i++) {
            jobs.add(new JobSnapshot(text(ids.get(i)), pairs((List<?>) hashes.get(i))));
        }
        return new QueuePage(status, state, jobs);
    }

    private static Map<String, String> pairs(List<?> flat) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < flat.size(); i += 2) {
            m.put(text(flat.get(i)), text(flat.get(i + 1)));
        }
        return m;
    }

    private static String text(Object o) {
        if (o instanceof byte[] b) {
            return new String(b, java.nio.charset.StandardCharsets.UTF_8);
        }
        return String.valueOf(o);
    }

    @Override
    public List<String> ids(JobState state, long start, long end) {
        String key = keys.of(state);
        return read(() -> state.isList() ? redis.lrange(key, start, end) : redis.zrevrange(key, start, end));
    }

    @Override
    public List<JobSnapshot> jobs(List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return read(() -> {
            List<Response<Map<String, String>>> hashes = new ArrayList<>(ids.size());
            try (AbstractPipeline p = redis.pipelined()) {
                for (String id : ids) {
                    hashes.add(p.hgetAll(keys.job(id)));
                }
                p.sync();
            }
            List<JobSnapshot> jobs = new ArrayList<>(ids.size());
            for (int i = 0; i < ids.size(); i++) {
                Map<String, String> hash;
                try {
                    hash = hashes.get(i).get();
                } catch (JedisDataException e) {
                    hash = Map.of(); // WRONGTYPE: another client made the job key something else
                }
                jobs.add(new JobSnapshot(ids.get(i), hash));
            }
            return jobs;
        });
    }

    @Override
    public Optional<JobSnapshot> job(String id) {
        Map<String, String> hash = read(() -> redis.hgetAll(keys.job(id)));
        return hash.isEmpty() ? Optional.empty() : Optional.of(new JobSnapshot(id, hash));
    }

    @Override
    public Optional<JobDetail> detail(String id) {
        Optional<JobSnapshot> job = job(id);
        if (job.isEmpty()) {
            return Optional.empty();
        }
        String state = text(script("jobState", List.of(keys.completed(), keys.failed(), keys.delayed(),
                keys.active(), keys.waitList(), keys.paused()), List.of(id)));
        List<String> logs = read(() -> redis.lrange(keys.logs(id), 0, -1));
        return Optional.of(new JobDetail(job.get(), state, logs));
    }

    // ---------------------------------------------------------------- administer

    @Override
    public void retry(String id) {
        long now = connection.clock().millis();
        long code = (Long) script("retryFailed",
                List.of(keys.job(id), keys.lock(id), keys.failed(), keys.waitList(), keys.metaPaused(), keys.paused()),
                List.of(id, connection.token(), Long.toString(now), keys.base()));
        if (code == 0) {
            throw new NotFoundException("job " + id + " not found in queue " + name());
        }
        if (code == -1) {
            throw new QueueException("job " + id + " is locked by a worker: not retried");
        }
        if (code == -2) {
            throw new QueueException("job " + id + " is not failed: not retried");
        }
    }

    @Override
    public long retryAllFailed(int batchSize, BatchProgress progress) {
        requirePositive(batchSize);
        long total = 0;
        while (true) {
            long n = (Long) script("retryAllFailed",
                    List.of(keys.failed(), keys.waitList(), keys.paused(), keys.metaPaused()),
                    List.of(keys.base(), Integer.toString(batchSize)));
            total += n;
            if (n == 0 || !progress.onBatch(total) || n < batchSize) {
                return total;
            }
        }
    }

    @Override
    public void promote(String id) {
        long code = (Long) script("promote", promoteKeys(), List.of(keys.base(), connection.token(), id, "1"));
        if (code == -1) {
            if (job(id).isEmpty()) {
                throw new NotFoundException("job " + id + " not found in queue " + name());
            }
            throw new QueueException("job " + id + " is not in a delayed state");
        }
    }

    @Override
    public long promoteAllDelayed(int batchSize, BatchProgress progress) {
        requirePositive(batchSize);
        long total = 0;
        while (true) {
            long n = (Long) script("promote", promoteKeys(),
                    List.of(keys.base(), connection.token(), "", Integer.toString(batchSize)));
            total += n;
            if (n == 0 || !progress.onBatch(total) || n < batchSize) {
                return total;
            }
        }
    }

    private List<String> promoteKeys() {
        return List.of(keys.delayed(), keys.waitList(), keys.paused(), keys.metaPaused(), keys.priority());
    }

    @Override
    public RemoveResult remove(String id) {
        long code = (Long) script("removeJob", List.of(keys.active(), keys.waitList(), keys.delayed(), keys.paused(),
                keys.completed(), keys.failed(), keys.priority(), keys.job(id), keys.logs(id)),
                List.of(id, keys.base()));
        return code == 1 ? RemoveResult.REMOVED : code == 0 ? RemoveResult.LOCKED : RemoveResult.NOT_FOUND;
    }

    @Override
    public List<String> clean(JobState state, long graceMs, int limit) {
        if (graceMs < 0) {
            throw new InvalidInputException("grace must be 0 or more milliseconds, got " + graceMs);
        }
        if (limit < 0) {
            throw new InvalidInputException("limit must be 0 (no limit) or more, got " + limit);
        }
        long maxTs = connection.clock().millis() - graceMs;
        boolean finished = state == JobState.COMPLETED || state == JobState.FAILED;
        List<String> deleted = new ArrayList<>();
        while (limit == 0 || deleted.size() < limit) {
            int chunk = limit == 0 ? CLEAN_CHUNK : Math.min(CLEAN_CHUNK, limit - deleted.size());
            List<?> ids = (List<?>) script("clean", List.of(keys.of(state), keys.priority()),
                    List.of(keys.base(), Long.toString(maxTs), Integer.toString(chunk),
                            state.isList() ? "list" : "zset", finished ? "finished" : "", finished ? "1" : "0"));
            ids.forEach(o -> deleted.add(text(o)));
            if (ids.size() < chunk) {
                break;
            }
        }
        return deleted;
    }

    @Override
    public void pause() {
        script("pause", List.of(keys.waitList(), keys.paused(), keys.metaPaused(), keys.key("paused"), keys.meta()),
                List.of("paused"));
    }

    @Override
    public void resume() {
        script("pause", List.of(keys.paused(), keys.waitList(), keys.metaPaused(), keys.key("resumed"), keys.meta()),
                List.of("resumed"));
    }

    @Override
    public void empty() {
        script("empty", List.of(keys.waitList(), keys.paused(), keys.delayed(), keys.priority(), keys.limiter(),
                keys.limiter() + ":index", keys.limiter() + ":limited"), List.of(keys.base()));
    }

    // ---------------------------------------------------------------- charts and alerts (read-only)

    /** The most failure minutes {@link #health} reads. */
    static final int MAX_FAILED_MINUTES = 60;

    @Override
    public QueueHealth health(long nowMs, int failedMinutes) {
        if (failedMinutes < 1 || failedMinutes > MAX_FAILED_MINUTES) {
            throw new InvalidInputException("failure minutes must be 1 to " + MAX_FAILED_MINUTES + ", got "
                    + failedMinutes);
        }
        List<?> reply = (List<?>) script("health", List.of(keys.waitList(), keys.active(), keys.delayed(),
                keys.completed(), keys.failed(), keys.paused(), keys.metaPaused(), keys.meta()),
                List.of(keys.base(), Long.toString(nowMs), Integer.toString(failedMinutes)));
        List<?> c = (List<?>) reply.get(0);
        QueueStatus status = new QueueStatus(name(), ((Long) reply.get(1)) == 1L, new QueueCounts(
                (Long) c.get(0), (Long) c.get(1), (Long) c.get(2), (Long) c.get(3), (Long) c.get(4), (Long) c.get(5)));
        List<Long> failed = new ArrayList<>();
        for (Object n : (List<?>) reply.get(3)) {
            failed.add((Long) n);
        }
        OptionalLong oldest = OptionalLong.empty();
        for (Object end : (List<?>) reply.get(4)) {
            List<?> f = (List<?>) end;
            OptionalLong since = WaitingSince.of(text(f.get(0)), text(f.get(1)), text(f.get(2)), text(f.get(3)));
            if (since.isPresent() && (oldest.isEmpty() || since.getAsLong() < oldest.getAsLong())) {
                oldest = since;
            }
        }
        return new QueueHealth(status, new QueueActivity((Long) reply.get(2), failed, oldest));
    }

    /** The most minutes {@link #throughput} reads: one day. */
    static final int MAX_THROUGHPUT_MINUTES = 1_440;

    @Override
    public Throughput throughput(long nowMs, int minutes) {
        if (minutes < 1 || minutes > MAX_THROUGHPUT_MINUTES) {
            throw new InvalidInputException("minutes must be 1 to " + MAX_THROUGHPUT_MINUTES + ", got " + minutes);
        }
        long first = Math.floorDiv(nowMs, Throughput.MINUTE_MS) * Throughput.MINUTE_MS
                - (minutes - 1L) * Throughput.MINUTE_MS;
        List<?> reply = (List<?>) script("throughput", List.of(keys.completed(), keys.failed()),
                List.of(Long.toString(first), Integer.toString(minutes), Long.toString(nowMs)));
        return new Throughput(first, longs((List<?>) reply.get(0)), longs((List<?>) reply.get(1)),
                (Long) reply.get(2), (Long) reply.get(3), nowMs);
    }

    private static final List<String> TIME_FIELDS = List.of("timestamp", "processedOn", "finishedOn");
    static final int MAX_TIMES = 10_000;

    @Override
    public List<JobSnapshot> newestTimes(JobState state, int count) {
        if (count < 1 || count > MAX_TIMES) {
            throw new InvalidInputException("count must be 1 to " + MAX_TIMES + ", got " + count);
        }
        return read(state, 0, count - 1L, TIME_FIELDS, false).jobs();
    }

    @Override
    public BullMetrics bullMetrics(int points) {
        if (points < 1 || points > MAX_THROUGHPUT_MINUTES) {
            throw new InvalidInputException("points must be 1 to " + MAX_THROUGHPUT_MINUTES + ", got " + points);
        }
        String completed = keys.key("metrics:completed");
        String failed = keys.key("metrics:failed");
        List<?> reply = (List<?>) script("bullMetrics",
                List.of(completed, completed + ":data", failed, failed + ":data"), List.of(Integer.toString(points)));
        return new BullMetrics(series((List<?>) reply.get(0)), series((List<?>) reply.get(1)));
    }

    private static BullMetrics.Series series(List<?> r) {
        if ((Long) r.get(0) == 0L && ((List<?>) r.get(4)).isEmpty()) {
            return BullMetrics.Series.absent();
        }
        List<Long> data = new ArrayList<>();
        for (Object o : (List<?>) r.get(4)) {
            data.add(StoredNumber.parse(text(o)).orElse(0));
        }
        return new BullMetrics.Series((Long) r.get(0) == 1L, StoredNumber.parse(text(r.get(1))).orElse(0),
                StoredNumber.parse(text(r.get(2))), StoredNumber.parse(text(r.get(3))).orElse(0), data,
                (Long) r.get(5));
    }

    private static List<Long> longs(List<?> values) {
        List<Long> out = new ArrayList<>(values.size());
        for (Object o : values) {
            out.add((Long) o);
        }
        return out;
    }

    private static void requirePositive(int batchSize) {
        if (batchSize < 1) {
            throw new QueueException("batch size must be 1 or more, got " + batchSize);
        }
    }
}
