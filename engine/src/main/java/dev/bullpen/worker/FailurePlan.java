package dev.bullpen.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.bullpen.queue.Backoff;
import dev.bullpen.queue.Json;
import java.util.ArrayList;
import java.util.List;

/**
 * What a failed attempt leads to, decided as Bull's {@code Job.moveToFailed} does: attemptsMade is
 * incremented and the error's stack appended (keeping the last {@code stackTraceLimit}); then, while
 * attempts remain, a positive backoff delay goes through {@code delayed}, no delay retries at once;
 * otherwise (or for a backoff type Bullpen cannot compute) the job fails for good.
 *
 * @param score the delayed-set score for {@link Kind#DELAY}: {@code (now + delay) * 4096 + (id & 0xFFF)}
 */
record FailurePlan(Kind kind, int attemptsMade, String reason, String stacktraceJson, long delayMs, long score) {

    enum Kind {
        /** Back to {@code delayed}, due after the backoff. */
        DELAY,
        /** Straight back to waiting. */
        RETRY,
        /** Moved to {@code failed}. */
        FAIL
    }

    static FailurePlan of(ActiveJob job, String reason, String stack, long now) {
        return of(job, reason, stack, now, java.util.Map.of(), null, false);
    }

    /** With custom backoff types: {@code strategies} by type name, called with the error. */
    static FailurePlan of(ActiveJob job, String reason, String stack, long now,
            java.util.Map<String, BackoffStrategy> strategies, Throwable error, boolean discarded) {
        int attemptsMade = job.attemptsMade() + 1;
        List<String> traces = new ArrayList<>(job.stacktrace());
        if (stack != null && !stack.isEmpty()) {
            traces.add(stack);
            long limit = job.optLong("stackTraceLimit", 0);
            if (limit > 0 && traces.size() > limit) {
                traces = new ArrayList<>(traces.subList(traces.size() - (int) limit, traces.size()));
            }
        }
        ArrayNode array = Json.MAPPER.createArrayNode();
        traces.forEach(array::add);
        String stacktraceJson = array.toString();

        long attempts = job.optLong("attempts", 1);
        if (attemptsMade < attempts && !discarded) {
            JsonNode backoff = job.opt("backoff").orElse(null);
            BackoffStrategy custom = backoff != null && backoff.isObject() && backoff.path("type").isTextual()
                    ? strategies.get(backoff.get("type").asText()) : null;
            long delay = custom != null
                    ? Math.max(-1, custom.delay(attemptsMade, error, backoff.path("options")))
                    : backoffDelay(backoff, attemptsMade);
            if (delay > 0) {
                return new FailurePlan(Kind.DELAY, attemptsMade, reason, stacktraceJson, delay,
                        delayedScore(now + delay, job.id()));
            }
            if (delay == 0) {
                return new FailurePlan(Kind.RETRY, attemptsMade, reason, stacktraceJson, 0, 0);
            }
        }
        return new FailurePlan(Kind.FAIL, attemptsMade, reason, stacktraceJson, 0, 0);
    }

    /** 0 without a backoff, -1 for one that cannot be computed (custom strategies live in Node). */
    static long backoffDelay(JsonNode backoff, int attemptsMade) {
        if (backoff == null || backoff.isNull() || backoff.isMissingNode()) {
            return 0;
        }
        try {
            return Backoff.fromJson(backoff).delayFor(attemptsMade);
        } catch (RuntimeException unreadable) {
            return -1;
        }
    }

    /** The score Bull's moveToDelayed writes: {@code due * 4096 + (jobId & 0xFFF)}. */
    static long delayedScore(long dueMs, String id) {
        return dueMs * 4096 + idLowBits(id);
    }

    /** JavaScript's {@code jobId & 0xFFF}: numeric ids give their low 12 bits, other ids 0. */
    static long idLowBits(String id) {
        String s = id == null ? "" : id.trim();
        try {
            return Long.parseLong(s) & 0xFFF;
        } catch (NumberFormatException e) {
            try {
                double d = Double.parseDouble(s);
                return Double.isFinite(d) ? ((long) d) & 0xFFF : 0;
            } catch (NumberFormatException e2) {
                return 0;
            }
        }
    }
}
