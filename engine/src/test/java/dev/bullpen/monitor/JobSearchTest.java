package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.JobSnapshot;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobSearchTest {

    @Test
    void matchesIdNameDataAndFailedReasonIgnoringCase() {
        JobSnapshot job = new JobSnapshot("42", Map.of("name", "SendMail", "data", "{\"to\":\"Alice@Example.com\"}",
                "failedReason", "SMTP timeout"));

        assertTrue(JobSearch.matches(job, "42"));
        assertTrue(JobSearch.matches(job, "sendmail"));
        assertTrue(JobSearch.matches(job, "alice@example"));
        assertTrue(JobSearch.matches(job, "smtp TIMEOUT"));
        assertFalse(JobSearch.matches(job, "bob"));
    }

    @Test
    void missingHashAndNonJsonDataNeverThrow() {
        assertFalse(JobSearch.matches(new JobSnapshot("7", Map.of()), "7"));
        assertTrue(JobSearch.matches(new JobSnapshot("8", Map.of("data", "\u0000<xml>binary")), "<xml>"));
    }
}
