package dev.bullpen.app.queue;

import dev.bullpen.app.fx.Background;
import dev.bullpen.app.fx.Errors;
import dev.bullpen.app.jobs.Masking;
import dev.bullpen.monitor.JobSearch;
import dev.bullpen.monitor.QueueInspector;
import dev.bullpen.queue.JobDetail;
import dev.bullpen.queue.JobSnapshot;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.PersonalDataMask;
import dev.bullpen.queue.QueuePage;
import dev.bullpen.queue.QueueStatus;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * State of one queue's screen: the counts per state (one tab each), the page of the selected state
 * as one {@code page(...)} read (fast whatever the queue's size), find by id, and a text search that
 * streams its matches in. Every read runs in the background; results are applied on the FX thread,
 * and a result that arrives after the user moved on is dropped.
 */
public final class QueueViewModel {
    public static final List<Integer> PAGE_SIZES = List.of(25, 50, 100, 500);
    static final int SEARCH_BATCH = 500;
    /** Matches shown at most; a search that finds more stops and asks for a narrower text. */
    static final int MAX_MATCHES = 5_000;

    /** What the table shows. */
    public enum Mode {
        /** A page of the selected state. */
        BROWSE,
        /** The one job found by its id. */
        FOUND,
        /** Matches of a text search, streaming in. */
        SEARCH
    }

    private final String queue;
    private final Masking masking;
    private final QueueInspector inspector;
    private final Background background;
    private final DateTimeFormatter times;

    private final Map<JobState, ReadOnlyLongWrapper> counts = new EnumMap<>(JobState.class);
    private final ReadOnlyObjectWrapper<JobState> state = new ReadOnlyObjectWrapper<>(this, "state", JobState.WAITING);
    private final ReadOnlyObjectWrapper<Mode> mode = new ReadOnlyObjectWrapper<>(this, "mode", Mode.BROWSE);
    private final ReadOnlyBooleanWrapper paused = new ReadOnlyBooleanWrapper(this, "paused");
    private final IntegerProperty pageSize = new SimpleIntegerProperty(this, "pageSize", 50);
    private final ReadOnlyIntegerWrapper page = new ReadOnlyIntegerWrapper(this, "page");
    private final ObservableList<JobRow> rows = FXCollections.observableArrayList();
    private final ObservableList<JobRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper pageText = new ReadOnlyStringWrapper(this, "pageText", "");
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper(this, "statusText", "Loading…");
    private final ReadOnlyBooleanWrapper error = new ReadOnlyBooleanWrapper(this, "error");
    private final ReadOnlyBooleanWrapper canPrevious = new ReadOnlyBooleanWrapper(this, "canPrevious");
    private final ReadOnlyBooleanWrapper canNext = new ReadOnlyBooleanWrapper(this, "canNext");
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper(this, "loading");
    private final ReadOnlyBooleanWrapper searching = new ReadOnlyBooleanWrapper(this, "searching");
    private final ReadOnlyDoubleWrapper searchProgress = new ReadOnlyDoubleWrapper(this, "searchProgress");
    private String foundState = "";
    private long generation;
    private boolean active = true;
    private AtomicBoolean searchCancel = new AtomicBoolean();

    /** Personal fields masked by default (see {@link Masking#byDefault}). */
    public QueueViewModel(String queue, QueueInspector inspector, Background background, ZoneId zone) {
        this(queue, inspector, background, zone, Masking.byDefault(queue));
    }

    /** @param masking a search matches job data as this masks it */
    public QueueViewModel(String queue, QueueInspector inspector, Background background, ZoneId zone,
                          Masking masking) {
        this.queue = queue;
        this.masking = masking;
        this.inspector = inspector;
        this.background = background;
        this.times = Durations.shortDateTime(zone);
        for (JobState s : JobState.values()) {
            counts.put(s, new ReadOnlyLongWrapper(this, s.bullName()));
        }
        pageSize.addListener((o, was, now) -> {
            page.set(0);
            refresh();
        });
    }

    public String queue() {
        return queue;
    }

    /** Reads what the table shows now again (and the counts). */
    public void refresh() {
        switch (mode.get()) {
            case BROWSE -> loadPage();
            case FOUND -> {
                if (!rows.isEmpty()) {
                    find(rows.get(0).id());
                } else {
                    loadPage();
                }
            }
            case SEARCH -> loadCounts();
        }
    }

    /**
     * Whether the screen is in front. A screen in a background tab is not refreshed periodically;
     * coming to the front refreshes it at once.
     */
    public void setActive(boolean now) {
        boolean was = active;
        active = now;
        if (now && !was) {
            autoRefresh();
        }
    }

    /** The periodic refresh: only a page that is idle and in front is reread; a search or a found job stays. */
    public void autoRefresh() {
        if (!active || loading.get() || searching.get()) {
            return;
        }
        if (mode.get() == Mode.BROWSE) {
            loadPage();
        } else {
            loadCounts();
        }
    }

    public void selectState(JobState s) {
        stopSearch();
        state.set(s);
        page.set(0);
        mode.set(Mode.BROWSE);
        loadPage();
    }

    public void nextPage() {
        if (canNext.get()) {
            page.set(page.get() + 1);
            loadPage();
        }
    }

    public void previousPage() {
        if (canPrevious.get()) {
            page.set(page.get() - 1);
            loadPage();
        }
    }

    /** Back from a found job or a search to the page of the selected state. */
    public void showPage() {
        stopSearch();
        mode.set(Mode.BROWSE);
        loadPage();
    }

    private void loadPage() {
        long g = ++generation;
        JobState s = state.get();
        long start = (long) page.get() * pageSize.get();
        long end = start + pageSize.get() - 1;
        loading.set(true);
        background.run("page " + queue + " " + s, () -> inspector.read(queue, q -> q.page(s, start, end, false)),
                p -> {
                    if (g == generation) {
                        apply(p);
                    }
                },
                e -> {
                    if (g == generation) {
                        failed(e);
                    }
                });
    }

    private void loadCounts() {
        long g = generation;
        background.run("status " + queue, () -> inspector.read(queue, q -> q.status()),
                st -> {
                    if (g == generation) {
                        applyStatus(st);
                    }
                }, e -> {
                    if (g == generation) {
                        failed(e);
                    }
                });
    }

    /** A page read: counts, pause flag and the rows of the selected state. */
    public void apply(QueuePage p) {
        loading.set(false);
        applyStatus(p.status());
        long total = counts.get(p.state()).get();
        int size = pageSize.get();
        long lastPage = total == 0 ? 0 : (total - 1) / size;
        if (page.get() > lastPage) {
            // the state shrank under us (jobs retried or cleaned): show its last page
            page.set((int) lastPage);
            loadPage();
            return;
        }
        List<JobRow> next = p.jobs().stream().map(j -> JobRow.of(j, times)).toList();
        if (!next.equals(rows)) {
            // only when something changed: an unchanged refresh keeps selection and scrolling untouched
            rows.setAll(next);
        }
        long from = (long) page.get() * size;
        pageText.set(total == 0 ? "No " + p.state().bullName() + " jobs"
                : String.format(Locale.ROOT, "%,d–%,d of %,d", from + 1, from + p.jobs().size(), total));
        canPrevious.set(page.get() > 0);
        canNext.set(page.get() < lastPage);
        error.set(false);
        statusText.set(String.format(Locale.ROOT, "Page %,d of %,d", page.get() + 1, lastPage + 1));
    }

    private void applyStatus(QueueStatus s) {
        paused.set(s.paused());
        for (JobState st : JobState.values()) {
            counts.get(st).set(s.counts().of(st));
        }
        if (mode.get() != Mode.BROWSE) {
            canNext.set(false);
            canPrevious.set(false);
        }
    }

    private void failed(RuntimeException e) {
        loading.set(false);
        error.set(true);
        statusText.set("Reading " + queue + " failed: " + Errors.sentence(e));
    }

    /** Shows the job with that id alone (whatever its state), or says there is none. */
    public void find(String rawId) {
        String id = rawId == null ? "" : rawId.trim();
        if (id.isEmpty()) {
            return;
        }
        stopSearch();
        long g = ++generation;
        loading.set(true);
        background.run("find " + queue + " " + id,
                () -> inspector.read(queue, q -> new Found(q.detail(id), q.status())),
                found -> {
                    if (g != generation) {
                        return;
                    }
                    loading.set(false);
                    applyStatus(found.status());
                    mode.set(Mode.FOUND);
                    canNext.set(false);
                    canPrevious.set(false);
                    error.set(false);
                    if (found.detail().isPresent()) {
                        JobDetail d = found.detail().get();
                        foundState = d.state();
                        rows.setAll(List.of(JobRow.of(d.job(), times)));
                        pageText.set("Job " + id);
                        statusText.set("Job " + id + " is " + d.state());
                    } else {
                        rows.clear();
                        pageText.set("No job " + id);
                        statusText.set("No job with id " + id + " in " + queue);
                    }
                }, e -> {
                    if (g == generation) {
                        failed(e);
                    }
                });
    }

    private record Found(Optional<JobDetail> detail, QueueStatus status) {
    }

    /**
     * Searches the selected state for {@code text} (id, name, data, failed reason) in batches of
     * pages; matches stream into the table; {@link #cancelSearch()} stops it between batches.
     */
    public void search(String rawText) {
        String text = rawText == null ? "" : rawText.trim();
        if (text.isEmpty()) {
            showPage();
            return;
        }
        stopSearch();
        AtomicBoolean cancel = new AtomicBoolean();
        searchCancel = cancel;
        long g = ++generation;
        JobState s = state.get();
        mode.set(Mode.SEARCH);
        rows.clear();
        canNext.set(false);
        canPrevious.set(false);
        searching.set(true);
        searchProgress.set(0);
        error.set(false);
        pageText.set("Searching…");
        statusText.set("Searching " + s.bullName() + " jobs for \"" + text + "\"…");
        long[] found = {0};
        PersonalDataMask mask = masking.mask();
        background.run("search " + queue + " " + s,
                () -> inspector.search(queue, s, text, SEARCH_BATCH, mask, (hits, scanned, total) -> {
                    found[0] += hits.size(); // on the search thread: stop reading once enough is found
                    background.fx().execute(() -> {
                        if (g == generation) {
                            searchBatch(hits, scanned, total, text, cancel);
                        }
                    });
                    return !cancel.get() && found[0] < MAX_MATCHES;
                }),
                result -> {
                    if (g == generation) {
                        searchDone(result, text, s);
                    }
                },
                e -> {
                    if (g == generation) {
                        searching.set(false);
                        failed(e);
                    }
                });
    }

    private void searchBatch(List<JobSnapshot> hits, long scanned, long total, String text, AtomicBoolean cancel) {
        int room = MAX_MATCHES - rows.size();
        if (hits.size() >= room) {
            cancel.set(true);
        }
        rows.addAll(hits.stream().limit(Math.max(0, room)).map(j -> JobRow.of(j, times)).toList());
        searchProgress.set(total == 0 ? 1 : Math.min(1.0, (double) scanned / total));
        pageText.set(String.format(Locale.ROOT, "%,d found", rows.size()));
        statusText.set(String.format(Locale.ROOT, "Searching for \"%s\": %,d of %,d scanned, %,d found", text,
                scanned, total, rows.size()));
    }

    private void searchDone(JobSearch.Result r, String text, JobState s) {
        searching.set(false);
        searchProgress.set(1);
        if (rows.size() >= MAX_MATCHES && (r.cancelled() || r.matched() > rows.size())) {
            pageText.set(String.format(Locale.ROOT, "first %,d shown", rows.size()));
            statusText.set(String.format(Locale.ROOT, "At least %,d %s jobs match \"%s\" (%,d scanned): the first "
                    + "%,d are shown; search for a longer text", MAX_MATCHES, s.bullName(), text, r.scanned(),
                    rows.size()));
            return;
        }
        pageText.set(String.format(Locale.ROOT, "%,d found", r.matched()));
        statusText.set(String.format(Locale.ROOT, "%s \"%s\" in %,d %s jobs: %,d found",
                r.cancelled() ? "Search cancelled for" : "Searched for", text, r.scanned(), s.bullName(), r.matched()));
    }

    /** Stops a running search after its current batch; the matches so far stay. */
    public void cancelSearch() {
        searchCancel.set(true);
    }

    /** Cancels a running search because the table moves on to something else. */
    private void stopSearch() {
        searchCancel.set(true);
        searching.set(false);
    }

    /**
     * The state the table's jobs were listed in: the selected state's name, or for a job found by id
     * the state it was found in.
     */
    public String listedState() {
        return mode.get() == Mode.FOUND && !foundState.isEmpty() ? foundState : state.get().bullName();
    }

    public long count(JobState s) {
        return counts.get(s).get();
    }

    public ReadOnlyLongProperty countProperty(JobState s) {
        return counts.get(s).getReadOnlyProperty();
    }

    public JobState getState() {
        return state.get();
    }

    public ReadOnlyObjectProperty<JobState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public Mode getMode() {
        return mode.get();
    }

    public ReadOnlyObjectProperty<Mode> modeProperty() {
        return mode.getReadOnlyProperty();
    }

    public boolean isPaused() {
        return paused.get();
    }

    public ReadOnlyBooleanProperty pausedProperty() {
        return paused.getReadOnlyProperty();
    }

    public IntegerProperty pageSizeProperty() {
        return pageSize;
    }

    public int getPage() {
        return page.get();
    }

    public ReadOnlyIntegerProperty pageProperty() {
        return page.getReadOnlyProperty();
    }

    public ObservableList<JobRow> rows() {
        return rowsView;
    }

    public String getPageText() {
        return pageText.get();
    }

    public ReadOnlyStringProperty pageTextProperty() {
        return pageText.getReadOnlyProperty();
    }

    public String getStatusText() {
        return statusText.get();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public boolean isError() {
        return error.get();
    }

    public ReadOnlyBooleanProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    public boolean isCanPrevious() {
        return canPrevious.get();
    }

    public ReadOnlyBooleanProperty canPreviousProperty() {
        return canPrevious.getReadOnlyProperty();
    }

    public boolean isCanNext() {
        return canNext.get();
    }

    public ReadOnlyBooleanProperty canNextProperty() {
        return canNext.getReadOnlyProperty();
    }

    public boolean isLoading() {
        return loading.get();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    public boolean isSearching() {
        return searching.get();
    }

    public ReadOnlyBooleanProperty searchingProperty() {
        return searching.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty searchProgressProperty() {
        return searchProgress.getReadOnlyProperty();
    }
}
