package dev.bullpen.app.queue;

import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.fx.PulseSteps;
import dev.bullpen.app.fx.TableFit;
import dev.bullpen.app.icons.AppIcon;
import dev.bullpen.app.jobs.JobDetailViewModel;
import dev.bullpen.app.queue.QueueActionsViewModel.Notice;
import dev.bullpen.queue.JobState;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import javafx.animation.PauseTransition;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;
import org.controlsfx.control.NotificationPane;

/** Binds {@code queue.fxml}; its handlers are one-line calls, plus confirmation of destructive actions. */
public final class QueueController {
    private static final Map<String, Duration> CLEAN_AGES = new java.util.LinkedHashMap<>();

    static {
        CLEAN_AGES.put("older than 1 hour", Duration.ofHours(1));
        CLEAN_AGES.put("older than 1 day", Duration.ofDays(1));
        CLEAN_AGES.put("older than 7 days", Duration.ofDays(7));
        CLEAN_AGES.put("all", Duration.ZERO);
    }

    private final QueueViewModel viewModel;
    private final JobDetailViewModel detail;
    private final QueueActionsViewModel actions;
    private final Confirmer confirmer;
    private final Map<JobState, Tab> tabs = new EnumMap<>(JobState.class);
    private NotificationPane notifications;
    private PauseTransition hideNotice;

    @FXML
    private BorderPane root;
    @FXML
    private Label title;
    @FXML
    private Label pausedBadge;
    @FXML
    private Button maskButton;
    @FXML
    private Button pauseButton;
    @FXML
    private Button addJobButton;
    @FXML
    private Button refreshButton;
    @FXML
    private TabPane stateTabs;
    @FXML
    private TextField findField;
    @FXML
    private TextField searchField;
    @FXML
    private Button searchButton;
    @FXML
    private Button cancelSearchButton;
    @FXML
    private ProgressBar searchProgress;
    @FXML
    private Button showPageButton;
    @FXML
    private Button retryButton;
    @FXML
    private Button promoteButton;
    @FXML
    private Button removeButton;
    @FXML
    private Button duplicateButton;
    @FXML
    private Button exportButton;
    @FXML
    private Button retryAllButton;
    @FXML
    private Button promoteAllButton;
    @FXML
    private MenuButton cleanButton;
    @FXML
    private Label actionText;
    @FXML
    private ProgressBar actionProgress;
    @FXML
    private Button cancelActionButton;
    @FXML
    private SplitPane split;
    @FXML
    private TableView<JobRow> table;
    @FXML
    private TableColumn<JobRow, String> idColumn;
    @FXML
    private TableColumn<JobRow, String> nameColumn;
    @FXML
    private TableColumn<JobRow, String> createdColumn;
    @FXML
    private TableColumn<JobRow, String> attemptsColumn;
    @FXML
    private TableColumn<JobRow, String> progressColumn;
    @FXML
    private TableColumn<JobRow, String> waitColumn;
    @FXML
    private TableColumn<JobRow, String> runColumn;
    @FXML
    private TableColumn<JobRow, String> reasonColumn;
    @FXML
    private Label statusText;
    @FXML
    private ChoiceBox<Integer> pageSize;
    @FXML
    private Button previousButton;
    @FXML
    private Label pageText;
    @FXML
    private Button nextButton;

    public QueueController(QueueViewModel viewModel, JobDetailViewModel detail, QueueActionsViewModel actions,
                           Confirmer confirmer) {
        this.viewModel = viewModel;
        this.detail = detail;
        this.actions = actions;
        this.confirmer = confirmer;
    }

    public QueueViewModel getViewModel() {
        return viewModel;
    }

    public QueueActionsViewModel getActions() {
        return actions;
    }

