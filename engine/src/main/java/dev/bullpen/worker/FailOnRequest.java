package dev.bullpen.worker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The test flag that bench and demo processors honour: a job whose data has {@code "fail": "msg"}
 * fails with exactly that message while its attemptsMade is below {@code data.failAttempts}
 * (on every attempt when failAttempts is absent), and runs normally otherwise.
 */
public final class FailOnRequest {
    private FailOnRequest() {
    }

    /** Throws {@link RequestedFailure} when the job asks to fail on this attempt. */
    public static void check(JobContext job) throws RequestedFailure {
        String text = job.dataJson();
        if (text.indexOf('\\') < 0 && !text.contains("\"fail\"")) {
            return; // no "fail" key can be in data without that text (keys are escaped only with a backslash)
        }
        JsonNode data = job.data();
        JsonNode fail = data.isObject() ? data.get("fail") : null;
        if (fail == null || fail.isNull()) {
            return;
        }
        JsonNode limit = data.get("failAttempts");
        if (limit == null || !limit.isNumber() || job.attemptsMade() < limit.longValue()) {
            throw new RequestedFailure(fail.isTextual() ? fail.asText() : fail.toString());
        }
    }

    /** The failure thrown on request; its message becomes the job's failedReason. */
    public static final class RequestedFailure extends Exception {
        private static final long serialVersionUID = 1L;

        RequestedFailure(String message) {
            super(message);
        }
    }
}
