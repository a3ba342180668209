package dev.bullpen.app.alerts;

import dev.bullpen.app.fx.TableFit;
import dev.bullpen.app.icons.AppIcon;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;

/** Binds {@code alerts.fxml} to the {@link AlertsViewModel}: the alerts that hold, the history, the rules. */
public final class AlertsController {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    /** Header and row heights of {@code .queue-table} in the themes. */
    private static final double HEADER_HEIGHT = 30;
    private static final double ROW_HEIGHT = 32;

    private final AlertsViewModel viewModel;

    @FXML
    private Label title;
    @FXML
    private Label summary;
    @FXML
    private Button editRules;
    @FXML
    private Label rulesSummary;
    @FXML
    private Label settingsMessage;
    @FXML
    private Label workersNote;
    @FXML
    private TableView<Alert> activeTable;
    @FXML
    private TableColumn<Alert, String> activeSince;
    @FXML
    private TableColumn<Alert, String> activeRule;
    @FXML
    private TableColumn<Alert, String> activeQueue;
    @FXML
    private TableColumn<Alert, String> activeMessage;
    @FXML
    private TableView<AlertsViewModel.HistoryEntry> historyTable;
    @FXML
    private TableColumn<AlertsViewModel.HistoryEntry, String> historyRaised;
    @FXML
    private TableColumn<AlertsViewModel.HistoryEntry, String> historyCleared;
    @FXML
    private TableColumn<AlertsViewModel.HistoryEntry, String> historyRule;
    @FXML
    private TableColumn<AlertsViewModel.HistoryEntry, String> historyQueue;
    @FXML
    private TableColumn<AlertsViewModel.HistoryEntry, String> historyMessage;

    public AlertsController(AlertsViewModel viewModel) {
        this.viewModel = viewModel;
    }

    public AlertsViewModel getViewModel() {
        return viewModel;
    }

    @FXML
    private void initialize() {
        title.setGraphic(AppIcon.ALERTS.node());
        summary.textProperty().bind(viewModel.summaryTextProperty());
        rulesSummary.textProperty().bind(viewModel.rulesSummaryProperty());
        settingsMessage.textProperty().bind(viewModel.settingsMessageProperty());
        viewModel.settingsErrorProperty().addListener((o, was, now) ->
                settingsMessage.pseudoClassStateChanged(ERROR, now));
        settingsMessage.pseudoClassStateChanged(ERROR, viewModel.isSettingsError());
        workersNote.textProperty().bind(viewModel.workersNoteProperty());
        workersNote.visibleProperty().bind(viewModel.workersNoteProperty().isNotEmpty());
        workersNote.managedProperty().bind(workersNote.visibleProperty());

        activeTable.setItems(viewModel.active());
        TableFit.fitOrScroll(activeTable, TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        // as tall as its rows (2 to 10 of them), the history below takes the rest
        activeTable.prefHeightProperty().bind(Bindings.createDoubleBinding(
                () -> HEADER_HEIGHT + Math.max(2, Math.min(10, viewModel.active().size())) * ROW_HEIGHT + 4,
                viewModel.active()));
        activeSince.setCellValueFactory(c -> text(viewModel.dayTime(c.getValue().raisedAt())));
        activeRule.setCellValueFactory(c -> text(c.getValue().rule().title()));
        activeQueue.setCellValueFactory(c -> text(c.getValue().queueName().orElse("—")));
        activeMessage.setCellValueFactory(c -> text(c.getValue().message()));
        activeMessage.setCellFactory(c -> new WholeTextCell<>());

        historyTable.setItems(viewModel.history());
        TableFit.fitOrScroll(historyTable, TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        historyRaised.setCellValueFactory(c -> text(viewModel.dayTime(c.getValue().alert().raisedAt())));
        historyCleared.setCellValueFactory(c -> text(c.getValue().isActive() ? "holds"
                : viewModel.dayTime(c.getValue().clearedAt())));
        historyRule.setCellValueFactory(c -> text(c.getValue().alert().rule().title()));
        historyQueue.setCellValueFactory(c -> text(c.getValue().alert().queueName().orElse("—")));
        historyMessage.setCellValueFactory(c -> text(c.getValue().alert().message()));
        historyMessage.setCellFactory(c -> new WholeTextCell<>());
    }

    @FXML
    private void editRules() {
        AlertRulesDialog.show(editRules, viewModel);
    }

    @FXML
    private void clearHistory() {
        viewModel.clearHistory();
    }

    /** A text cell whose tooltip shows the whole text when the column is too narrow for it. */
    private static final class WholeTextCell<S> extends TableCell<S, String> {
        @Override
        protected void updateItem(String item, boolean empty) {
            super.updateItem(item, empty);
            setText(empty ? null : item);
            setTooltip(empty || item == null ? null : new Tooltip(item));
        }
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }
}
