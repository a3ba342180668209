package dev.bullpen.app.connections;

import java.util.Optional;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.geometry.Insets;
import javafx.scene.Node;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.layout.VBox;

/** Asks for a connection's password when it opens. Called on the FX thread; the connect itself runs later, off it. */
@FunctionalInterface
public interface PasswordPrompt {
    /**
     * @param name    the connection's name
     * @param safeUrl its URL without the password
     * @param reason  why it is asked ("Redis refused the login"), or null
     * @return the password, empty when the user cancels
     */
    Optional<String> ask(String name, String safeUrl, String reason);

    /** A modal dialog with a password field, owned by the node's window. */
    static PasswordPrompt dialog(Supplier<Node> owner) {
        return (name, safeUrl, reason) -> {
            Dialog<String> dialog = new Dialog<>();
            dialog.setTitle("Bullpen — password for " + name);
            dialog.setHeaderText("Password for " + name);
            Node o = owner.get();
            if (o != null && o.getScene() != null) {
                dialog.initOwner(o.getScene().getWindow());
                dialog.getDialogPane().getStylesheets().setAll(o.getScene().getStylesheets());
            }
            PasswordField field = new PasswordField();
            field.setId("password-prompt-field");
            field.setPromptText("Password");
            Label where = new Label(safeUrl);
            where.getStyleClass().add("dialog-note");
            VBox box = new VBox(8, where);
            if (reason != null) {
                Label why = new Label(reason);
                why.setId("password-prompt-reason");
                why.setWrapText(true);
                why.getStyleClass().add("validation-error");
                box.getChildren().add(why);
            }
            box.getChildren().addAll(field, new Label("Kept in memory until the console closes; never saved."));
            box.setPadding(new Insets(8));
            box.setPrefWidth(420);
            dialog.getDialogPane().setContent(box);
            ButtonType connect = new ButtonType("Connect", ButtonBar.ButtonData.OK_DONE);
            dialog.getDialogPane().getButtonTypes().setAll(connect, ButtonType.CANCEL);
            dialog.setResultConverter(b -> b == connect ? field.getText() : null);
            Platform.runLater(field::requestFocus);
            return dialog.showAndWait().filter(p -> !p.isEmpty());
        };
    }
}
