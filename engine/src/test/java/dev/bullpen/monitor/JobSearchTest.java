package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.PersonalDataMask;
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

    @Test
    void aMaskedSearchDoesNotFindPersonalValuesItDoesNotShow() {
        JobSnapshot job = new JobSnapshot("42", Map.of("name", "mail", "data",
                "{\"email\":\"alice@example.com\",\"plan\":\"gold\",\"note\":\"for alice\"}"));

        assertFalse(JobSearch.matches(job, "alice@example", PersonalDataMask.DEFAULT));
        assertTrue(JobSearch.matches(job, "alice@example", PersonalDataMask.NONE));
        assertTrue(JobSearch.matches(job, "GOLD", PersonalDataMask.DEFAULT), "other fields still match");
        assertTrue(JobSearch.matches(job, "for alice", PersonalDataMask.DEFAULT), "a value outside personal fields");
        assertTrue(JobSearch.matches(new JobSnapshot("43", Map.of("data", "email=bob@x.y")), "bob@x",
                PersonalDataMask.DEFAULT), "data that is not JSON cannot be masked, as everywhere else");
    }
}
