package dev.bullpen.app.connections;

import dev.bullpen.app.connections.ConnectionEditorViewModel.PasswordMode;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.css.PseudoClass;
import javafx.event.ActionEvent;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.TextField;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** Shows the connection form; empty when the user cancels. Called on the FX thread. */
@FunctionalInterface
public interface ConnectionEditor {
    Optional<ConnectionEditorViewModel.Result> edit(ConnectionEditorViewModel form);

    /** A modal dialog bound to the form; Save stays disabled while anything is invalid. */
    static ConnectionEditor dialog(Supplier<Node> owner) {
        return form -> {
            Dialog<ButtonType> dialog = new Dialog<>();
            String title = form.isNew() ? "New connection" : "Edit connection";
            dialog.setTitle("Bullpen — " + title.toLowerCase(java.util.Locale.ROOT));
            dialog.setHeaderText(title);
            Node o = owner.get();
            if (o != null && o.getScene() != null) {
                dialog.initOwner(o.getScene().getWindow());
                dialog.getDialogPane().getStylesheets().setAll(o.getScene().getStylesheets());
            }
            TextField name = field("connection-name", form.nameProperty(), "host:port when left empty");
            TextField url = field("connection-url", form.urlProperty(), "redis://[user@]host:6379[/db]");
            TextField prefix = field("connection-prefix", form.prefixProperty(), "bull");
            TextField poll = field("connection-poll", form.pollSecondsProperty(), "2");
            CheckBox readOnly = new CheckBox("Read-only: refuse retry, remove, clean, pause and add");
            readOnly.setId("connection-read-only");
            readOnly.selectedProperty().bindBidirectional(form.readOnlyProperty());
            ChoiceBox<PasswordMode> mode = new ChoiceBox<>();
            mode.setId("connection-password-mode");
            mode.getItems().setAll(PasswordMode.values());
            mode.valueProperty().bindBidirectional(form.passwordModeProperty());
            TextField env = field("connection-password-env", form.envVariableProperty(), "REDIS_PASSWORD");
            env.visibleProperty().bind(form.passwordModeProperty().isEqualTo(PasswordMode.ENV));
            env.managedProperty().bind(env.visibleProperty());
            PasswordField password = new PasswordField();
            password.setId("connection-password");
            password.setPromptText("Password");
            password.textProperty().bindBidirectional(form.passwordProperty());
            password.visibleProperty().bind(form.passwordEditableProperty());
            password.managedProperty().bind(password.visibleProperty());
            Label hint = new Label();
            hint.setId("connection-password-hint");
            hint.setWrapText(true);
            hint.textProperty().bind(form.passwordHintProperty());
            hint.getStyleClass().add("dialog-note");
            hint.setMinHeight(Region.USE_PREF_SIZE);
            PseudoClass warning = PseudoClass.getPseudoClass("warning");
            Runnable markWarning = () -> hint.pseudoClassStateChanged(warning,
                    form.passwordModeProperty().get() == PasswordMode.PLAIN);
            form.passwordModeProperty().addListener(x -> markWarning.run());
            markWarning.run();
            CheckBox plain = new CheckBox("I allow saving this password in plain text");
            plain.setId("connection-password-plain");
            plain.selectedProperty().bindBidirectional(form.plainAllowedProperty());
            plain.visibleProperty().bind(form.passwordModeProperty().isEqualTo(PasswordMode.PLAIN));
            plain.managedProperty().bind(plain.visibleProperty());
            Label error = new Label();
            error.setId("connection-error");
            error.setWrapText(true);
            error.getStyleClass().add("validation-error");
            error.textProperty().bind(form.errorProperty());
            error.setMinHeight(40);
            error.setMaxWidth(Double.MAX_VALUE);

            GridPane grid = new GridPane();
            grid.setHgap(10);
            grid.setVgap(8);
            ColumnConstraints labels = new ColumnConstraints();
            labels.setMinWidth(Region.USE_PREF_SIZE);
            ColumnConstraints fields = new ColumnConstraints();
            fields.setHgrow(Priority.ALWAYS);
            grid.getColumnConstraints().setAll(labels, fields);
            int row = 0;
            grid.addRow(row++, new Label("Name"), name);
            grid.addRow(row++, new Label("Redis URL"), url);
            grid.addRow(row++, new Label("Key prefix"), prefix);
            grid.addRow(row++, new Label("Poll every (s)"), poll);
            grid.add(readOnly, 1, row++);
            grid.addRow(row++, new Label("Password"), mode);
            VBox secret = new VBox(6, env, password, hint, plain);
            grid.add(secret, 1, row++);
            VBox box = new VBox(10, grid, error);
            box.setPadding(new Insets(8));
            box.setPrefWidth(560);
            dialog.getDialogPane().setContent(box);
            dialog.setResizable(true);
            ButtonType save = new ButtonType(form.isNew() ? "Save and connect" : "Save", ButtonBar.ButtonData.OK_DONE);
            dialog.getDialogPane().getButtonTypes().setAll(save, ButtonType.CANCEL);
            Button saveButton = (Button) dialog.getDialogPane().lookupButton(save);
            saveButton.setId("connection-save");
            saveButton.disableProperty().bind(form.validProperty().not());
            saveButton.addEventFilter(ActionEvent.ACTION, e -> {
                if (form.result().isEmpty()) {
                    e.consume();
                }
            });
            // the form grows and shrinks with the password mode: the window follows, its buttons stay in view
            form.passwordModeProperty().addListener(x -> Platform.runLater(() -> {
                if (dialog.getDialogPane().getScene() != null && dialog.getDialogPane().getScene().getWindow() != null) {
                    dialog.getDialogPane().getScene().getWindow().sizeToScene();
                }
            }));
            Platform.runLater(name::requestFocus);
            return dialog.showAndWait().filter(save::equals).flatMap(b -> form.result());
        };
    }

    private static TextField field(String id, javafx.beans.property.StringProperty value, String prompt) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.textProperty().bindBidirectional(value);
        return f;
    }
}
