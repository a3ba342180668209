package dev.bullpen.app.queue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Errors;
import dev.bullpen.app.jobs.Masking;
import dev.bullpen.monitor.JobExport;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.JobOptions;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NewJob;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.RedisUnavailableException;
import dev.bullpen.queue.RemoveResult;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The actions of one queue's screen. The engine enforces Bull's rules (a locked job is not removed,
 * only failed jobs are retried...); this view model runs one action at a time in the background with
 * progress and cancel, reports the outcome as a {@link Notice}, and in read-only mode refuses every
 * action before anything reaches Redis. Confirmation of destructive actions is the view's job.
 */
public final class QueueActionsViewModel {
    /** Jobs moved per round trip by "retry all" and "promote all". */
    static final int BATCH = 500;
    private static final int MAX_NOTICES = 50;

    public enum Level { INFO, WARNING, ERROR }

    /** One outcome to show the user (a notification, not a dialog). */
    public record Notice(Level level, String text) {
    }

    private final String queue;
    private final QueueInspector inspector;
    private final Background background;
    private final boolean readOnly;
    private final Runnable afterChange;
    private final Masking masking;

    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(this, "busy");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress", -1);
    private final ReadOnlyStringWrapper addJobError = new ReadOnlyStringWrapper(this, "addJobError", "");
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private AtomicBoolean cancel = new AtomicBoolean();

    /**
     * Personal fields masked by default, unmasking refused in read-only mode.
     *
     * @param afterChange runs on the FX thread after every action that may have changed the queue
     */
    public QueueActionsViewModel(String queue, QueueInspector inspector, Background background, boolean readOnly,
                                 Runnable afterChange) {
        this(queue, inspector, background, readOnly, afterChange, new Masking(queue,
                PersonalDataMask.fromEnv(System.getenv()), !readOnly));
    }

    /**
     * @param afterChange runs on the FX thread after every action that may have changed the queue
     * @param masking     the screen's masking of personal fields: exports follow it, {@link #unmask()} changes it
     */
    public QueueActionsViewModel(String queue, QueueInspector inspector, Background background, boolean readOnly,
                                 Runnable afterChange, Masking masking) {
        this.queue = queue;
        this.inspector = inspector;
        this.background = background;
        this.readOnly = readOnly;
        this.afterChange = afterChange;
        this.masking = masking;
    }

    public void retry(List<String> ids) {
        eachJob("retry", "Retried", ids, id -> q -> {
            q.retry(id);
            return Optional.empty();
        }, List::of);
    }

    public void promote(List<String> ids) {
        eachJob("promote", "Promoted", ids, id -> q -> {
            q.promote(id);
            return Optional.empty();
        }, List::of);
    }

    /**
     * Adds a copy of each job: same name, data and options, a new id, created now (the engine drops
     * the custom jobId and repeat options). Not confirmed, as "Add job" is not; refused in read-only mode.
     */
    public void duplicate(List<String> ids) {
        List<String> created = java.util.Collections.synchronizedList(new ArrayList<>());
        eachJob("duplicate", "Duplicated", ids, id -> q -> {
            created.add(id + " as new job " + q.duplicate(id));
            return Optional.empty();
        }, () -> List.copyOf(created));
    }

    /** Removes the jobs (the view asks for confirmation first); locked jobs stay, as in Bull. */
    public void remove(List<String> ids) {
        eachJob("remove", "Removed", ids, id -> q -> {
            RemoveResult r = q.remove(id);
            return switch (r) {
                case REMOVED -> Optional.empty();
                case LOCKED -> Optional.of("it is locked by a worker");
                case NOT_FOUND -> Optional.of("it no longer exists");
            };
        }, List::of);
    }

    public void retryAllFailed() {
        batched("retry all failed jobs", "Retried", "failed", q -> p -> q.retryAllFailed(BATCH, p));
    }

    public void promoteAllDelayed() {
        batched("promote all delayed jobs", "Promoted", "delayed", q -> p -> q.promoteAllDelayed(BATCH, p));
    }

    /** Deletes the jobs of a state older than {@code age}, as Bull's {@code clean(grace, state)}. */
    public void clean(JobState state, Duration age) {
        String older = age.isZero() ? "" : " older than " + Durations.format(age.toMillis());
        String what = "clean " + state.bullName() + " jobs" + older;
        if (refused(what)) {
            return;
        }
        start(what);
        background.run(what, () -> inspector.act(queue, what, q -> q.clean(state, age.toMillis(), 0)).size(),
                n -> done(Level.INFO, String.format(Locale.ROOT, "Cleaned %,d %s %s%s", n,
                        state.bullName(), n == 1 ? "job" : "jobs", older)),
                e -> failed(what, e));
    }

    public void pause() {
        simple("pause " + queue, "Paused " + queue + ": workers take no new jobs", q -> {
            q.pause();
            return null;
        });
    }

    public void resume() {
        simple("resume " + queue, "Resumed " + queue, q -> {
            q.resume();
            return null;
        });
    }

