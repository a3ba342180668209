package dev.bullpen.app.alerts;

import java.util.function.Supplier;
import javafx.geometry.Pos;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;

/** ControlsFX notifications in the corner of the console's screen, dark when the window is. */
public final class DesktopNotifier implements AlertNotifier {
    static final Duration SHOWN_FOR = Duration.seconds(12);

    private final Supplier<Window> owner;

    /** @param owner the console window, or null before it is shown */
    public DesktopNotifier(Supplier<Window> owner) {
        this.owner = owner;
    }

    @Override
    public void show(String title, String text) {
        Window w = owner.get();
        Notifications n = Notifications.create()
                .title(title)
                .text(text)
                .position(Pos.BOTTOM_RIGHT)
                .hideAfter(SHOWN_FOR);
        if (w != null && w.isShowing()) {
            n = n.owner(w);
            if (w.getScene() != null && w.getScene().getStylesheets().stream().anyMatch(s -> s.contains("dark"))) {
                n = n.darkStyle();
            }
        }
        n.showWarning();
    }
}
