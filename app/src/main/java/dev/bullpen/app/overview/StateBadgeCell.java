package dev.bullpen.app.overview;

import dev.bullpen.app.icons.AppIcon;
import javafx.scene.control.ContentDisplay;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;

/** The queue's global pause flag as a badge: "Paused" (highlighted) or "Running". */
final class StateBadgeCell extends TableCell<QueueRow, Boolean> {
    private final Label badge = new Label();

    StateBadgeCell() {
        getStyleClass().add("state-cell");
        badge.getStyleClass().add("badge");
        setContentDisplay(ContentDisplay.GRAPHIC_ONLY);
    }

    @Override
    protected void updateItem(Boolean paused, boolean empty) {
        super.updateItem(paused, empty);
        if (empty || paused == null) {
            setGraphic(null);
            setText(null);
            return;
        }
        badge.getStyleClass().removeAll("badge-paused", "badge-running");
        badge.getStyleClass().add(paused ? "badge-paused" : "badge-running");
        badge.setText(paused ? "Paused" : "Running");
        badge.setGraphic((paused ? AppIcon.QUEUE_PAUSED : AppIcon.QUEUE_RUNNING).node());
        setText(badge.getText());
        setGraphic(badge);
    }
}
