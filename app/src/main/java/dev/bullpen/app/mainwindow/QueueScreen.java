package dev.bullpen.app.mainwindow;

import dev.bullpen.app.queue.QueueController;
import javafx.scene.Parent;

/**
 * One opened queue: its view and controller (built off the FX thread), what starts reading the queue once the view
 * is in its tab (on the FX thread), and what stops that when its tab closes (also when it never started).
 */
public record QueueScreen(String queue, Parent view, QueueController controller, Runnable start, Runnable close) {
}
