package dev.bullpen.app.settings;

import dev.bullpen.app.Theme;
import java.util.List;

/**
 * What the console window remembers between runs, in {@code window.json}: no credentials, connection
 * ids only.
 *
 * @param bounds          the window's last normal (not maximized) position and size, or null when never saved
 * @param maximized       whether it was maximized
 * @param sidebarWidth    the width of the connections sidebar in pixels
 * @param sidebarVisible  whether the sidebar was shown
 * @param theme           the last theme, or null for the default
 * @param openConnections ids of the saved connections that were open, in the order they were opened
 * @param current         id of the connection in front, or null
 */
public record WindowState(Bounds bounds, boolean maximized, double sidebarWidth, boolean sidebarVisible, Theme theme,
                          List<String> openConnections, String current) {
    public static final double DEFAULT_SIDEBAR_WIDTH = 260;
    public static final double MIN_SIDEBAR_WIDTH = 150;
    public static final double MAX_SIDEBAR_WIDTH = 600;

    public WindowState {
        sidebarWidth = Double.isFinite(sidebarWidth) && sidebarWidth >= MIN_SIDEBAR_WIDTH
                ? Math.min(sidebarWidth, MAX_SIDEBAR_WIDTH) : DEFAULT_SIDEBAR_WIDTH;
        openConnections = openConnections == null ? List.of() : List.copyOf(openConnections);
    }

    /** A first run: nothing remembered. */
    public static WindowState initial() {
        return new WindowState(null, false, DEFAULT_SIDEBAR_WIDTH, true, null, List.of(), null);
    }

    /** True when this state was read from a file (or saved), not {@link #initial()}. */
    public boolean remembered() {
        return bounds != null;
    }
}
