package dev.bullpen.app.alerts;

import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/**
 * ControlsFX notifications in the bottom right corner of the screen, dark while the console's window
 * is; a click on one shows the alerts.
 */
public final class DesktopNotifier implements AlertNotifier {
    static final Duration SHOWN_FOR = Duration.seconds(12);

    /** {@code -Dbullpen.notifications=false} turns desktop notifications off (status bar and Alerts tab stay). */
    public static final String ENABLED_PROPERTY = "bullpen.notifications";

    private final Supplier<Window> console;
    private final Runnable showAlerts;

    /**
     * Desktop notifications, or none when {@value #ENABLED_PROPERTY} is {@code false}.
     *
     * @see #DesktopNotifier(Supplier, Runnable)
     */
    public static AlertNotifier create(Supplier<Window> console, Runnable showAlerts) {
        if ("false".equalsIgnoreCase(System.getProperty(ENABLED_PROPERTY, "true").trim())) {
            return (title, text) -> { };
        }
        return new DesktopNotifier(console, showAlerts);
    }

    /**
     * @param console    the console window (for its theme), or null before it is shown
     * @param showAlerts brings the alerts screen to the front
     */
    public DesktopNotifier(Supplier<Window> console, Runnable showAlerts) {
        this.console = console;
        this.showAlerts = showAlerts;
    }

    @Override
    public void show(String title, String text) {
        Notifications n = Notifications.create()
                .title(title)
                .text(text)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOWN_FOR)
                .onAction(e -> showAlerts.run());
        Window w = console.get();
        if (w != null && w.getScene() != null
                && w.getScene().getStylesheets().stream().anyMatch(s -> s.endsWith("theme-dark.css"))) {
            n = n.darkStyle();
        }
        n.showWarning();
    }
}
