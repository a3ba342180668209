package dev.bullpen.app.overview;

import java.util.Locale;
import javafx.css.PseudoClass;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableCell;

/** A right-aligned job count with thousands separators; {@code :zero} dims it, {@code :alert} marks it. */
public final class CountCell extends TableCell<QueueRow, Number> {
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
        show(this, empty ? null : item, alertWhenPositive);
    }

    /** Shows a count (none for null) in any cell with the {@code count-cell} look (the sidebar's too). */
    public static void show(IndexedCell<?> cell, Number n, boolean alertWhenPositive) {
        long v = n == null ? 0 : n.longValue();
        cell.setText(n == null ? null : String.format(Locale.ROOT, "%,d", v));
        cell.pseudoClassStateChanged(ZERO, n != null && v == 0);
        cell.pseudoClassStateChanged(ALERT, n != null && alertWhenPositive && v > 0);
    }
}
