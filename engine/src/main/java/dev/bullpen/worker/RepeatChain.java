package dev.bullpen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobQueue;
import dev.bullpen.queue.NewJob;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.UnifiedJedis;

/**
 * Bull's {@code nextRepeatableJob}: when an iteration of a repeatable job becomes active, the next
 * iteration is added (delayed until its time) as long as the repeat key is still in {@code P:Q:repeat}
 * and {@code limit} / {@code endDate} allow. Without it, a queue with only Java workers would stop
 * repeating after one iteration. Only {@code every} repeats are computed here; {@code cron} needs
 * Node's cron-parser and is logged and skipped.
 */
final class RepeatChain {
    private static final Logger LOG = LoggerFactory.getLogger(RepeatChain.class);

    private final UnifiedJedis redis;
    private final JobQueue queue;
    private final String repeatKeyName;
    private final Clock clock;

    RepeatChain(UnifiedJedis redis, JobQueue queue, String repeatKeyName, Clock clock) {
        this.redis = redis;
        this.queue = queue;
        this.repeatKeyName = repeatKeyName;
        this.clock = clock;
    }

    /** The next iteration's id, when one was added. */
    Optional<String> onActive(ActiveJob job) {
        if (job.opt("repeat").isEmpty()) {
            return Optional.empty(); // without parsing opts when they cannot hold a repeat
        }
        Optional<JsonNode> opts = job.opts();
        JsonNode repeatNode = opts.map(o -> o.get("repeat")).orElse(null);
        if (repeatNode == null || !repeatNode.isObject()) {
            return Optional.empty();
        }
        ObjectNode all = (ObjectNode) opts.get();
        ObjectNode repeat = (ObjectNode) repeatNode.deepCopy();
        JsonNode every = repeat.get("every");
        if (every == null || !every.isNumber() || every.doubleValue() <= 0) {
            if (repeat.hasNonNull("cron")) {
                LOG.warn("Job(id={}, queue={}) repeats by cron, which only Node workers can schedule; "
                        + "its next iteration is not created here", job.id(), queue.name());
            }
            return Optional.empty();
        }
        long prevMillis = all.path("prevMillis").asLong(0);
        if (prevMillis == 0 && all.hasNonNull("jobId")) {
            repeat.set("jobId", all.get("jobId"));
        }
        long count = repeat.path("count").asLong(0);
        long currentCount = count != 0 ? count + 1 : 1;
        if (repeat.hasNonNull("limit") && currentCount > repeat.get("limit").asLong()) {
            return Optional.empty();
        }
        long now = clock.millis();
        Optional<Long> endDate = millis(repeat.get("endDate"));
        if (endDate.isPresent() && now > endDate.get()) {
            return Optional.empty();
        }
        now = Math.max(prevMillis, now);
        long step = every.longValue();
        long nextMillis = Math.floorDiv(now, step) * step + step;
        String jobIdPart = repeat.hasNonNull("jobId") ? repeat.get("jobId").asText() + ":" : ":";
        String repeatKey = job.name() + ":" + jobIdPart + endDate.map(d -> d + ":").orElse(":") + jsNumber(every);
        if (redis.zscore(repeatKeyName, repeatKey) == null) {
            return Optional.empty(); // removed with removeRepeatable
        }
        redis.zadd(repeatKeyName, nextMillis, repeatKey);
        String customId = "repeat:" + md5(job.name() + jobIdPart + md5(repeatKey)) + ":" + nextMillis;
        long created = clock.millis();
        ObjectNode next = all.deepCopy();
        repeat.put("count", currentCount);
        repeat.put("key", repeatKey);
        next.set("repeat", repeat);
        next.put("jobId", customId);
        next.put("delay", Math.max(0, nextMillis - created));
        next.put("timestamp", created);
        next.put("prevMillis", nextMillis);
        String id = queue.add(new NewJob(job.name(), job.fields().getOrDefault("data", "{}"),
                JobOptions.fromJsonKeepingRepeat(next.toString())));
        return Optional.of(id);
    }

    private static Optional<Long> millis(JsonNode date) {
        if (date == null || date.isNull()) {
            return Optional.empty();
        }
        if (date.isNumber()) {
            return Optional.of(date.longValue());
        }
        try {
            return Optional.of(OffsetDateTime.parse(date.asText()).toInstant().toEpochMilli());
        } catch (RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    /** JavaScript's {@code String(number)} for the values an {@code every} takes. */
    static String jsNumber(JsonNode n) {
        double d = n.doubleValue();
        return d == Math.rint(d) ? Long.toString((long) d) : n.asText();
    }

    static String md5(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
