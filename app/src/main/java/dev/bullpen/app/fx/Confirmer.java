package dev.bullpen.app.fx;

import javafx.scene.Node;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;

/** Asks the user to confirm a destructive action. Called on the FX thread. */
@FunctionalInterface
public interface Confirmer {
    /**
     * @param owner    a node of the window asking
     * @param question what will happen, as a sentence
     * @param action   the confirming button's text ("Remove", "Clean")
     * @return true to go ahead
     */
    boolean confirm(Node owner, String question, String action);

    /** A modal confirmation dialog owned by the node's window; Cancel is the default button. */
    static Confirmer dialog() {
        return (owner, question, action) -> {
            ButtonType go = new ButtonType(action, ButtonBar.ButtonData.OK_DONE);
            Alert alert = new Alert(Alert.AlertType.CONFIRMATION, question, go, ButtonType.CANCEL);
            alert.setHeaderText(null);
            alert.setTitle("Bullpen — confirm");
            Dialogs.ownedBy(alert, owner);
            ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(go)).setDefaultButton(false);
            ((javafx.scene.control.Button) alert.getDialogPane().lookupButton(ButtonType.CANCEL)).setDefaultButton(true);
            return alert.showAndWait().filter(go::equals).isPresent();
        };
    }
}
