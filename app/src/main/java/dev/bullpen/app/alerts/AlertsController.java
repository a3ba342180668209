package dev.bullpen.app.alerts;

import dev.bullpen.app.icons.AppIcon;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.css.PseudoClass;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;

/** Binds {@code alerts.fxml} to the {@link AlertsViewModel}: active alerts, the rules form, the history. */
public final class AlertsController {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");

    private final AlertsViewModel viewModel;

    @FXML
    private Label title;
    @FXML
    private Label summary;
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
    private GridPane rulesGrid;
    @FXML
    private Label workersNote;
    @FXML
    private Label settingsMessage;
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

        activeTable.setItems(viewModel.active());
        activeTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        activeSince.setCellValueFactory(c -> text(viewModel.time(c.getValue().raisedAt())));
        activeRule.setCellValueFactory(c -> text(c.getValue().rule().title()));
        activeQueue.setCellValueFactory(c -> text(c.getValue().queueName().orElse("—")));
        activeMessage.setCellValueFactory(c -> text(c.getValue().message()));

        historyTable.setItems(viewModel.history());
        historyTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        historyRaised.setCellValueFactory(c -> text(viewModel.dayTime(c.getValue().alert().raisedAt())));
        historyCleared.setCellValueFactory(c -> text(c.getValue().isActive() ? "active"
                : viewModel.dayTime(c.getValue().clearedAt())));
        historyRule.setCellValueFactory(c -> text(c.getValue().alert().rule().title()));
        historyQueue.setCellValueFactory(c -> text(c.getValue().alert().queueName().orElse("—")));
        historyMessage.setCellValueFactory(c -> text(c.getValue().alert().message()));

        int row = 0;
        for (RuleRow r : viewModel.rules()) {
            addRule(r, row++);
        }
        workersNote.textProperty().bind(viewModel.workersNoteProperty());
        workersNote.visibleProperty().bind(viewModel.workersNoteProperty().isNotEmpty());
        workersNote.managedProperty().bind(workersNote.visibleProperty());
        settingsMessage.textProperty().bind(viewModel.settingsMessageProperty());
        viewModel.settingsErrorProperty().addListener((o, was, now) ->
                settingsMessage.pseudoClassStateChanged(ERROR, now));
        settingsMessage.pseudoClassStateChanged(ERROR, viewModel.isSettingsError());
    }

    private void addRule(RuleRow r, int row) {
        AlertRule rule = r.getRule();
        CheckBox enabled = new CheckBox(rule.title());
        enabled.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        enabled.setId("rule-" + rule.key() + "-enabled");
        enabled.selectedProperty().bindBidirectional(r.enabledProperty());
        TextField threshold = field("rule-" + rule.key() + "-threshold", r.thresholdProperty());
        HBox condition = new HBox(6);
        condition.setAlignment(Pos.CENTER_LEFT);
        condition.getStyleClass().add("rule-condition");
        switch (rule) {
            case WAITING -> condition.getChildren().addAll(words("more than"), threshold, words("jobs waiting"));
            case FAILURES -> condition.getChildren().addAll(words("more than"), threshold, words("failures in"),
                    field("rule-" + rule.key() + "-window", r.windowProperty()), words("min"));
            case NO_WORKER -> condition.getChildren().addAll(words("more than"), threshold,
                    words("jobs waiting, no worker"));
            case OLDEST_WAITING -> condition.getChildren().addAll(words("waited more than"), threshold, words("s"));
            case REDIS_UNREACHABLE -> condition.getChildren().addAll(words("for at least"), threshold, words("s"));
        }
        threshold.disableProperty().bind(enabled.selectedProperty().not());
        condition.disableProperty().bind(enabled.selectedProperty().not());
        rulesGrid.addRow(row, enabled, condition);
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value) {
        TextField f = new TextField();
        f.setId(id);
        f.setPrefColumnCount(4);
        f.setMaxWidth(76);
        f.getStyleClass().add("rule-field");
        f.textProperty().bindBidirectional(value);
        return f;
    }

    private static Label words(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("rule-words");
        return l;
    }

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s);
    }

    @FXML
    private void save() {
        viewModel.save();
    }

    @FXML
    private void resetToDefaults() {
        viewModel.resetToDefaults();
    }

    @FXML
    private void clearHistory() {
        viewModel.clearHistory();
    }
}
