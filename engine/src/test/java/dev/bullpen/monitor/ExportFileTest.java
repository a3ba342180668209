package dev.bullpen.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.PersonalDataMask;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The file shapes, without Redis or a disk. */
class ExportFileTest {

    @Test
    void csvCellsAreQuotedAsRfc4180SaysAndFormulasAreDefused() {
        assertEquals("plain", ExportFile.cell("plain"));
        assertEquals("\"a,b\"", ExportFile.cell("a,b"));
        assertEquals("\"say \"\"hi\"\"\"", ExportFile.cell("say \"hi\""));
        assertEquals("\"two\nlines\"", ExportFile.cell("two\nlines"));
        assertEquals("\"cr\rhere\"", ExportFile.cell("cr\rhere"));
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", ExportFile.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("'+cmd", ExportFile.cell("+cmd"));
        assertEquals("'@SUM(A1)", ExportFile.cell("@SUM(A1)"));
        assertEquals("'-rm", ExportFile.cell("-rm"));
        assertEquals("'\tx", ExportFile.cell("\tx"));
        assertEquals("-12.5", ExportFile.cell("-12.5"), "a negative number is left alone");
        assertEquals("", ExportFile.cell(""));
    }

    @Test
    void csvRecordHasTheHeadersColumnsWithTheDataMasked() {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("name", "charge");
        f.put("data", "{\"email\":\"a@b.c\",\"total\":9.5}");
        f.put("timestamp", "1000");
        f.put("processedOn", "1100");
        f.put("finishedOn", "1300");
        f.put("attemptsMade", "2");
        f.put("failedReason", "card declined, twice");
        JobSnapshot job = new JobSnapshot("7", f);

        assertEquals("id,name,state,timestamp,processedOn,finishedOn,attemptsMade,failedReason,data",
                ExportFile.CSV_HEADER);
        assertEquals("7,charge,failed,1000,1100,1300,2,\"card declined, twice\",\"{\"\"email\"\":\"\"***\"\","
                + "\"\"total\"\":9.5}\"", ExportFile.csvRecord(job, "failed", PersonalDataMask.DEFAULT));
        assertTrue(ExportFile.csvRecord(job, "failed", PersonalDataMask.NONE).contains("a@b.c"));
    }

    @Test
    void csvRecordOfAJobWrittenByAnotherClientKeepsWhatIsStored() {
        JobSnapshot job = new JobSnapshot("x1", Map.of("data", "not json, \"really\"", "timestamp", "soon"));

        assertEquals("x1,,waiting,soon,,,,,\"not json, \"\"really\"\"\"",
                ExportFile.csvRecord(job, "waiting", PersonalDataMask.DEFAULT));
    }

    @Test
    void jsonObjectIsTheJobAsJobsShowPrintsItPlusTheState() {
        JobSnapshot job = new JobSnapshot("7", Map.of("name", "mail", "data", "{\"to\":{\"email\":\"a@b.c\"}}",
                "attemptsMade", "1", "returnvalue", "{\"phone\":\"555\"}"));

        JsonNode o = Json.parseStrict(ExportFile.json(job, "completed", PersonalDataMask.DEFAULT), "export");

        assertEquals("7", o.get("id").asText());
        assertEquals("***", o.get("data").get("to").get("email").asText());
        assertEquals("***", o.get("returnvalue").get("phone").asText());
        assertEquals(1, o.get("attemptsMade").asInt());
        assertTrue(o.get("failedReason").isNull());
        assertEquals("completed", o.get("state").asText());
    }

    @Test
    void formatsAreNamedByTheirExtension() {
        assertEquals(JobExport.Format.CSV, JobExport.Format.parse(" CSV "));
        assertEquals(JobExport.Format.JSON, JobExport.Format.ofFileName(Path.of("out/failed.JSON")).orElseThrow());
        assertTrue(JobExport.Format.ofFileName(Path.of("failed.txt")).isEmpty());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> JobExport.Format.parse("xml"));
        assertEquals("--format must be json or csv, not 'xml'", e.getMessage());
    }
}