    /**
     * Shows the screen part by part, one per pulse, once its root is in the scene (call right after, in the same FX
     * event): the title row first, then the state tabs, the search bar, the action bar, the table (with the job
     * detail's still empty pane beside it), the detail's header, the pager (docs/decisions/0020). The first styling
     * of these controls is cold JavaFX code; in one pulse it held the FX thread about 45 ms on a quiet machine. The
     * parts keep their places, and the split keeps its 0.6 divider (it joins with both of its items). The result
     * completes once every part is in.
     */
    public CompletableFuture<Void> showInSteps() {
        VBox top = (VBox) root.getTop();
        List<Node> rows = List.copyOf(top.getChildren());
        Node center = root.getCenter();
        Node bottom = root.getBottom();
        top.getChildren().retainAll(rows.get(0));
        root.setCenter(null);
        root.setBottom(null);
        List<Runnable> steps = new ArrayList<>();
        for (Node row : rows.subList(1, rows.size())) {
            steps.add(() -> top.getChildren().add(row));
        }
        // the job detail's header joins after the table, in place: the split keeps both items (and its divider)
        Pane detailPane = (Pane) split.getItems().get(1);
        List<Node> detailParts = List.copyOf(detailPane.getChildren());
        detailPane.getChildren().removeAll(detailParts);
        steps.add(() -> root.setCenter(center));
        steps.add(() -> detailPane.getChildren().addAll(0, detailParts)); // before the body, if a job showed first
        steps.add(() -> root.setBottom(bottom));
        return PulseSteps.onePerPulse(steps);
    }

    @FXML
    private void initialize() {
        title.setText(viewModel.queue());
        title.setGraphic(AppIcon.QUEUES.node());
        pausedBadge.setGraphic(AppIcon.QUEUE_PAUSED.node());
        pausedBadge.visibleProperty().bind(viewModel.pausedProperty());
        pausedBadge.managedProperty().bind(viewModel.pausedProperty());
        pauseButton.textProperty().bind(Bindings.when(viewModel.pausedProperty()).then("Resume").otherwise("Pause"));
        refreshButton.setGraphic(AppIcon.REFRESH.node());
        refreshButton.setTooltip(new Tooltip("Read the queue again (F5)"));

        maskButton();
        stateTabs();
        table();
        pager();
        searchBar();
        actionBar();
        notifications();
        keys();
    }

