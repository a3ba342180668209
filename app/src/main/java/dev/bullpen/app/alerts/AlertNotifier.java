package dev.bullpen.app.alerts;

/** Shows a desktop notification. Called on the FX thread. */
@FunctionalInterface
public interface AlertNotifier {
    /**
     * @param title one line
     * @param text  the alert(s), one per line
     */
    void show(String title, String text);
}
