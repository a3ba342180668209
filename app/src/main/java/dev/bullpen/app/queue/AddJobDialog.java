package dev.bullpen.app.queue;

import dev.bullpen.app.fx.Dialogs;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.VBox;

/**
 * "Add job": name, data JSON and Bull options JSON, validated while typing (line and column of a JSON
 * error, the name of a bad option shown inline); Add stays disabled while anything is invalid.
 */
final class AddJobDialog {
    private AddJobDialog() {
    }

    static void show(Node owner, QueueActionsViewModel actions, String queue) {
        Dialog<ButtonType> dialog = new Dialog<>();
        dialog.setTitle("Bullpen — add a job to " + queue);
        dialog.setHeaderText("Add a job to " + queue);
        Dialogs.ownedBy(dialog, owner);
        TextField name = new TextField();
        name.setId("add-job-name");
        name.setPromptText("__default__");
        TextArea data = new TextArea("{\n  \n}");
        data.setId("add-job-data");
        data.setPrefRowCount(10);
        data.getStyleClass().add("code");
        TextArea options = new TextArea("{\"attempts\": 3}");
        options.setId("add-job-options");
        options.setPrefRowCount(4);
        options.getStyleClass().add("code");
        Label error = new Label();
        error.setId("add-job-error");
        error.getStyleClass().add("validation-error");
        error.setWrapText(true);
        // room for four lines: the error appears after the dialog is sized
        error.setMinHeight(72);
        error.setAlignment(javafx.geometry.Pos.TOP_LEFT);
        Label optionsLabel = new Label("Options (Bull's: delay, attempts, backoff, priority, jobId, lifo, "
                + "timeout, removeOnComplete, removeOnFail)");
        optionsLabel.setWrapText(true);
        VBox box = new VBox(6, new Label("Name"), name, new Label("Data (JSON)"), data, optionsLabel, options, error);
        box.setPadding(new Insets(8));
        box.setPrefWidth(560);
        dialog.getDialogPane().setContent(box);
        dialog.setResizable(true);
        ButtonType add = new ButtonType("Add", ButtonBar.ButtonData.OK_DONE);
        dialog.getDialogPane().getButtonTypes().setAll(add, ButtonType.CANCEL);
        Button addButton = (Button) dialog.getDialogPane().lookupButton(add);
        Runnable validate = () -> {
            String problem = QueueActionsViewModel.validateNewJob(data.getText(), options.getText()).orElse("");
            error.setText(problem);
            addButton.setDisable(!problem.isEmpty());
        };
        data.textProperty().addListener((o, was, now) -> validate.run());
        options.textProperty().addListener((o, was, now) -> validate.run());
        validate.run();
        addButton.addEventFilter(ActionEvent.ACTION, e -> {
            if (!actions.addJob(name.getText(), data.getText(), options.getText())) {
                error.setText(actions.getAddJobError());
                e.consume();
            }
        });
        dialog.showAndWait();
    }
}