    private void maskButton() {
        var masking = actions.masking();
        maskButton.textProperty().bind(Bindings.when(masking.unmaskedProperty())
                .then("Personal data shown").otherwise("Personal data masked"));
        maskButton.graphicProperty().bind(Bindings.createObjectBinding(() -> (masking.isUnmasked()
                ? AppIcon.PERSONAL_DATA_SHOWN : AppIcon.PERSONAL_DATA_MASKED).node(), masking.unmaskedProperty()));
        masking.unmaskedProperty().addListener((o, was, now) ->
                maskButton.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("unmasked"), now));
        maskButton.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("unmasked"), masking.isUnmasked());
        if (!masking.mayUnmask()) {
            maskButton.setDisable(true);
            maskButton.setTooltip(new Tooltip(masking.isUnmasked()
                    ? "The console was started with --unmask: personal fields are shown everywhere"
                    : actions.isReadOnly() ? "Read-only mode: start the console with --unmask to see personal data"
                    : "No personal fields are configured to mask"));
        } else {
            maskButton.setTooltip(new Tooltip("Personal fields of job data (e-mail, names, addresses, phone numbers) "
                    + "are masked as *** in the detail, Copy as JSON, search and export; click to show them"));
        }
    }

    private void stateTabs() {
        for (JobState s : JobState.values()) {
            Tab tab = new Tab();
            tab.setId("tab-" + s.bullName());
            tab.setUserData(s);
            tab.textProperty().bind(Bindings.createStringBinding(() -> String.format(Locale.ROOT, "%s  %,d",
                    capitalize(s.bullName()), viewModel.count(s)), viewModel.countProperty(s)));
            tabs.put(s, tab);
            stateTabs.getTabs().add(tab);
        }
        stateTabs.getSelectionModel().select(tabs.get(viewModel.getState()));
        stateTabs.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null && now.getUserData() != viewModel.getState()) {
                viewModel.selectState((JobState) now.getUserData());
            }
        });
        viewModel.stateProperty().addListener((o, was, now) -> stateTabs.getSelectionModel().select(tabs.get(now)));
    }

    private void table() {
        text(idColumn, JobRow::id);
        text(nameColumn, JobRow::name);
        text(createdColumn, JobRow::created);
        text(attemptsColumn, JobRow::attempts);
        text(progressColumn, JobRow::progress);
        text(waitColumn, JobRow::waitTime);
        text(runColumn, JobRow::runTime);
        text(reasonColumn, JobRow::failedReason);
        table.setItems(viewModel.rows());
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        TableFit.fitOrScroll(table, TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.setPlaceholder(placeholder());
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            // a refreshed page reselects the same job: keep its detail (tree state, scroll) as it is
            if (now != null && !now.id().equals(detail.getJobId())) {
                detail.open(now.id());
            }
        });
        // a refreshed page replaces the rows: keep the selected job selected
        String[] selectedId = {null};
        table.getSelectionModel().selectedItemProperty().addListener((o, was, now) -> {
            if (now != null) {
                selectedId[0] = now.id();
            }
        });
        viewModel.rows().addListener((ListChangeListener<JobRow>) c -> {
            if (selectedId[0] == null || !table.getSelectionModel().getSelectedItems().isEmpty()) {
                return;
            }
            for (JobRow r : viewModel.rows()) {
                if (r.id().equals(selectedId[0])) {
                    table.getSelectionModel().select(r);
                    return;
                }
            }
        });
    }

    private Label placeholder() {
        Label l = new Label();
        l.getStyleClass().add("table-placeholder");
        l.textProperty().bind(Bindings.createStringBinding(() -> viewModel.isLoading() ? "Loading…"
                : viewModel.getPageText(), viewModel.loadingProperty(), viewModel.pageTextProperty()));
        return l;
    }

    private static void text(TableColumn<JobRow, String> column, Function<JobRow, String> value) {
        column.setCellValueFactory(c -> new ReadOnlyStringWrapper(value.apply(c.getValue())));
    }

    private void pager() {
        pageSize.getItems().setAll(QueueViewModel.PAGE_SIZES);
        pageSize.setValue(viewModel.pageSizeProperty().get());
        pageSize.setConverter(new StringConverter<>() {
            @Override
            public String toString(Integer n) {
                return n == null ? "" : n + " per page";
            }

            @Override
            public Integer fromString(String s) {
                return Integer.valueOf(s.replaceAll("\\D", ""));
            }
        });
        pageSize.valueProperty().addListener((o, was, now) -> {
            if (now != null) {
                viewModel.pageSizeProperty().set(now);
            }
        });
        previousButton.disableProperty().bind(viewModel.canPreviousProperty().not());
        nextButton.disableProperty().bind(viewModel.canNextProperty().not());
        pageText.textProperty().bind(viewModel.pageTextProperty());
        statusText.textProperty().bind(viewModel.statusTextProperty());
        viewModel.errorProperty().addListener((o, was, now) ->
                statusText.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("error"), now));
    }

    private void searchBar() {
        searchButton.setGraphic(AppIcon.SEARCH.node());
        BooleanBinding searching = viewModel.searchingProperty().not();
        cancelSearchButton.visibleProperty().bind(viewModel.searchingProperty());
        cancelSearchButton.managedProperty().bind(viewModel.searchingProperty());
        searchProgress.progressProperty().bind(viewModel.searchProgressProperty());
        searchProgress.visibleProperty().bind(viewModel.searchingProperty());
        searchProgress.managedProperty().bind(viewModel.searchingProperty());
        searchButton.disableProperty().bind(searching.not());
        BooleanBinding notBrowsing = viewModel.modeProperty().isNotEqualTo(QueueViewModel.Mode.BROWSE);
        showPageButton.visibleProperty().bind(notBrowsing);
        showPageButton.managedProperty().bind(notBrowsing);
    }

    private void actionBar() {
        boolean ro = actions.isReadOnly();
        String why = "Read-only mode: actions are refused";
        for (var b : List.of(pauseButton, addJobButton, retryButton, promoteButton, removeButton, duplicateButton,
                retryAllButton, promoteAllButton)) {
            if (ro) {
                b.setDisable(true);
                b.setTooltip(new Tooltip(why));
            } else {
                b.disableProperty().bind(actions.busyProperty());
            }
        }
        cleanButton.setDisable(ro);
        if (!ro) {
            cleanButton.disableProperty().bind(actions.busyProperty());
        }
        retryButton.setGraphic(AppIcon.RETRY_JOB.node());
        retryButton.setTooltip(new Tooltip(ro ? why : "Retry the selected failed jobs (R)"));
        removeButton.setGraphic(AppIcon.REMOVE_JOB.node());
        removeButton.setTooltip(new Tooltip(ro ? why : "Remove the selected jobs (Delete)"));
        promoteButton.setTooltip(new Tooltip(ro ? why : "Move the selected delayed jobs to waiting now"));
        addJobButton.setGraphic(AppIcon.ADD_JOB.node());
        duplicateButton.setGraphic(AppIcon.DUPLICATE_JOB.node());
        duplicateButton.setTooltip(new Tooltip(ro ? why
                : "Add a copy of each selected job: same name, data and options, a new id"));
        exportButton.setGraphic(AppIcon.EXPORT_JOBS.node());
        exportButton.setTooltip(new Tooltip("Write the selected jobs, or every job of this state, to a CSV or "
                + "JSON file (also in read-only mode)"));
        exportButton.disableProperty().bind(actions.busyProperty());
        for (JobState s : List.of(JobState.COMPLETED, JobState.FAILED, JobState.DELAYED, JobState.WAITING)) {
            for (Map.Entry<String, Duration> age : CLEAN_AGES.entrySet()) {
                MenuItem item = new MenuItem(capitalize(s.bullName()) + " jobs " + age.getKey());
                item.setId("clean-" + s.bullName() + "-" + age.getValue().toHours());
                item.setOnAction(e -> clean(s, age.getKey(), age.getValue()));
                cleanButton.getItems().add(item);
            }
        }
        actionText.textProperty().bind(actions.progressTextProperty());
        actionProgress.progressProperty().bind(actions.progressProperty());
        for (var n : List.of(actionProgress, cancelActionButton)) {
            n.visibleProperty().bind(actions.busyProperty());
            n.managedProperty().bind(actions.busyProperty());
        }
    }

    private void notifications() {
        root.setCenter(null);
        notifications = new NotificationPane(split);
        notifications.setId("notifications");
        notifications.setShowFromTop(true);
        root.setCenter(notifications);
        hideNotice = new PauseTransition(javafx.util.Duration.seconds(6));
        hideNotice.setOnFinished(e -> notifications.hide());
        actions.notices().addListener((ListChangeListener<Notice>) c -> {
            while (c.next()) {
                for (Notice n : c.getAddedSubList()) {
                    show(n);
                }
            }
        });
    }

    private void show(Notice n) {
        notifications.getStyleClass().removeAll("notice-info", "notice-warning", "notice-error");
        notifications.getStyleClass().add("notice-" + n.level().name().toLowerCase(Locale.ROOT));
        AppIcon icon = switch (n.level()) {
            case INFO -> AppIcon.DONE;
            case WARNING, ERROR -> AppIcon.ALERT;
        };
        notifications.show(n.text(), icon.node());
        hideNotice.playFromStart();
    }

    private void keys() {
        root.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.F5) {
                refresh();
                e.consume();
            } else if (e.getCode() == KeyCode.F && e.isShortcutDown()) {
                focusSearch();
                e.consume();
            }
        });
        table.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.R && !e.isShortcutDown() && !e.isAltDown()) {
                retrySelected();
                e.consume();
            } else if (e.getCode() == KeyCode.DELETE) {
                removeSelected();
                e.consume();
            }
        });
    }

    /**
     * Shows a state and a job's detail (from the command line), selecting the job's row when it is
     * on the page.
     */
    public void openAt(JobState state, String jobId) {
        if (state != null) {
            viewModel.selectState(state);
        }
        if (jobId == null) {
            return;
        }
        detail.open(jobId);
        ListChangeListener<JobRow> selectOnce = new ListChangeListener<>() {
            @Override
            public void onChanged(Change<? extends JobRow> c) {
                for (JobRow r : viewModel.rows()) {
                    if (r.id().equals(jobId)) {
                        viewModel.rows().removeListener(this);
                        table.getSelectionModel().select(r);
                        table.scrollTo(r);
                        return;
                    }
                }
            }
        };
        viewModel.rows().addListener(selectOnce);
    }

    /** Ctrl+F: into the search field. */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    private List<String> selectedIds() {
        return table.getSelectionModel().getSelectedItems().stream().map(JobRow::id).toList();
    }

    private static String jobs(List<String> ids) {
        return ids.size() == 1 ? "job " + ids.get(0) : ids.size() + " jobs";
    }

    // ---------------------------------------------------------------- handlers

    @FXML
    public void refresh() {
        viewModel.refresh();
        detail.reload();
    }

    @FXML
    private void find() {
        viewModel.find(findField.getText());
    }

    @FXML
    private void search() {
        viewModel.search(searchField.getText());
    }

    @FXML
    private void cancelSearch() {
        viewModel.cancelSearch();
    }

    @FXML
    private void showPage() {
        viewModel.showPage();
    }

    @FXML
    private void previousPage() {
        viewModel.previousPage();
    }

    @FXML
    private void nextPage() {
        viewModel.nextPage();
    }

    @FXML
    private void togglePause() {
        if (viewModel.isPaused()) {
            actions.resume();
        } else if (actions.isReadOnly() || confirmer.confirm(root, "Pause " + viewModel.queue()
                + "? Workers of every process stop taking new jobs until it is resumed.", "Pause")) {
            actions.pause();
        }
    }

    @FXML
    private void addJob() {
        if (actions.isReadOnly()) {
            actions.addJob(null, null, null);
            return;
        }
        AddJobDialog.show(root, actions, viewModel.queue());
    }

    @FXML
    private void retrySelected() {
        actions.retry(selectedIds());
    }

    @FXML
    private void promoteSelected() {
        actions.promote(selectedIds());
    }

    @FXML
    private void removeSelected() {
        List<String> ids = selectedIds();
        if (ids.isEmpty() || actions.isReadOnly()
                || confirmer.confirm(root, "Remove " + jobs(ids) + " from " + viewModel.queue()
                + "? This cannot be undone; jobs locked by a worker are left alone.", "Remove")) {
            actions.remove(ids);
        }
    }

    @FXML
    private void duplicateSelected() {
        actions.duplicate(selectedIds());
    }

    @FXML
    private void export() {
        ExportDialog.show(root, actions, confirmer, new ExportDialog.Scope(viewModel.queue(), selectedIds(),
                viewModel.listedState(), viewModel.getState(), viewModel.count(viewModel.getState())));
    }

    @FXML
    private void toggleMask() {
        if (actions.masking().isUnmasked()) {
            actions.remask();
        } else if (actions.isReadOnly() || confirmer.confirm(root, "Show the personal fields of job data in "
                + viewModel.queue() + " (e-mail addresses, names, postal addresses, phone numbers) unmasked in the "
                + "detail, Copy as JSON, search and export? This is logged.", "Show personal data")) {
            actions.unmask();
        }
    }

    @FXML
    private void retryAll() {
        long n = viewModel.count(JobState.FAILED);
        if (actions.isReadOnly() || confirmer.confirm(root, String.format(Locale.ROOT,
                "Retry all %,d failed jobs of %s? They move back to waiting in batches.", n, viewModel.queue()),
                "Retry all")) {
            actions.retryAllFailed();
        }
    }

    @FXML
    private void promoteAll() {
        long n = viewModel.count(JobState.DELAYED);
        if (actions.isReadOnly() || confirmer.confirm(root, String.format(Locale.ROOT,
                "Promote all %,d delayed jobs of %s to waiting now?", n, viewModel.queue()), "Promote all")) {
            actions.promoteAllDelayed();
        }
    }

    private void clean(JobState s, String label, Duration age) {
        String which = age.isZero() ? "all " + s.bullName() + " jobs of " + viewModel.queue()
                : "the " + s.bullName() + " jobs of " + viewModel.queue() + " " + label;
        if (actions.isReadOnly() || confirmer.confirm(root, "Delete " + which + "? This cannot be undone.",
                "Clean")) {
            actions.clean(s, age);
        }
    }

    @FXML
    private void cancelAction() {
        actions.cancel();
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
