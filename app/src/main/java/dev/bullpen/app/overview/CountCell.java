package dev.bullpen.app.overview;

import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;

/** A right-aligned job count with thousands separators; {@code :zero} dims it, {@code :alert} marks it. */
final class CountCell extends TableCell<QueueRow, Number> {
    private static final PseudoClass ZERO = PseudoClass.getPseudoClass("zero");
    private static final PseudoClass ALERT = PseudoClass.getPseudoClass("alert");

    private final boolean alertWhenPositive;

    /** @param alertWhenPositive highlight any count above zero (failed jobs) */
    CountCell(boolean alertWhenPositive) {
        this.alertWhenPositive = alertWhenPositive;
        getStyleClass().add("count-cell");
    }

    @Override
    protected void updateItem(Number item, boolean empty) {
        super.updateItem(item, empty);
        boolean show = !empty && item != null;
        long n = show ? item.longValue() : 0;
        setText(show ? String.format(Locale.ROOT, "%,d", n) : null);
        pseudoClassStateChanged(ZERO, show && n == 0);
        pseudoClassStateChanged(ALERT, show && alertWhenPositive && n > 0);
    }
}
