package dev.bullpen.app.fx;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/** Every scene's FXML; parts come in through {@code fx:include}. */
public enum FxmlView {
    MAIN_WINDOW("/fxml/main_window.fxml"),
    /** One connection's queues overview; loaded once per open connection. */
    OVERVIEW("/fxml/overview.fxml"),
    /** One connection's Redis server panel; loaded once per open connection. */
    REDIS("/fxml/redis.fxml"),
    /** One connection's charts. */
    CHARTS("/fxml/charts.fxml"),
    /** One connection's alerts and their history. */
    ALERTS("/fxml/alerts.fxml"),
    /** One connection's alert count in the status bar. */
    ALERT_STATUS("/fxml/alert_status.fxml"),
    /** One queue's screen (includes {@code job_detail.fxml}); loaded once per opened queue. */
    QUEUE("/fxml/queue.fxml"),
    /** The Load test tab; loaded when the tab is first selected. */
    LAB("/fxml/lab.fxml"),
    /** The Workers tab; loaded when the tab is first selected. */
    WORKERS("/fxml/workers.fxml");

    private final String path;

    FxmlView(String path) {
        this.path = path;
    }

    public String path() {
        return path;
    }

    /** Loads the view with controllers made by the factory (also for included parts). */
    public Parent load(ControllerFactory controllers) {
        URL url = FxmlView.class.getResource(path);
        if (url == null) {
            throw new IllegalStateException("FXML not found on the class path: " + path);
        }
        FXMLLoader loader = new FXMLLoader(url);
        loader.setControllerFactory(controllers);
        try {
            return loader.load();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot load " + path + ": " + e.getMessage(), e);
        }
    }
}
