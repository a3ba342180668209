package dev.bullpen.app.overview;

import dev.bullpen.app.charts.SparklineCell;
import dev.bullpen.app.fx.Hints;
import dev.bullpen.app.fx.TableFit;
import dev.bullpen.app.icons.AppIcon;
import java.util.List;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.transformation.SortedList;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.util.Callback;

/** Binds {@code overview.fxml} to the {@link OverviewViewModel}; no logic of its own. */
public final class OverviewController {
    private static final PseudoClass STALE = PseudoClass.getPseudoClass("stale");

    private final OverviewViewModel viewModel;
    private final Consumer<String> openQueue;

    @FXML
    private Label title;
    @FXML
    private Label summary;
    @FXML
    private Label hint;
    @FXML
    private Label prefixChip;
    @FXML
    private Label connectionChip;
    @FXML
    private Label placeholder;
    @FXML
    private TableView<QueueRow> table;
    @FXML
    private TableColumn<QueueRow, String> nameColumn;
    @FXML
    private TableColumn<QueueRow, Boolean> stateColumn;
    @FXML
    private TableColumn<QueueRow, Number> waitingColumn;
    @FXML
    private TableColumn<QueueRow, Number> activeColumn;
    @FXML
    private TableColumn<QueueRow, Number> delayedColumn;
    @FXML
    private TableColumn<QueueRow, Number> completedColumn;
    @FXML
    private TableColumn<QueueRow, Number> failedColumn;
    @FXML
    private TableColumn<QueueRow, Number> pausedColumn;
    @FXML
    private TableColumn<QueueRow, Number> completedRateColumn;
    @FXML
    private TableColumn<QueueRow, Number> failedRateColumn;
    @FXML
    private TableColumn<QueueRow, List<Long>> trendColumn;

    /** @param openQueue opens the screen of a queue (double-click or Enter on its row) */
    public OverviewController(OverviewViewModel viewModel, Consumer<String> openQueue) {
        this.viewModel = viewModel;
        this.openQueue = openQueue;
    }

    public OverviewViewModel getViewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        title.setGraphic(AppIcon.QUEUES.node());
        Hints.wholeOrHidden(hint);
        summary.textProperty().bind(viewModel.summaryTextProperty());
        prefixChip.setText("prefix " + viewModel.prefix());
        connectionChip.setText(viewModel.name());
        connectionChip.setGraphic(AppIcon.REDIS.node());
        placeholder.textProperty().bind(viewModel.placeholderTextProperty());

        SortedList<QueueRow> sorted = new SortedList<>(viewModel.queues());
        sorted.comparatorProperty().bind(table.comparatorProperty());
        table.setItems(sorted);
        TableFit.fitOrScroll(table, TableView.CONSTRAINED_RESIZE_POLICY_ALL_COLUMNS);
        viewModel.staleProperty().addListener((o, was, now) -> table.pseudoClassStateChanged(STALE, now));

        nameColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().getName()));
        stateColumn.setCellValueFactory(c -> c.getValue().pausedProperty());
        stateColumn.setCellFactory(c -> new StateBadgeCell());
        count(waitingColumn, r -> r.getValue().waitingProperty(), false);
        count(activeColumn, r -> r.getValue().activeProperty(), false);
        count(delayedColumn, r -> r.getValue().delayedProperty(), false);
        count(completedColumn, r -> r.getValue().completedProperty(), false);
        count(failedColumn, r -> r.getValue().failedProperty(), true);
        count(pausedColumn, r -> r.getValue().pausedJobsProperty(), false);
        count(completedRateColumn, r -> r.getValue().completedLastMinuteProperty(), false);
        count(failedRateColumn, r -> r.getValue().failedLastMinuteProperty(), true);
        trendColumn.setCellValueFactory(r -> r.getValue().waitingTrendProperty());
        trendColumn.setCellFactory(c -> new SparklineCell<>());

        table.setRowFactory(t -> {
            TableRow<QueueRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getClickCount() == 2 && !row.isEmpty()) {
                    openQueue.accept(row.getItem().getName());
                }
            });
            return row;
        });
        table.setOnKeyPressed(e -> {
            QueueRow selected = table.getSelectionModel().getSelectedItem();
            if (e.getCode() == KeyCode.ENTER && selected != null) {
                openQueue.accept(selected.getName());
                e.consume();
            }
        });
        table.setTooltip(new Tooltip("Double-click a queue (or press Enter) to open its jobs"));
    }

    private static void count(TableColumn<QueueRow, Number> column,
                              Callback<TableColumn.CellDataFeatures<QueueRow, Number>, ObservableValue<Number>> value,
                              boolean alertWhenPositive) {
        column.setCellValueFactory(value);
        column.setCellFactory(c -> new CountCell(alertWhenPositive));
    }
}
