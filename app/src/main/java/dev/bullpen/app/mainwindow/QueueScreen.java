package dev.bullpen.app.mainwindow;

import dev.bullpen.app.queue.QueueController;
import javafx.scene.Parent;

/**
 * One opened queue: its view, its controller, and what stops its background work when its tab closes.
 */
public record QueueScreen(String queue, Parent view, QueueController controller, Runnable close) {
}
