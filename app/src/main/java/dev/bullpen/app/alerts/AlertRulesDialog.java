package dev.bullpen.app.alerts;

import javafx.beans.property.StringProperty;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;

/**
 * The alert rules form: a rule per line (on/off, threshold, the failures' window, the "for" pending
 * period). Save checks every field and keeps the dialog open on a wrong one, naming it; Cancel puts
 * the saved values back in the form.
 */
final class AlertRulesDialog {
    private static final PseudoClass ERROR = PseudoClass.getPseudoClass("error");
    static final ButtonType SAVE = new ButtonType("Save", ButtonBar.ButtonData.OK_DONE);
    static final ButtonType DEFAULTS = new ButtonType("Runbook defaults", ButtonBar.ButtonData.LEFT);

    private AlertRulesDialog() {
    }

    /** Shows the form, owned by the window of {@code owner}; returns at once. */
    static Dialog<ButtonType> show(Node owner, AlertsViewModel viewModel) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Bullpen — alert rules");
        dialog.setHeaderText("An alert is raised when its rule holds, and cleared when it no longer does.");
        dialog.initModality(Modality.WINDOW_MODAL);
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
        dialog.getDialogPane().getStyleClass().add("alert-rules-dialog");
        dialog.getDialogPane().getButtonTypes().setAll(DEFAULTS, SAVE, ButtonType.CANCEL);

        GridPane grid = new GridPane();
        grid.setId("alert-rules");
        grid.getStyleClass().add("rules-grid");
        grid.setHgap(12);
        grid.setVgap(10);
        ColumnConstraints titles = new ColumnConstraints();
        titles.setMinWidth(Region.USE_PREF_SIZE);
        grid.getColumnConstraints().setAll(titles, new ColumnConstraints(), new ColumnConstraints());
        int row = 0;
        for (RuleRow r : viewModel.rules()) {
            addRule(grid, r, row++);
        }
        Label message = new Label();
        message.setId("alert-settings-message");
        message.getStyleClass().add("rules-message");
        message.setWrapText(true);
        message.setMaxWidth(640);
        message.textProperty().bind(viewModel.settingsMessageProperty());
        viewModel.settingsErrorProperty().addListener((o, was, now) -> message.pseudoClassStateChanged(ERROR, now));
        message.pseudoClassStateChanged(ERROR, viewModel.isSettingsError());
        VBox content = new VBox(14, grid, message);
        content.getStyleClass().add("rules-form");
        dialog.getDialogPane().setContent(content);

        Button save = (Button) dialog.getDialogPane().lookupButton(SAVE);
        save.setId("alert-rules-save");
        save.addEventFilter(ActionEvent.ACTION, e -> {
            if (!viewModel.save()) {
                e.consume(); // stays open: the message names the wrong field
            }
        });
        Button defaults = (Button) dialog.getDialogPane().lookupButton(DEFAULTS);
        defaults.setId("alert-rules-defaults");
        defaults.addEventFilter(ActionEvent.ACTION, e -> {
            e.consume();
            viewModel.resetToDefaults();
        });
        dialog.setOnHidden(e -> {
            if (dialog.getResult() != SAVE) {
                viewModel.revertForm();
            }
        });
        dialog.show();
        return dialog;
    }

    private static void addRule(GridPane grid, RuleRow r, int row) {
        AlertRule rule = r.getRule();
        CheckBox enabled = new CheckBox(rule.title());
        enabled.setId("rule-" + rule.key() + "-enabled");
        enabled.selectedProperty().bindBidirectional(r.enabledProperty());
        TextField threshold = field("rule-" + rule.key() + "-threshold", r.thresholdProperty());
        HBox condition = line();
        switch (rule) {
            case WAITING -> condition.getChildren().addAll(words("more than"), threshold, words("jobs waiting"));
            case FAILURES -> condition.getChildren().addAll(words("more than"), threshold, words("failures in"),
                    field("rule-" + rule.key() + "-window", r.windowProperty()), words("min"));
            case NO_WORKER -> condition.getChildren().addAll(words("more than"), threshold,
                    words("jobs waiting, no worker"));
            case OLDEST_WAITING -> condition.getChildren().addAll(words("waited more than"), threshold, words("s"));
            case REDIS_UNREACHABLE -> condition.getChildren().addAll(words("for at least"), threshold, words("s"));
        }
        HBox pending = line();
        if (rule != AlertRule.REDIS_UNREACHABLE) {
            pending.getChildren().addAll(words("for"), field("rule-" + rule.key() + "-for", r.forSecondsProperty()),
                    words("s"));
        }
        condition.disableProperty().bind(enabled.selectedProperty().not());
        pending.disableProperty().bind(enabled.selectedProperty().not());
        grid.addRow(row, enabled, condition, pending);
    }

    private static HBox line() {
        HBox box = new HBox(6);
        box.setAlignment(Pos.CENTER_LEFT);
        box.getStyleClass().add("rule-condition");
        return box;
    }

    private static TextField field(String id, StringProperty value) {
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
}
