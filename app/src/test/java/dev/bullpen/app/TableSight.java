package dev.bullpen.app;

import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Labeled;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.scene.text.Text;

/** What of a table's columns a user can see, read on the FX thread from the rendered headers. */
final class TableSight {
    private TableSight() {
    }

    /** Titles of the visible columns whose header lies (partly) outside the table as it shows now. */
    static List<String> columnsOutOfSight(TableView<?> table) {
        List<String> out = new ArrayList<>();
        for (TableColumnBase<?, ?> column : table.getVisibleLeafColumns()) {
            TableColumnHeader header = header(table, column);
            if (header == null) {
                out.add(column.getText() + " (no header)");
                continue;
            }
            Bounds b = table.sceneToLocal(header.localToScene(header.getBoundsInLocal()));
            if (b.getMinX() < -1 || b.getMaxX() > table.getWidth() + 1) {
                out.add(column.getText());
            }
        }
        return out;
    }

    /** Titles of the visible columns narrower than their minimum width (squeezed unreadable). */
    static List<String> squeezedColumns(TableView<?> table) {
        return table.getVisibleLeafColumns().stream()
                .filter(c -> c.getWidth() + 0.5 < c.getMinWidth())
                .map(TableColumnBase::getText)
                .toList();
    }

    /** Column titles the table shows cut (with an ellipsis). */
    static List<String> truncatedHeaders(TableView<?> table) {
        return truncated(table, true);
    }

    /**
     * Texts of cells (and of labels inside cells) within sight that the table shows cut. Long free text (a failed
     * reason) is cut by design; counts and badges should not be.
     */
    static List<String> truncatedCells(TableView<?> table) {
        return truncated(table, false);
    }

    private static List<String> truncated(TableView<?> table, boolean headers) {
        List<String> out = new ArrayList<>();
        for (Node n : table.lookupAll(".text")) {
            if (n instanceof Text shown && shown.getParent() instanceof Labeled labeled && treeVisible(labeled)
                    && labeled.getText() != null && !labeled.getText().isEmpty()
                    && !shown.getText().equals(labeled.getText()) && inSight(table, labeled)
                    && headers == inHeader(labeled)) {
                out.add(labeled.getText() + " (shown as '" + shown.getText() + "')");
            }
        }
        return out;
    }

    private static boolean inHeader(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (n instanceof TableColumnHeader) {
                return true;
            }
        }
        return false;
    }

    private static boolean treeVisible(Node node) {
        for (Node n = node; n != null; n = n.getParent()) {
            if (!n.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private static boolean inSight(TableView<?> table, Node node) {
        Bounds b = table.sceneToLocal(node.localToScene(node.getBoundsInLocal()));
        return b.getMinX() >= -1 && b.getMaxX() <= table.getWidth() + 1 && b.getMinY() >= -1
                && b.getMaxY() <= table.getHeight() + 1;
    }

    /** For failure messages: the table's width, and each column's title, width and minimum width. */
    static String describe(TableView<?> table) {
        StringBuilder b = new StringBuilder("table " + table.getWidth() + " px, out of sight " + columnsOutOfSight(table)
                + ", scroll bar " + horizontalScrollBarShown(table) + ":");
        for (TableColumnBase<?, ?> c : table.getVisibleLeafColumns()) {
            b.append(' ').append(c.getText()).append(' ').append(c.getWidth()).append('/').append(c.getMinWidth());
        }
        return b.toString();
    }

    static boolean horizontalScrollBarShown(TableView<?> table) {
        return horizontalScrollBar(table) != null;
    }

    /**
     * Scrolls the table to its right end, as a user drags the scroll bar there (nothing when it has none). Always
     * true, to lead a wait condition: the scroll bar may show, or its range grow, a layout pass after the change
     * that needs it, so the scroll is repeated until the rest of the condition holds.
     */
    static boolean scrolledToTheRightEnd(TableView<?> table) {
        ScrollBar bar = horizontalScrollBar(table);
        if (bar != null) {
            bar.setValue(bar.getMax());
        }
        return true;
    }

    /** The table's horizontal scroll bar while it shows, else null. */
    static ScrollBar horizontalScrollBar(TableView<?> table) {
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar bar && bar.getOrientation() == Orientation.HORIZONTAL && bar.isVisible()
                    && bar.getParent() != null && bar.getParent().isVisible() && bar.getMax() > bar.getMin()) {
                return bar;
            }
        }
        return null;
    }

    private static TableColumnHeader header(TableView<?> table, TableColumnBase<?, ?> column) {
        for (Node n : table.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader h && h.getTableColumn() == column && h.isVisible()) {
                return h;
            }
        }
        return null;
    }
}
