package dev.bullpen.app.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.RedisEndpoint;
import dev.bullpen.testing.RedisServer;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JobDetailViewModelTest {
    private static final long T0 = 1_764_500_000_000L;

    private final QueueInspector nowhere = new QueueInspector(
            RedisEndpoint.parse("redis://127.0.0.1:" + RedisServer.freePort()), "bull");
    private final JobDetailViewModel inTest =
            new JobDetailViewModel("orders", nowhere, new Background(Runnable::run, Runnable::run), ZoneOffset.UTC);

    @AfterEach
    void close() {
        nowhere.close();
    }

    private static JobDetail failed(String data) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", "charge");
        f.put("data", data);
        f.put("opts", "{\"attempts\":3}");
        f.put("timestamp", String.valueOf(T0));
        f.put("processedOn", String.valueOf(T0 + 61_000));
        f.put("finishedOn", String.valueOf(T0 + 61_500));
        f.put("attemptsMade", "2");
        f.put("failedReason", "card declined");
        f.put("stacktrace", "[\"Error: first\",\"Error: second\"]");
        f.put("progress", "40");
        return new JobDetail(new JobSnapshot("17", f), "failed", List.of("charging", "declined"));
    }

    @Test
    void showsTimelineErrorsNewestFirstLogsAndTheDataTree() {
        inTest.show("17", Optional.of(failed("{\"cart\":{\"items\":[1,2]},\"user\":\"alice\"}")));

        assertEquals("Job 17 · charge", inTest.getTitle());
        assertEquals("failed", inTest.getState());
        assertEquals("1 m 01 s", inTest.getWaitTime());
        assertEquals("500 ms", inTest.getRunTime());
        assertEquals("40 %", inTest.getProgress());
        assertEquals(List.of("Error: second", "Error: first"), inTest.stacktraces());
        assertEquals(List.of("charging", "declined"), inTest.logs());
        assertEquals("{\n  \"attempts\" : 3\n}", inTest.getOptions());
        assertEquals("—", inTest.getReturnValue());
        JsonEntry root = inTest.getDataTree();
        assertEquals("data: {2}", root.label());
        assertEquals("cart: {1}", root.children().get(0).label());
        assertEquals("user: \"alice\"", root.children().get(1).label());
        assertFalse(inTest.isDataTruncated());
        assertTrue(inTest.copyAsJson().contains("\"failedReason\" : \"card declined\""), inTest.copyAsJson());
        assertTrue(inTest.copyAsJson().contains("\"logs\" : [ \"charging\", \"declined\" ]"), inTest.copyAsJson());
    }

    @Test
    void largePayloadIsCutUntilShowAll() {
        StringBuilder big = new StringBuilder("[");
        for (int i = 0; i < 5_000; i++) {
            big.append(i == 0 ? "" : ",").append(i);
        }
        inTest.show("17", Optional.of(failed(big.append(']').toString())));

        assertTrue(inTest.isDataTruncated());
        List<JsonEntry> shown = inTest.getDataTree().children();
        assertEquals(JobDetailViewModel.TREE_BUDGET, shown.size(), "budget minus the root, plus the 'more' line");
        assertEquals("… 4701 more", shown.get(shown.size() - 1).label());

        inTest.showAllData();

        assertFalse(inTest.isDataTruncated());
        assertEquals(5_000, inTest.getDataTree().children().size());
    }

    @Test
    void nonJsonDataFromOtherClientsIsShownRaw() {
        inTest.show("17", Optional.of(failed("<xml>not json</xml>")));

        assertNull(inTest.getDataTree());
        assertEquals("<xml>not json</xml>", inTest.getDataRaw());
        assertEquals("Not JSON, shown as stored (19 characters); personal data in it cannot be masked",
                inTest.getDataSummary());
    }

    @Test
    void longRawTextIsCutUntilShowAll() {
        String raw = "x".repeat(JobDetailViewModel.RAW_LIMIT + 5);
        inTest.show("17", Optional.of(failed(raw)));

        assertTrue(inTest.isDataTruncated());
        assertEquals(JobDetailViewModel.RAW_LIMIT, inTest.getDataRaw().length());

        inTest.showAllData();

        assertFalse(inTest.isDataTruncated());
        assertEquals(raw, inTest.getDataRaw());
    }

    @Test
    void aJobWithOnlyAnIdNeverThrows() {
        inTest.show("9", Optional.of(new JobDetail(new JobSnapshot("9", Map.of("stacktrace", "oops")), "stuck",
                List.of())));

        assertEquals("Job 9", inTest.getTitle());
        assertEquals("—", inTest.getWaitTime());
        assertEquals("No data", inTest.getDataSummary());
        assertEquals(List.of("oops"), inTest.stacktraces());
    }

    @Test
    void aJobThatIsGoneSaysSo() {
        inTest.show("5", Optional.empty());

        assertFalse(inTest.isPresent());
        assertEquals("Job 5 no longer exists", inTest.getMessage());
    }

    @Test
    void aFailedReadSaysWhy() {
        inTest.open("5");

        assertTrue(inTest.getMessage().startsWith("Reading job 5 failed: Redis is unreachable"), inTest.getMessage());
    }

    @Test
    void personalFieldsAreMaskedInTheTreeReturnValueAndCopyUntilTheUserUnmasks() {
        // given
        Masking masking = new Masking("orders", PersonalDataMask.DEFAULT, true);
        JobDetailViewModel detail = new JobDetailViewModel("orders", nowhere,
                new Background(Runnable::run, Runnable::run), ZoneOffset.UTC, masking);
        JobDetail job = failed("{\"customer\":{\"email\":\"alice@example.com\",\"tier\":\"gold\"}}");
        Map<String, String> fields = new LinkedHashMap<>(job.job().fields());
        fields.put("returnvalue", "{\"phone\":\"+49 30 1234\"}");
        JobDetail withReturn = new JobDetail(new JobSnapshot("17", fields), "failed", List.of());

        // when
        detail.show("17", Optional.of(withReturn));

        // then
        JsonEntry customer = detail.getDataTree().children().get(0);
        assertEquals(List.of("email: \"***\"", "tier: \"gold\""), customer.children().stream().map(JsonEntry::label)
                .toList());
        assertEquals("JSON, 56 characters; personal fields masked (***)", detail.getDataSummary());
        assertEquals("{\n  \"phone\" : \"***\"\n}", detail.getReturnValue());
        assertFalse(detail.copyAsJson().contains("alice@example.com"), detail.copyAsJson());
        assertFalse(detail.copyAsJson().contains("1234"), detail.copyAsJson());
        assertTrue(detail.copyAsJson().contains("\"email\" : \"***\""), detail.copyAsJson());

        // when the user unmasks (the detail is read again: here Redis is unreachable, so it is shown again by hand)
        assertTrue(masking.unmask());
        detail.show("17", Optional.of(withReturn));

        // then
        assertEquals("email: \"alice@example.com\"",
                detail.getDataTree().children().get(0).children().get(0).label());
        assertEquals("JSON, 56 characters", detail.getDataSummary());
        assertTrue(detail.copyAsJson().contains("alice@example.com"));
    }

    @Test
    void readOnlyScreensCannotUnmaskAndUnmaskedStartsCannotRemask() {
        Masking readOnly = new Masking("orders", PersonalDataMask.DEFAULT, false);
        Masking startedUnmasked = new Masking("orders", PersonalDataMask.NONE, true);

        assertFalse(readOnly.unmask());
        assertFalse(readOnly.isUnmasked());
        assertEquals(PersonalDataMask.DEFAULT, readOnly.mask());
        assertTrue(startedUnmasked.isUnmasked());
        startedUnmasked.remask();
        assertTrue(startedUnmasked.isUnmasked());
        assertTrue(startedUnmasked.mask().masksNothing());
    }
}
