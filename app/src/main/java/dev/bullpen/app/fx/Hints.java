package dev.bullpen.app.fx;

import javafx.beans.InvalidationListener;
import javafx.scene.control.Label;

/** Hints in screen headers: shown whole or not at all. */
public final class Hints {
    private Hints() {
    }

    /**
     * Hides {@code hint} while the header leaves it less room than its text needs, instead of showing it cut
     * with an ellipsis. The label stays managed (its room is kept), so hiding it does not change the layout.
     */
    public static void wholeOrHidden(Label hint) {
        InvalidationListener check = o -> hint.setVisible(hint.getWidth() + 0.5 >= hint.prefWidth(-1));
        hint.widthProperty().addListener(check);
        hint.textProperty().addListener(check);
        hint.fontProperty().addListener(check);
    }
}
