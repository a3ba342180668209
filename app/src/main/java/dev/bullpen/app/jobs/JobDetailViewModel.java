package dev.bullpen.app.jobs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Errors;
import dev.bullpen.app.queue.Durations;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobJson;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.PersonalDataMask;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The job detail pane: the selected job read in the background with its state and logs, turned
 * into texts and a JSON tree. Jobs written by other clients may hold anything: what is not JSON is
 * shown raw, what is missing is shown as {@code —}, nothing here throws on bad data.
 */
public final class JobDetailViewModel {
    /** Nodes of the data tree built before "show all". */
    public static final int TREE_BUDGET = 300;
    /** Characters of raw (non-JSON) data shown before "show all". */
    public static final int RAW_LIMIT = 20_000;

    private final String queue;
    private final QueueInspector inspector;
    private final Background background;
    private final DateTimeFormatter times;

    private final ReadOnlyBooleanWrapper present = new ReadOnlyBooleanWrapper(this, "present");
    private final ReadOnlyStringWrapper jobId = new ReadOnlyStringWrapper(this, "jobId", "");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper(this, "title", "Select a job");
    private final ReadOnlyStringWrapper state = new ReadOnlyStringWrapper(this, "state", "");
    private final ReadOnlyStringWrapper created = new ReadOnlyStringWrapper(this, "created", "");
    private final ReadOnlyStringWrapper started = new ReadOnlyStringWrapper(this, "started", "");
    private final ReadOnlyStringWrapper finished = new ReadOnlyStringWrapper(this, "finished", "");
    private final ReadOnlyStringWrapper waitTime = new ReadOnlyStringWrapper(this, "waitTime", "");
    private final ReadOnlyStringWrapper runTime = new ReadOnlyStringWrapper(this, "runTime", "");
    private final ReadOnlyStringWrapper attempts = new ReadOnlyStringWrapper(this, "attempts", "");
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper(this, "progress", "");
    private final ReadOnlyObjectWrapper<JsonEntry> dataTree = new ReadOnlyObjectWrapper<>(this, "dataTree");
    private final ReadOnlyStringWrapper dataRaw = new ReadOnlyStringWrapper(this, "dataRaw", "");
    private final ReadOnlyBooleanWrapper dataTruncated = new ReadOnlyBooleanWrapper(this, "dataTruncated");
    private final ReadOnlyStringWrapper dataSummary = new ReadOnlyStringWrapper(this, "dataSummary", "");
    private final ReadOnlyStringWrapper options = new ReadOnlyStringWrapper(this, "options", "");
    private final ReadOnlyStringWrapper returnValue = new ReadOnlyStringWrapper(this, "returnValue", "");
    private final ReadOnlyStringWrapper failedReason = new ReadOnlyStringWrapper(this, "failedReason", "");
    private final ObservableList<String> stacktraces = FXCollections.observableArrayList();
    private final ObservableList<String> logs = FXCollections.observableArrayList();
    static final String HINT = "Select a job in the table to see its data, error, logs and timeline.";

    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", HINT);
    private Prepared shown;
    private long generation;

    private final Masking masking;

    /** Personal fields masked by default (see {@link Masking#byDefault}). */
    public JobDetailViewModel(String queue, QueueInspector inspector, Background background, ZoneId zone) {
        this(queue, inspector, background, zone, Masking.byDefault(queue));
    }

    /** @param masking whether personal fields of data and return value are masked; shown again when it changes */
    public JobDetailViewModel(String queue, QueueInspector inspector, Background background, ZoneId zone,
                              Masking masking) {
        this.queue = queue;
        this.inspector = inspector;
        this.background = background;
        this.times = Durations.dateTime(zone);
        this.masking = masking;
        masking.unmaskedProperty().addListener((o, was, now) -> reload());
    }

