package dev.bullpen.app.mainwindow;

import javafx.scene.Parent;

/**
 * The screens of one open connection that the window's fixed tabs show while it is in front: its
 * queues overview and its Redis server panel.
 */
public record SessionViews(Parent overview, Parent redis) {
}
