package dev.bullpen.app.fx;

import java.util.IdentityHashMap;
import java.util.Map;
import javafx.beans.InvalidationListener;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumnBase;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.util.Callback;

/**
 * Columns that fill a table while they fit, and a horizontal scroll bar when they do not.
 *
 * <p>JavaFX's constrained resize policies never show a horizontal scroll bar: when the table is narrower than
 * its columns' minimum widths (a 1280-pixel window with the sidebar open), the last columns are laid out past
 * the table's edge, out of reach. This switches the table to {@link TableView#UNCONSTRAINED_RESIZE_POLICY}
 * (each column at its preferred width, the rest reachable by scrolling) while the visible columns' minimum
 * widths do not fit, and back to the given constrained policy once they do.
 */
public final class TableFit {
    /** Room the columns cannot use: the vertical scroll bar and the table's border. */
    static final double ALLOWANCE = 18;
    /** Room the sort arrow takes in a sorted column's header. */
    static final double SORT_ARROW = 14;

    private TableFit() {
    }

    /** Applies {@code policy} while the visible columns fit at their minimum widths, else scrolls. */
    public static void fitOrScroll(TableView<?> table, Callback<TableView.ResizeFeatures, Boolean> policy) {
        Map<TableColumnBase<?, ?>, Double> floors = new IdentityHashMap<>();
        InvalidationListener check = o -> {
            double width = table.getWidth();
            if (width <= 0) {
                return;   // not laid out yet
            }
            fitMinimumsToHeaders(table, floors);
            boolean fits = width >= needed(table);
            if (fits && table.getColumnResizePolicy() != policy) {
                table.setColumnResizePolicy(policy);
            } else if (!fits && table.getColumnResizePolicy() != TableView.UNCONSTRAINED_RESIZE_POLICY) {
                table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
                // a constrained policy set the widths directly (not the preferred widths): put every column back at
                // its preferred width, which only a change of that property does
                for (TableColumnBase<?, ?> column : table.getVisibleLeafColumns()) {
                    double pref = column.getPrefWidth();
                    column.setPrefWidth(pref + 1);
                    column.setPrefWidth(pref);
                }
            }
        };
        table.setColumnResizePolicy(policy);
        table.widthProperty().addListener(check);
        table.getVisibleLeafColumns().addListener(check);
        table.getSortOrder().addListener(check);
        check.invalidated(null);
    }

    /**
     * Raises a column's minimum width to what its header's title needs in the font the theme gives it (plus the
     * sort arrow while the table is sorted by it), so that no title is cut whatever the machine's fonts. The
     * minimum width the column was given is kept as a floor.
     */
    static void fitMinimumsToHeaders(TableView<?> table, Map<TableColumnBase<?, ?>, Double> floors) {
        for (Node n : table.lookupAll(".column-header")) {
            if (n instanceof TableColumnHeader header && header.getTableColumn() != null
                    && header.getTableColumn().getColumns().isEmpty()
                    && header.lookup(".label") instanceof Label title && title.getText() != null) {
                TableColumnBase<?, ?> column = header.getTableColumn();
                double floor = floors.computeIfAbsent(column, TableColumnBase::getMinWidth);
                boolean sorted = table.getSortOrder().contains(column);
                double needed = Math.ceil(title.prefWidth(-1) + header.snappedLeftInset() + header.snappedRightInset()
                        + (sorted ? SORT_ARROW : 0));
                double min = Math.max(floor, needed);
                if (column.getMinWidth() != min) {
                    column.setMinWidth(min);
                }
            }
        }
    }

    /** Width the visible columns need at their minimum widths. */
    static double needed(TableView<?> table) {
        double sum = ALLOWANCE;
        for (TableColumnBase<?, ?> column : table.getVisibleLeafColumns()) {
            sum += column.getMinWidth();
        }
        return sum;
    }
}