    /**
     * A read job with what is costly about it done off the FX thread: its data parsed (payloads can be
     * megabytes) and masked, the first part of its tree built, options and return value pretty-printed.
     *
     * @param data     the parsed data, masked
     * @param masked   true when the mask hid at least one field of the data or return value
     * @param maskable false when the mask is on but the data is not JSON (so nothing in it can be masked)
     */
    record Prepared(JobDetail detail, PersonalDataMask mask, Optional<JsonNode> data, JsonEntry.Built tree,
                    String options, String returnValue, List<String> traces, boolean masked, boolean maskable) {
        static Prepared of(JobDetail d, int budget, PersonalDataMask mask) {
            JobSnapshot j = d.job();
            Optional<JsonNode> raw = j.data().flatMap(Json::parseLenient);
            Optional<JsonNode> data = raw.map(mask::apply);
            Optional<JsonNode> rawReturn = j.field("returnvalue").flatMap(Json::parseLenient);
            Optional<JsonNode> shownReturn = rawReturn.map(mask::apply);
            boolean masked = !data.equals(raw) || !shownReturn.equals(rawReturn);
            String returnValue = shownReturn.map(JobDetailViewModel::prettyJson)
                    .orElseGet(() -> j.field("returnvalue").orElse(Durations.NONE));
            return new Prepared(d, mask, data, data.map(n -> JsonEntry.of("data", n, budget)).orElse(null),
                    pretty(j.field("opts")), returnValue, stacktraces(j.field("stacktrace").orElse(null)), masked,
                    mask.masksNothing() || j.data().isEmpty() || raw.isPresent());
        }
    }

    /** Reads the job with its state and logs in the background, then shows it. */
    public void open(String id) {
        long g = ++generation;
        message.set("Loading job " + id + "…");
        PersonalDataMask mask = masking.mask();
        background.run("detail " + queue + " " + id,
                () -> inspector.read(queue, q -> q.detail(id)).map(d -> Prepared.of(d, TREE_BUDGET, mask)),
                p -> {
                    if (g == generation) {
                        showPrepared(id, p);
                    }
                }, e -> {
                    if (g == generation) {
                        message.set("Reading job " + id + " failed: " + Errors.sentence(e));
                    }
                });
    }

    /** Reads the shown job again (after an action). */
    public void reload() {
        if (shown != null) {
            open(shown.detail().job().id());
        }
    }

    public void clear() {
        generation++;
        shown = null;
        present.set(false);
        jobId.set("");
        title.set("Select a job");
        message.set(HINT);
    }

    /** Shows a read job, or says it is gone (parsing on the calling thread: for tests and small jobs). */
    public void show(String id, Optional<JobDetail> read) {
        PersonalDataMask mask = masking.mask();
        showPrepared(id, read.map(d -> Prepared.of(d, TREE_BUDGET, mask)));
    }

    private void showPrepared(String id, Optional<Prepared> read) {
        if (read.isEmpty()) {
            shown = null;
            present.set(false);
            jobId.set(id);
            title.set("Job " + id);
            message.set("Job " + id + " no longer exists");
            return;
        }
        Prepared p = read.get();
        JobDetail d = p.detail();
        JobSnapshot j = d.job();
        shown = p;
        present.set(true);
        message.set("");
        jobId.set(j.id());
        String name = j.name().isEmpty() ? "" : " · " + j.name();
        title.set("Job " + j.id() + name);
        state.set(d.state());
        created.set(Durations.time(j.timestamp(), times));
        started.set(Durations.time(j.processedOn(), times));
        finished.set(Durations.time(j.finishedOn(), times));
        waitTime.set(Durations.between(j.timestamp(), j.processedOn()));
        runTime.set(Durations.between(j.processedOn(), j.finishedOn()));
        attempts.set(j.attemptsMade().map(String::valueOf).orElse("0"));
        progress.set(j.field("progress").map(v -> Json.parseLenient(v).map(n -> n.isNumber() ? n.asText() + " %"
                : n.toString()).orElse(v)).orElse("0 %"));
        showData(p, p.tree(), false);
        options.set(p.options());
        returnValue.set(p.returnValue());
        failedReason.set(j.failedReason().orElse(""));
        stacktraces.setAll(p.traces());
        logs.setAll(d.logs());
    }

    /** Builds the whole data tree (in the background) or shows the whole raw text, however large. */
    public void showAllData() {
        Prepared p = shown;
        if (p == null) {
            return;
        }
        if (p.data().isEmpty()) {
            showData(p, null, true);
            return;
        }
        long g = generation;
        background.run("show all data", () -> JsonEntry.of("data", p.data().get(), Integer.MAX_VALUE),
                built -> {
                    if (g == generation && shown == p) {
                        showData(p, built, true);
                    }
                }, e -> message.set("Showing all data failed: " + Errors.sentence(e)));
    }

