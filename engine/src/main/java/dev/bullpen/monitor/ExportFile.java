package dev.bullpen.monitor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobJson;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.PersonalDataMask;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One export being written: a temporary file next to the target (created by the JDK with owner-only
 * permissions on POSIX systems, as it may hold personal data), renamed onto the target by
 * {@link #commit()}; {@link #close()} without a commit deletes it.
 *
 * <ul>
 *   <li>JSON: {@code [}, one job object per line separated by commas, {@code ]}. Each object has the
 *       fields of {@code jobs show --json} ({@link JobJson#FIELDS}) and {@code state}.</li>
 *   <li>CSV (RFC 4180, UTF-8 without a byte order mark, CRLF line ends): the header
 *       {@value #CSV_HEADER}, then one record per job. Times and attempts are the stored values;
 *       {@code data} is the stored JSON text. A field holding a comma, quote, CR or LF is quoted,
 *       quotes doubled. A text starting with {@code = + - @}, tab or CR that is not a plain number
 *       gets a leading {@code '} so that spreadsheets do not run it as a formula (OWASP "CSV
 *       injection").</li>
 * </ul>
 */
final class ExportFile implements AutoCloseable {
    static final String CSV_HEADER = "id,name,state,timestamp,processedOn,finishedOn,attemptsMade,failedReason,data";
    private static final List<String> CSV_STORED = List.of("timestamp", "processedOn", "finishedOn", "attemptsMade");
    private static final Pattern PLAIN_NUMBER = Pattern.compile("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    private static final String CRLF = "\r\n";

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final Writer out;
    private final JobExport.Format format;
    private final PersonalDataMask mask;
    private boolean first = true;
    private boolean committed;

    private ExportFile(Path target, Path temp, FileChannel channel, JobExport.Format format, PersonalDataMask mask) {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8), 64 * 1024);
        this.format = format;
        this.mask = mask;
    }

    /**
     * @throws InvalidInputException when the target's folder does not exist or the target is a folder
     */
    static ExportFile open(Path target, JobExport.Format format, PersonalDataMask mask) {
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            throw new InvalidInputException("cannot export to " + target + ": the folder " + dir + " does not exist");
        }
        if (Files.isDirectory(absolute)) {
            throw new InvalidInputException("cannot export to " + target + ": it is a folder; give a file name");
        }
        Path temp = null;
        try {
            temp = Files.createTempFile(dir, "." + absolute.getFileName() + ".", ".part");
            FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING);
            ExportFile file = new ExportFile(absolute, temp, channel, format, mask);
            file.begin();
            return file;
        } catch (IOException e) {
            deleteQuietly(temp);
            throw cannotWrite(target, e);
        }
    }

    private void begin() throws IOException {
        out.write(format == JobExport.Format.JSON ? "[" : CSV_HEADER + CRLF);
    }

    /** Writes one job (not missing), labelled with its state. */
    void write(JobSnapshot job, String state) {
        try {
            if (format == JobExport.Format.JSON) {
                out.write(first ? "\n" : ",\n");
                out.write(json(job, state, mask));
            } else {
                out.write(csvRecord(job, state, mask));
                out.write(CRLF);
            }
            first = false;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** Finishes the file, forces it to disk and moves it onto the target. */
    void commit() {
        try {
            if (format == JobExport.Format.JSON) {
                out.write(first ? "]\n" : "\n]\n");
            }
            out.flush();
            channel.force(true);
            out.close();
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            committed = true;
        } catch (IOException e) {
            throw cannotWrite(target, e);
        }
    }

    /** Deletes the temporary file unless committed. */
    @Override
    public void close() {
        if (committed) {
            return;
        }
        try {
            out.close();
        } catch (IOException ignored) {
            // the file is deleted next
        }
        deleteQuietly(temp);
    }

    static String json(JobSnapshot job, String state, PersonalDataMask mask) {
        ObjectNode o = mask.applyToJob(JobJson.toJson(job));
        o.put("state", state);
        try {
            return Json.MAPPER.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write job " + job.id() + " as JSON", e);
        }
    }

    static String csvRecord(JobSnapshot job, String state, PersonalDataMask mask) {
        StringBuilder b = new StringBuilder();
        b.append(cell(job.id())).append(',').append(cell(job.name())).append(',').append(cell(state));
        for (String f : CSV_STORED) {
            b.append(',').append(cell(job.field(f).orElse("")));
        }
        b.append(',').append(cell(job.failedReason().orElse("")));
        b.append(',').append(cell(job.data().map(mask::applyToJson).orElse("")));
        return b.toString();
    }

    /** One CSV field: formula-guarded, then quoted when it holds a comma, quote, CR or LF. */
    static String cell(String value) {
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0 && !PLAIN_NUMBER.matcher(v).matches()) {
            v = "'" + v;
        }
        boolean quote = v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\r') >= 0 || v.indexOf('\n') >= 0;
        return quote ? '"' + v.replace("\"", "\"\"") + '"' : v;
    }

    private static UncheckedIOException cannotWrite(Path target, IOException e) {
        String why = e instanceof AccessDeniedException ? "permission denied"
                : e instanceof NoSuchFileException ? "no such file or folder"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new UncheckedIOException("cannot write " + target + ": " + why, e);
    }

    private static void deleteQuietly(Path p) {
        if (p == null) {
            return;
        }
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a left-over .part file is harmless and says what it is
        }
    }
}
