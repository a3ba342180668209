package dev.bullpen.app.fx;

import javafx.scene.Node;
import javafx.scene.control.Dialog;

/** Helpers for the console's dialogs. */
public final class Dialogs {
    private Dialogs() {
    }

    /** Makes the dialog modal to the node's window and gives it the window's theme. */
    public static void ownedBy(Dialog<?> dialog, Node owner) {
        if (owner != null && owner.getScene() != null) {
            dialog.initOwner(owner.getScene().getWindow());
            dialog.getDialogPane().getStylesheets().setAll(owner.getScene().getStylesheets());
        }
    }
}
