package dev.bullpen.app.settings;

import java.util.List;

/**
 * Where the window opens: the remembered bounds when enough of the window's top (its title bar)
 * is on one of today's screens, else centred on the primary screen; never larger than that screen,
 * never smaller than the window's minimum. A saved position on a monitor that is gone, or a
 * resolution that shrank, still gives a window the user can reach.
 */
public final class WindowPlacement {
    /** Default size: readable at 1280×800. */
    public static final double DEFAULT_WIDTH = 1280;
    public static final double DEFAULT_HEIGHT = 800;
    /** How much of the title bar must be on a screen to keep a remembered position. */
    static final double VISIBLE_WIDTH = 120;
    static final double TITLE_BAR = 32;

    private WindowPlacement() {
    }

    /**
     * @param saved   the remembered bounds, or null
     * @param screens the visual bounds of every screen now (the primary first)
     * @param minW    the window's minimum width
     * @param minH    the window's minimum height
     */
    public static Bounds place(Bounds saved, List<Bounds> screens, double minW, double minH) {
        Bounds primary = screens.get(0);
        if (saved != null && saved.width() > 0 && saved.height() > 0) {
            Bounds titleBar = new Bounds(saved.x(), saved.y(), saved.width(), TITLE_BAR);
            for (Bounds screen : screens) {
                double visible = titleBar.overlapArea(screen);
                if (visible >= Math.min(VISIBLE_WIDTH, saved.width()) * Math.min(TITLE_BAR / 2, saved.height())) {
                    double w = clamp(saved.width(), minW, screen.width());
                    double h = clamp(saved.height(), minH, screen.height());
                    // keep the title bar inside this screen vertically, the rest as it was
                    double y = Math.max(screen.y(), Math.min(saved.y(), screen.maxY() - TITLE_BAR));
                    return new Bounds(saved.x(), y, w, h);
                }
            }
        }
        double w = clamp(saved == null || saved.width() <= 0 ? DEFAULT_WIDTH : saved.width(), minW, primary.width());
        double h = clamp(saved == null || saved.height() <= 0 ? DEFAULT_HEIGHT : saved.height(), minH, primary.height());
        return new Bounds(primary.x() + (primary.width() - w) / 2, primary.y() + (primary.height() - h) / 2, w, h);
    }

    private static double clamp(double v, double min, double max) {
        return Math.max(Math.min(v, max), Math.min(min, max));
    }
}
