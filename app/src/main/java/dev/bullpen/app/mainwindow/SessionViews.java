package dev.bullpen.app.mainwindow;

import java.util.function.Consumer;
import javafx.scene.Parent;

/**
 * The screens of one open connection that the window's fixed tabs show while it is in front: its
 * queues overview, charts, alerts and Redis server panel, and its alert count for the status bar.
 *
 * @param chartsShown told whether this connection's charts are on screen (they read Redis only then)
 */
public record SessionViews(Parent overview, Parent charts, Parent alerts, Parent redis, Parent alertStatus,
                           Consumer<Boolean> chartsShown) {
}
