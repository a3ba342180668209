package dev.bullpen.app.charts;

import dev.bullpen.app.charts.ChartsViewModel.Point;
import dev.bullpen.app.icons.AppIcon;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.value.ObservableValue;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.chart.LineChart;
import javafx.scene.chart.NumberAxis;
import javafx.scene.chart.XYChart;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;

/** Binds {@code charts.fxml} to the {@link ChartsViewModel}: the charts' series follow its point lists. */
public final class ChartsController {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final ChartsViewModel viewModel;
    private final ZoneId zone;

    @FXML
    private Label title;
    @FXML
    private ComboBox<String> queueChoice;
    @FXML
    private Label status;
    @FXML
    private Label rate;
    @FXML
    private LineChart<Number, Number> throughputChart;
    @FXML
    private Label throughputCaption;
    @FXML
    private LineChart<Number, Number> depthChart;
    @FXML
    private Label depthCaption;
    @FXML
    private Label waitP50;
    @FXML
    private Label waitP90;
    @FXML
    private Label waitP95;
    @FXML
    private Label waitP99;
    @FXML
    private Label waitMax;
    @FXML
    private Label runP50;
    @FXML
    private Label runP90;
    @FXML
    private Label runP95;
    @FXML
    private Label runP99;
    @FXML
    private Label runMax;
    @FXML
    private Label timingCaption;
    @FXML
    private LineChart<Number, Number> metricsChart;
    @FXML
    private Label metricsCaption;

    public ChartsController(ChartsViewModel viewModel, ZoneId zone) {
        this.viewModel = viewModel;
        this.zone = zone;
    }

    public ChartsViewModel getViewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        title.setGraphic(AppIcon.CHARTS.node());
        queueChoice.setItems(viewModel.queues());
        queueChoice.valueProperty().bindBidirectional(viewModel.selectedQueueProperty());
        status.textProperty().bind(viewModel.statusTextProperty());
        viewModel.staleProperty().addListener((o, was, now) -> status.pseudoClassStateChanged(STALE, now));
        rate.textProperty().bind(viewModel.rateTextProperty());
        throughputCaption.textProperty().bind(viewModel.throughputCaptionProperty());
        depthCaption.textProperty().bind(viewModel.depthCaptionProperty());
        timingCaption.textProperty().bind(viewModel.timingCaptionProperty());
        metricsCaption.textProperty().bind(viewModel.metricsCaptionProperty());

        plot(throughputChart, List.of("Completed", "Failed"),
                List.of(viewModel.completedProperty(), viewModel.failedProperty()));
        plot(depthChart, List.of("Waiting", "Active", "Delayed"),
                List.of(viewModel.waitingProperty(), viewModel.activeProperty(), viewModel.delayedProperty()));
        plot(metricsChart, List.of("Completed", "Failed"),
                List.of(viewModel.metricsCompletedProperty(), viewModel.metricsFailedProperty()));
        metricsChart.visibleProperty().bind(viewModel.metricsPresentProperty());
        metricsChart.managedProperty().bind(metricsChart.visibleProperty());

        cells(viewModel.waitCellsProperty(), waitP50, waitP90, waitP95, waitP99, waitMax);
        cells(viewModel.runCellsProperty(), runP50, runP90, runP95, runP99, runMax);
    }

    @FXML
    private void refresh() {
        viewModel.refresh();
    }

    /** One series per property; each change replaces the series' data and sets both axes' ranges. */
    private void plot(LineChart<Number, Number> chart, List<String> names,
                      List<? extends ObservableValue<List<Point>>> values) {
        chart.setAnimated(false);
        chart.setCreateSymbols(false);
        List<XYChart.Series<Number, Number>> series = new ArrayList<>();
        for (String name : names) {
            XYChart.Series<Number, Number> s = new XYChart.Series<>();
            s.setName(name);
            series.add(s);
        }
        chart.getData().setAll(series);
        Runnable redraw = () -> {
            long from = Long.MAX_VALUE;
            long to = Long.MIN_VALUE;
            long max = 0;
            for (int i = 0; i < values.size(); i++) {
                List<Point> points = values.get(i).getValue();
                List<XYChart.Data<Number, Number>> data = new ArrayList<>(points.size());
                for (Point p : points) {
                    data.add(new XYChart.Data<>(p.x(), p.y()));
                    from = Math.min(from, p.x());
                    to = Math.max(to, p.x());
                    max = Math.max(max, p.y());
                }
                series.get(i).getData().setAll(data);
            }
            if (from <= to) {
                Axes.time((NumberAxis) chart.getXAxis(), from, to, zone);
            }
            Axes.count((NumberAxis) chart.getYAxis(), max);
        };
        values.forEach(v -> v.addListener((o, was, now) -> redraw.run()));
        redraw.run();
    }

    private static void cells(ObservableValue<List<String>> values, Label... labels) {
        Runnable show = () -> {
            List<String> v = values.getValue();
            for (int i = 0; i < labels.length; i++) {
                labels[i].setText(i < v.size() ? v.get(i) : "");
            }
        };
        values.addListener((o, was, now) -> show.run());
        show.run();
    }
}