    /** What is wrong with a job to add, naming the field and (for JSON) line and column; empty when valid. */
    public static Optional<String> validateNewJob(String data, String options) {
        try {
            parseNewJob(null, data, options);
            return Optional.empty();
        } catch (InvalidInputException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static NewJob parseNewJob(String name, String data, String options) {
        String d = data == null || data.isBlank() ? "{}" : data.trim();
        Json.parseStrict(d, "data");
        String o = options == null || options.isBlank() ? "{}" : options.trim();
        Json.parseStrict(o, "options");
        return new NewJob(name == null || name.isBlank() ? null : name.trim(), d, JobOptions.fromJson(o));
    }

    /**
     * Adds a job when data and options are valid.
     *
     * @return false (with {@link #addJobErrorProperty()} saying why) when the input is invalid or refused
     */
    public boolean addJob(String name, String data, String options) {
        if (refused("add a job")) {
            addJobError.set("Read-only mode: adding jobs is refused");
            return false;
        }
        NewJob job;
        try {
            job = parseNewJob(name, data, options);
        } catch (InvalidInputException e) {
            addJobError.set(e.getMessage());
            return false;
        }
        addJobError.set("");
        start("add a job");
        background.run("add job to " + queue, () -> inspector.act(queue, "add a job", q -> q.add(job)),
                id -> done(Level.INFO, "Added job " + id + " to " + queue),
                e -> failed("add a job", e));
        return true;
    }

    // ---------------------------------------------------------------- export and personal data

    /**
     * Writes every job of a state to a file in the background, with progress and cancel. Allowed in
     * read-only mode (it changes nothing in Redis); personal fields are masked unless the screen is
     * unmasked.
     */
    public void exportState(JobState state, JobExport.Format format, Path file) {
        export("export " + state.bullName() + " jobs", state.bullName(), format,
                (q, export, progress) -> export.state(q, state, file, progress));
    }

    /** Writes these jobs (listed in {@code state}) to a file; as {@link #exportState}. */
    public void exportJobs(List<String> ids, String state, JobExport.Format format, Path file) {
        if (ids.isEmpty()) {
            notice(Level.WARNING, "Select jobs to export first");
            return;
        }
        List<String> todo = List.copyOf(ids);
        export("export " + todo.size() + (todo.size() == 1 ? " job" : " jobs"), state, format,
                (q, export, progress) -> export.jobs(q, todo, state, file, progress));
    }

    @FunctionalInterface
    private interface ExportCall {
        JobExport.Result run(dev.bullpen.queue.JobQueue queue, JobExport export, JobExport.Progress progress);
    }

    private void export(String what, String state, JobExport.Format format, ExportCall call) {
        if (busy.get()) {
            notice(Level.WARNING, "Another action is still running: " + what + " not started");
            return;
        }
        PersonalDataMask mask = masking.mask();
        AtomicBoolean stop = start(what);
        JobExport export = new JobExport(format, mask);
        background.run(what, () -> inspector.read(queue, q -> call.run(q, export, (written, total) -> {
            background.fx().execute(() -> {
                progress.set(total <= 0 ? -1 : Math.min(1.0, (double) written / total));
                progressText.set(String.format(Locale.ROOT, "Exporting: %,d of %,d jobs written…", written, total));
            });
            return !stop.get();
        })), r -> {
            if (r.cancelled()) {
                finish(Level.WARNING, String.format(Locale.ROOT, "Export cancelled after %,d jobs: nothing written "
                        + "to %s", r.written(), r.file()), false);
                return;
            }
            finish(Level.INFO, String.format(Locale.ROOT, "Exported %,d %s %s to %s%s; personal fields %s",
                    r.written(), state, r.written() == 1 ? "job" : "jobs", r.file(),
                    r.gone() > 0 ? String.format(Locale.ROOT, " (%,d removed meanwhile left out)", r.gone()) : "",
                    mask.masksNothing() ? "NOT masked" : "masked"), false);
        }, e -> failed(what, e));
    }

    /** The screen's masking of personal fields. */
    public Masking masking() {
        return masking;
    }

    /**
     * Shows personal fields unmasked on this screen (the view asks first).
     *
     * @return false when refused (read-only mode), with a notice saying so
     */
    public boolean unmask() {
        if (masking.unmask()) {
            notice(Level.WARNING, "Personal fields of " + queue + " are shown unmasked; mask them again when done");
            return true;
        }
        notice(Level.WARNING, readOnly ? "Read-only mode: unmasking personal data refused (start the console "
                + "with --unmask to see it)" : "Nothing to unmask: no personal fields are configured");
        return false;
    }

    /** Masks personal fields again. */
    public void remask() {
        masking.remask();
    }

    /** Stops a running action after the job or batch in progress. */
    public void cancel() {
        cancel.set(true);
    }

    // ---------------------------------------------------------------- running

    private boolean refused(String what) {
        if (readOnly) {
            notice(Level.WARNING, "Read-only mode: " + what + " refused");
            return true;
        }
        if (busy.get()) {
            notice(Level.WARNING, "Another action is still running: " + what + " not started");
            return true;
        }
        return false;
    }

    private AtomicBoolean start(String what) {
        cancel = new AtomicBoolean();
        busy.set(true);
        progress.set(-1);
        progressText.set(capitalize(what) + "…");
        return cancel;
    }

    /** @param details what to add to the outcome ("5 as 12"), read when all is done */
    private void eachJob(String verb, String past, List<String> ids,
                         Function<String, Function<dev.bullpen.queue.JobQueue, Optional<String>>> action,
                         java.util.function.Supplier<List<String>> details) {
        if (ids.isEmpty()) {
            notice(Level.WARNING, "Select jobs to " + verb + " first");
            return;
        }
        String what = verb + " " + ids.size() + (ids.size() == 1 ? " job" : " jobs");
        if (refused(what)) {
            return;
        }
        AtomicBoolean stop = start(what);
        List<String> todo = List.copyOf(ids);
        background.run(what, () -> {
            List<String> problems = new ArrayList<>();
            int done = 0;
            int handled = 0;
            for (String id : todo) {
                if (stop.get()) {
                    break;
                }
                try {
                    Optional<String> problem = inspector.act(queue, verb + " job " + id, action.apply(id));
                    if (problem.isPresent()) {
                        problems.add("job " + id + ": " + problem.get());
                    } else {
                        done++;
                    }
                } catch (RedisUnavailableException e) {
                    throw e;
                } catch (QueueException | IllegalArgumentException e) {
                    problems.add("job " + id + ": " + Errors.sentence(e));
                }
                handled++;
                int h = handled;
                background.fx().execute(() -> progressed(verb, h, todo.size()));
            }
            return new Outcome(done, handled, problems);
        }, o -> {
            String text = String.format(Locale.ROOT, "%s %,d of %,d %s", past, o.done(), todo.size(),
                    todo.size() == 1 ? "job" : "jobs");
            List<String> more = details.get();
            if (!more.isEmpty()) {
                text += ": " + String.join(", ", more.subList(0, Math.min(3, more.size())))
                        + (more.size() > 3 ? ", …" : "");
            }
            if (o.handled() < todo.size()) {
                text += " (cancelled)";
            }
            if (!o.problems().isEmpty()) {
                text += "; " + String.join("; ", o.problems().subList(0, Math.min(3, o.problems().size())))
                        + (o.problems().size() > 3 ? "; …" : "");
            }
            done(o.problems().isEmpty() ? Level.INFO : Level.WARNING, text);
        }, e -> failed(what, e));
    }

    private record Outcome(int done, int handled, List<String> problems) {
    }

    private void batched(String what, String past, String stateName,
                         Function<dev.bullpen.queue.JobQueue, Function<dev.bullpen.queue.BatchProgress, Long>> op) {
        if (refused(what)) {
            return;
        }
        AtomicBoolean stop = start(what);
        background.run(what, () -> inspector.act(queue, what, q -> op.apply(q).apply(done -> {
            background.fx().execute(() -> progressText.set(String.format(Locale.ROOT, "%s %,d %s jobs so far…",
                    past, done, stateName)));
            return !stop.get();
        })), n -> done(Level.INFO, String.format(Locale.ROOT, "%s %,d %s %s%s", past, n, stateName,
                n == 1 ? "job" : "jobs", stop.get() ? " (cancelled)" : "")), e -> failed(what, e));
    }

    private <T> void simple(String what, String success, Function<dev.bullpen.queue.JobQueue, T> op) {
        if (refused(what)) {
            return;
        }
        start(what);
        background.run(what, () -> inspector.act(queue, what, op), r -> done(Level.INFO, success),
                e -> failed(what, e));
    }

    private void progressed(String verb, int handled, int total) {
        progress.set((double) handled / total);
        progressText.set(String.format(Locale.ROOT, "%s: %,d of %,d…", capitalize(verb), handled, total));
    }

    private void done(Level level, String text) {
        finish(level, text, true);
    }

    /** @param changed whether the queue may have changed (the screen is read again) */
    private void finish(Level level, String text, boolean changed) {
        busy.set(false);
        progress.set(-1);
        progressText.set("");
        notice(level, text);
        if (changed) {
            afterChange.run();
        }
    }

    private void failed(String what, RuntimeException e) {
        busy.set(false);
        progress.set(-1);
        progressText.set("");
        notice(Level.ERROR, capitalize(what) + " failed: " + Errors.sentence(e));
        afterChange.run();
    }

    private void notice(Level level, String text) {
        notices.add(new Notice(level, text));
        if (notices.size() > MAX_NOTICES) {
            notices.remove(0);
        }
    }

    private static String capitalize(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    public boolean isReadOnly() {
        return readOnly;
    }

    public boolean isBusy() {
        return busy.get();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public String getProgressText() {
        return progressText.get();
    }

    public ReadOnlyStringProperty progressTextProperty() {
        return progressText.getReadOnlyProperty();
    }

    /** 0..1, or -1 when unknown. */
    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public String getAddJobError() {
        return addJobError.get();
    }

    public ReadOnlyStringProperty addJobErrorProperty() {
        return addJobError.getReadOnlyProperty();
    }

    /** Outcomes, oldest first (the last {@value #MAX_NOTICES}). */
    public ObservableList<Notice> notices() {
        return notices;
    }
}
