package dev.bullpen.app.settings;

/** A rectangle in screen coordinates (a window's or a screen's), without a toolkit. */
public record Bounds(double x, double y, double width, double height) {

    public double maxX() {
        return x + width;
    }

    public double maxY() {
        return y + height;
    }

    /** Width times height of the part both share, 0 when they do not overlap. */
    public double overlapArea(Bounds other) {
        double w = Math.min(maxX(), other.maxX()) - Math.max(x, other.x);
        double h = Math.min(maxY(), other.maxY()) - Math.max(y, other.y);
        return w <= 0 || h <= 0 ? 0 : w * h;
    }
}
