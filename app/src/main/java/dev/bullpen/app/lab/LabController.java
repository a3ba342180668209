package dev.bullpen.app.lab;

import dev.bullpen.app.fx.Confirmer;
import dev.bullpen.app.fx.PulseSteps;
import dev.bullpen.simulate.TimelinePoint;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.XYChart;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * Binds {@code lab.fxml}: the form, the live tiles and charts, the summary with its verdicts, and the history with
 * its comparison. The charts are redrawn from the view model's timeline when it changes (once a second during a
 * run), thinned to at most {@link #CHART_POINTS} points.
 */
public final class LabController {
    static final int CHART_POINTS = 300;
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    private static final PseudoClass PASS = PseudoClass.getPseudoClass("pass");

    private final LabViewModel viewModel;
    private final Confirmer confirmer;
    private ExportChooser chooser;

    @FXML
    private javafx.scene.control.TabPane labTabs;
    @FXML
    private Label where;
    @FXML
    private Label message;
    @FXML
    private TextField customers;
    @FXML
    private TextField depth;
    @FXML
    private TextField database;
    @FXML
    private CheckBox reuse;
    @FXML
    private ChoiceBox<LabForm.Loop> loop;
    @FXML
    private HBox concurrencyRow;
    @FXML
    private HBox rateRow;
    @FXML
    private TextField concurrency;
    @FXML
    private TextField rate;
    @FXML
    private TextField duration;
    @FXML
    private TextField workers;
    @FXML
    private TextField workerConcurrency;
    @FXML
    private TextField failRate;
    @FXML
    private TextField failForGood;
    @FXML
    private TextField slos;
    @FXML
    private TextField seed;
    @FXML
    private Button start;
    @FXML
    private Button stop;
    @FXML
    private Label phase;
    @FXML
    private Label elapsed;
    @FXML
    private Label checkouts;
    @FXML
    private Label perSecond;
    @FXML
    private Label rejected;
    @FXML
    private Label checkoutP99;
    @FXML
    private Label queueDepth;
    @FXML
    private Label jobWait;
    @FXML
    private GridPane charts;
    @FXML
    private LineChart<Number, Number> latencyChart;
    @FXML
    private LineChart<Number, Number> throughputChart;
    @FXML
    private LineChart<Number, Number> depthChart;
    @FXML
    private LineChart<Number, Number> waitChart;
    @FXML
    private VBox summary;
    @FXML
    private Label reportTitle;
    @FXML
    private Label verdict;
    @FXML
    private TableView<LabViewModel.MeasureRow> measures;
    @FXML
    private TableView<LabViewModel.VerdictRow> verdicts;
    @FXML
    private TableView<LabViewModel.RunRow> history;
    @FXML
    private Label historyStatus;
    @FXML
    private Button open;
    @FXML
    private Button compare;
    @FXML
    private Button delete;
    @FXML
    private Label comparisonTitle;
    @FXML
    private TableView<LabViewModel.CompareRow> comparison;

    public LabController(LabViewModel viewModel, Confirmer confirmer, ExportChooser chooser) {
        this.viewModel = viewModel;
        this.confirmer = confirmer;
        this.chooser = chooser;
    }

    public LabViewModel getViewModel() {
        return viewModel;
    }

    /** Tests answer the export dialog themselves. */
    public void setExportChooser(ExportChooser chooser) {
        this.chooser = chooser;
    }

    @FXML
    private void initialize() {
        LabForm form = viewModel.form();
        where.setText(viewModel.where());
        customers.textProperty().bindBidirectional(form.customersProperty());
        depth.textProperty().bindBidirectional(form.depthProperty());
        database.textProperty().bindBidirectional(form.databaseProperty());
        reuse.selectedProperty().bindBidirectional(form.reuseProperty());
        loop.getItems().setAll(LabForm.Loop.values());
        loop.valueProperty().bindBidirectional(form.loopProperty());
        concurrencyRow.visibleProperty().bind(form.loopProperty().isEqualTo(LabForm.Loop.CLOSED));
        concurrencyRow.managedProperty().bind(concurrencyRow.visibleProperty());
        rateRow.visibleProperty().bind(form.loopProperty().isEqualTo(LabForm.Loop.OPEN));
        rateRow.managedProperty().bind(rateRow.visibleProperty());
        concurrency.textProperty().bindBidirectional(form.concurrencyProperty());
        rate.textProperty().bindBidirectional(form.rateProperty());
        duration.textProperty().bindBidirectional(form.durationProperty());
        workers.textProperty().bindBidirectional(form.workersProperty());
        workerConcurrency.textProperty().bindBidirectional(form.workerConcurrencyProperty());
        failRate.textProperty().bindBidirectional(form.failRateProperty());
        failForGood.textProperty().bindBidirectional(form.failForGoodRateProperty());
        slos.textProperty().bindBidirectional(form.slosProperty());
        seed.textProperty().bindBidirectional(form.seedProperty());

        var idle = viewModel.stateProperty().isEqualTo(LabViewModel.State.IDLE);
        start.disableProperty().bind(idle.not().or(Bindings.createBooleanBinding(viewModel::readOnly)));
        stop.disableProperty().bind(viewModel.stateProperty().isEqualTo(LabViewModel.State.RUNNING)
                .or(viewModel.stateProperty().isEqualTo(LabViewModel.State.STARTING)).not());
        message.textProperty().bind(viewModel.messageProperty());
        viewModel.messageIsErrorProperty().addListener((o, was, now) -> message.pseudoClassStateChanged(ERROR, now));
        message.pseudoClassStateChanged(ERROR, viewModel.messageIsErrorProperty().get());

        phase.textProperty().bind(viewModel.phaseProperty());
        elapsed.textProperty().bind(viewModel.elapsedProperty());
        checkouts.textProperty().bind(viewModel.checkoutsProperty());
        perSecond.textProperty().bind(viewModel.perSecondProperty());
        rejected.textProperty().bind(viewModel.rejectedProperty());
        checkoutP99.textProperty().bind(viewModel.checkoutP99Property());
        queueDepth.textProperty().bind(viewModel.queueDepthProperty());
        jobWait.textProperty().bind(viewModel.jobWaitProperty());

        for (LineChart<Number, Number> c : List.of(latencyChart, throughputChart, depthChart, waitChart)) {
            c.setAnimated(false);
            c.setCreateSymbols(false);
        }
        viewModel.timeline().addListener((ListChangeListener<TimelinePoint>) change -> redraw());

        summary.visibleProperty().bind(viewModel.reportProperty().isNotNull());
        summary.managedProperty().bind(summary.visibleProperty());
        reportTitle.textProperty().bind(viewModel.reportTitleProperty());
        verdict.textProperty().bind(viewModel.verdictProperty());
        viewModel.passedProperty().addListener((o, was, now) -> verdict.pseudoClassStateChanged(PASS, now));
        columns(measures, List.of("measure", "count", "p50", "p90", "p99", "p99.9", "max"), List.of(
                LabViewModel.MeasureRow::measure, LabViewModel.MeasureRow::count, LabViewModel.MeasureRow::p50,
                LabViewModel.MeasureRow::p90, LabViewModel.MeasureRow::p99, LabViewModel.MeasureRow::p999,
                LabViewModel.MeasureRow::max));
        measures.setItems(viewModel.measures());
        columns(verdicts, List.of("verdict", "what", "detail"), List.of(r -> r.ok() ? "✔" : "✘",
                LabViewModel.VerdictRow::what, LabViewModel.VerdictRow::detail));
        widths(verdicts, 60, 230);
        verdicts.setItems(viewModel.verdicts());
        verdicts.setRowFactory(t -> new javafx.scene.control.TableRow<>() {
            @Override
            protected void updateItem(LabViewModel.VerdictRow item, boolean empty) {
                super.updateItem(item, empty);
                pseudoClassStateChanged(ERROR, !empty && item != null && !item.ok());
            }
        });

        columns(history, List.of("started", "arrivals", "load", "checkouts", "throughput", "checkout p99", "verdict"),
                List.of(LabViewModel.RunRow::started, LabViewModel.RunRow::load, LabViewModel.RunRow::duration,
                        LabViewModel.RunRow::checkouts, LabViewModel.RunRow::throughput,
                        LabViewModel.RunRow::checkoutP99, LabViewModel.RunRow::verdict));
        widths(history, 160, 300, 70, 100, 100, 110);
        history.setItems(viewModel.history());
        history.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        var selected = Bindings.size(history.getSelectionModel().getSelectedItems());
        open.disableProperty().bind(selected.isNotEqualTo(1));
        delete.disableProperty().bind(selected.isNotEqualTo(1));
        compare.disableProperty().bind(selected.isNotEqualTo(2));
        historyStatus.textProperty().bind(viewModel.historyStatusProperty());
        columns(comparison, List.of("", "run A", "run B", "B against A"), List.of(LabViewModel.CompareRow::what,
                LabViewModel.CompareRow::a, LabViewModel.CompareRow::b, LabViewModel.CompareRow::change));
        widths(comparison, 160, 250, 250);
        comparison.setItems(viewModel.comparison());
        comparisonTitle.textProperty().bind(viewModel.comparisonTitleProperty());
        redraw();
        joinAfterTheFirstPulse();
    }

    /**
     * The screen's first styling and layout is the longest stretch of work on the FX thread when the tab opens
     * (decision 0018). The parts not needed at first sight leave the screen here and join it again one per pulse, from
     * the second pulse on (decision 0020), so that no single pulse styles and lays out all of it: the form's sections
     * after the first (load, reward workers, objectives), the live tiles, the four charts, the run summary's tables and
     * the History tab's content, last. Grid positions stay on the nodes; the run split keeps its divider (its items
     * stay).
     */
    private void joinAfterTheFirstPulse() {
        List<Runnable> joins = new java.util.ArrayList<>();
        javafx.scene.layout.Pane form = (javafx.scene.layout.Pane) customers.getParent().getParent();
        List<Node> section = new java.util.ArrayList<>();
        List<Node> fields = List.copyOf(form.getChildren());
        for (int i = fields.size() - 1; i > 0; i--) {
            section.add(0, fields.get(i));
            if (fields.get(i).getStyleClass().contains("lab-section")) {
                List<Node> these = List.copyOf(section);
                form.getChildren().removeAll(these);
                joins.add(0, () -> form.getChildren().addAll(these));
                section.clear();
            }
        }
        Node tiles = phase.getParent().getParent();
        javafx.scene.layout.Pane live = (javafx.scene.layout.Pane) tiles.getParent();
        int tilesAt = live.getChildren().indexOf(tiles);
        live.getChildren().remove(tiles);
        joins.add(() -> live.getChildren().add(tilesAt, tiles));
        for (Node chart : List.copyOf(charts.getChildren())) {
            charts.getChildren().remove(chart);
            joins.add(() -> charts.getChildren().add(chart));
        }
        int at = summary.getChildren().indexOf(verdicts);
        summary.getChildren().removeAll(verdicts, measures);
        joins.add(() -> summary.getChildren().addAll(at, List.of(verdicts, measures)));
        javafx.scene.control.Tab historyTab = labTabs.getTabs().get(1);
        Node historyContent = historyTab.getContent();
        historyTab.setContent(null);
        joins.add(() -> historyTab.setContent(historyContent));
        PulseSteps.onePerPulse(joins);
    }

    private static <T> void columns(TableView<T> table, List<String> titles, List<Function<T, String>> values) {
        table.getColumns().clear();
        for (int i = 0; i < titles.size(); i++) {
            Function<T, String> value = values.get(i);
            TableColumn<T, String> c = new TableColumn<>(titles.get(i));
            c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(value.apply(cell.getValue())));
            c.setSortable(false);
            table.getColumns().add(c);
        }
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
    }

    /** Widths of the first columns (they grow by at most a fifth); the last one takes what is left. */
    private static void widths(TableView<?> table, double... widths) {
        for (int i = 0; i < widths.length && i < table.getColumns().size(); i++) {
            table.getColumns().get(i).setPrefWidth(widths[i]);
            table.getColumns().get(i).setMaxWidth(widths[i] * 1.2);
        }
    }

    private void redraw() {
        List<TimelinePoint> points = LiveSeries.thin(viewModel.timeline(), CHART_POINTS);
        draw(latencyChart, points, List.of("p50", "p95", "p99"), List.of(TimelinePoint::checkoutP50Ms,
                TimelinePoint::checkoutP95Ms, TimelinePoint::checkoutP99Ms));
        draw(throughputChart, points, List.of("checkouts", "reward jobs done", "refused"), List.of(
                p -> p.checkouts(), p -> p.jobsCompleted(), p -> p.failures()));
        draw(depthChart, points, List.of("waiting", "active", "delayed", "failed"), List.of(p -> p.waiting(),
                p -> p.active(), p -> p.delayed(), p -> p.failed()));
        draw(waitChart, points, List.of("oldest waiting job"), List.of(TimelinePoint::oldestWaitMs));
    }

    private static void draw(LineChart<Number, Number> chart, List<TimelinePoint> points, List<String> names,
            List<ToDoubleFunction<TimelinePoint>> values) {
        if (chart.getData().size() != names.size()) {
            chart.getData().clear();
            for (String n : names) {
                XYChart.Series<Number, Number> s = new XYChart.Series<>();
                s.setName(n);
                chart.getData().add(s);
            }
        }
        for (int i = 0; i < names.size(); i++) {
            ToDoubleFunction<TimelinePoint> v = values.get(i);
            chart.getData().get(i).getData().setAll(points.stream()
                    .map(p -> new XYChart.Data<Number, Number>(p.second(), v.applyAsDouble(p))).toList());
        }
    }

    @FXML
    private void start() {
        viewModel.start();
    }

    @FXML
    private void stop() {
        viewModel.stop();
    }

    @FXML
    private void exportHtml() {
        chooser.choose(verdict, viewModel.exportName("html")).ifPresent(viewModel::export);
    }

    @FXML
    private void exportJson() {
        chooser.choose(verdict, viewModel.exportName("json")).ifPresent(viewModel::export);
    }

    @FXML
    private void refreshHistory() {
        viewModel.loadHistory();
    }

    @FXML
    private void openRun() {
        LabViewModel.RunRow row = history.getSelectionModel().getSelectedItem();
        if (row != null) {
            viewModel.open(row);
            labTabs.getSelectionModel().select(0);
        }
    }

    @FXML
    private void compareRuns() {
        viewModel.compare(List.copyOf(history.getSelectionModel().getSelectedItems()));
    }

    @FXML
    private void deleteRun() {
        LabViewModel.RunRow row = history.getSelectionModel().getSelectedItem();
        if (row != null && confirmer.confirm(history, "Delete the saved run of " + row.started() + "?", "Delete")) {
            viewModel.delete(row);
        }
    }
}