    private void showData(Prepared p, JsonEntry.Built built, boolean all) {
        Optional<String> raw = p.detail().job().data();
        if (raw.isEmpty()) {
            dataTree.set(null);
            dataRaw.set("");
            dataTruncated.set(false);
            dataSummary.set("No data");
            return;
        }
        String text = raw.get();
        if (built != null) {
            dataTree.set(built.root());
            dataRaw.set("");
            dataTruncated.set(built.truncated());
            dataSummary.set(String.format("JSON, %,d characters%s%s", text.length(),
                    built.truncated() ? ", first " + built.nodes() + " values shown" : "",
                    p.masked() ? "; personal fields masked (***)" : ""));
        } else {
            dataTree.set(null);
            boolean cut = !all && text.length() > RAW_LIMIT;
            dataRaw.set(cut ? text.substring(0, RAW_LIMIT) : text);
            dataTruncated.set(cut);
            dataSummary.set(String.format("Not JSON, shown as stored (%,d characters%s)%s", text.length(),
                    cut ? ", first " + RAW_LIMIT + " shown" : "",
                    p.maskable() ? "" : "; personal data in it cannot be masked"));
        }
    }

    /** Bull keeps one stack trace per failed attempt, oldest first; we show the newest first. */
    static List<String> stacktraces(String raw) {
        if (raw == null || raw.isBlank()) {
            return List.of();
        }
        Optional<JsonNode> json = Json.parseLenient(raw);
        if (json.isEmpty() || !json.get().isArray()) {
            return List.of(raw);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode n : json.get()) {
            out.add(n.isTextual() ? n.asText() : n.toString());
        }
        Collections.reverse(out);
        return out;
    }

    private static String pretty(Optional<String> raw) {
        if (raw.isEmpty()) {
            return Durations.NONE;
        }
        return Json.parseLenient(raw.get()).map(JobDetailViewModel::prettyJson).orElse(raw.get());
    }

    private static String prettyJson(Object node) {
        try {
            return Json.MAPPER.writer(SerializationFeature.INDENT_OUTPUT).writeValueAsString(node);
        } catch (Exception e) {
            return String.valueOf(node);
        }
    }

    /**
     * The shown job as the JSON of {@code jobs show --json}, pretty-printed, with personal fields
     * masked as shown; empty when none is shown.
     */
    public String copyAsJson() {
        return shown == null ? "" : prettyJson(shown.mask().applyToJob(JobJson.toJson(shown.detail())));
    }

    public boolean isPresent() {
        return present.get();
    }

    public ReadOnlyBooleanProperty presentProperty() {
        return present.getReadOnlyProperty();
    }

    public String getJobId() {
        return jobId.get();
    }

    public ReadOnlyStringProperty jobIdProperty() {
        return jobId.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public String getTitle() {
        return title.get();
    }

    public ReadOnlyStringProperty stateProperty() {
        return state.getReadOnlyProperty();
    }

    public String getState() {
        return state.get();
    }

    public ReadOnlyStringProperty createdProperty() {
        return created.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty startedProperty() {
        return started.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }

    public String getWaitTime() {
        return waitTime.get();
    }

    public ReadOnlyStringProperty waitTimeProperty() {
        return waitTime.getReadOnlyProperty();
    }

    public String getRunTime() {
        return runTime.get();
    }

    public ReadOnlyStringProperty runTimeProperty() {
        return runTime.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty attemptsProperty() {
        return attempts.getReadOnlyProperty();
    }

    public String getProgress() {
        return progress.get();
    }

    public ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public JsonEntry getDataTree() {
        return dataTree.get();
    }

    public ReadOnlyObjectProperty<JsonEntry> dataTreeProperty() {
        return dataTree.getReadOnlyProperty();
    }

    public String getDataRaw() {
        return dataRaw.get();
    }

    public ReadOnlyStringProperty dataRawProperty() {
        return dataRaw.getReadOnlyProperty();
    }

    public boolean isDataTruncated() {
        return dataTruncated.get();
    }

    public ReadOnlyBooleanProperty dataTruncatedProperty() {
        return dataTruncated.getReadOnlyProperty();
    }

    public String getDataSummary() {
        return dataSummary.get();
    }

    public ReadOnlyStringProperty dataSummaryProperty() {
        return dataSummary.getReadOnlyProperty();
    }

    public String getOptions() {
        return options.get();
    }

    public ReadOnlyStringProperty optionsProperty() {
        return options.getReadOnlyProperty();
    }

    public String getReturnValue() {
        return returnValue.get();
    }

    public ReadOnlyStringProperty returnValueProperty() {
        return returnValue.getReadOnlyProperty();
    }

    public String getFailedReason() {
        return failedReason.get();
    }

    public ReadOnlyStringProperty failedReasonProperty() {
        return failedReason.getReadOnlyProperty();
    }

    /** Stack traces of the failed attempts, newest first. */
    public ObservableList<String> stacktraces() {
        return stacktraces;
    }

    public ObservableList<String> logs() {
        return logs;
    }

    public String getMessage() {
        return message.get();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
