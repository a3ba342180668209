package dev.bullpen.app.charts;

import java.util.List;
import java.util.Locale;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.Polyline;

/**
 * A small line of a queue's waiting jobs over the last minutes, from zero (so a flat line near the
 * bottom means few jobs), with the minimum, maximum and latest value in the tooltip.
 *
 * @param <S> the table's row type
 */
public final class SparklineCell<S> extends TableCell<S, List<Long>> {
    static final double WIDTH = 96;
    static final double HEIGHT = 18;

    private final Polyline line = new Polyline();
    private final Pane canvas = new Pane(line);
    private final Tooltip tip = new Tooltip();

    public SparklineCell() {
        getStyleClass().add("sparkline-cell");
        line.getStyleClass().add("sparkline");
        canvas.setMinSize(WIDTH, HEIGHT);
        canvas.setPrefSize(WIDTH, HEIGHT);
        canvas.setMaxSize(WIDTH, HEIGHT);
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(List<Long> values, boolean empty) {
        super.updateItem(values, empty);
        if (empty || values == null || values.isEmpty()) {
            setGraphic(null);
            setTooltip(null);
            setAccessibleText(null);
            return;
        }
        line.getPoints().setAll(points(values, WIDTH, HEIGHT));
        long min = values.stream().mapToLong(Long::longValue).min().orElse(0);
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        String text = String.format(Locale.ROOT, "Waiting, last %d samples: min %,d · max %,d · now %,d",
                values.size(), min, max, values.get(values.size() - 1));
        tip.setText(text);
        setTooltip(tip);
        setAccessibleText(text);
        setGraphic(canvas);
    }

    /** x, y pairs of the line: values spread over the width, scaled from 0 to the maximum. */
    static Double[] points(List<Long> values, double width, double height) {
        long max = values.stream().mapToLong(Long::longValue).max().orElse(0);
        int n = values.size();
        Double[] xy = new Double[n == 1 ? 4 : 2 * n];
        for (int i = 0; i < n; i++) {
            double x = n == 1 ? 0 : i * width / (n - 1);
            double y = max <= 0 ? height - 1 : (height - 1) - (values.get(i) / (double) max) * (height - 2);
            xy[2 * i] = x;
            xy[2 * i + 1] = y;
        }
        if (n == 1) {
            xy[2] = width;
            xy[3] = xy[1];
        }
        return xy;
    }
}
