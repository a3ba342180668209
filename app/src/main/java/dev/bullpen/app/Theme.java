package dev.bullpen.app;

import dev.bullpen.queue.InvalidInputException;
import java.util.Locale;

/** The console's themes: one CSS file each, defining the same looked-up colour names. */
public enum Theme {
    LIGHT("/css/theme-light.css"),
    DARK("/css/theme-dark.css");

    private final String stylesheet;

    Theme(String stylesheet) {
        this.stylesheet = stylesheet;
    }

    /** The stylesheet's URL as a scene wants it. */
    public String stylesheetUrl() {
        return Theme.class.getResource(stylesheet).toExternalForm();
    }

    public static Theme parse(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("--theme must be light or dark, not '" + name + "'");
        }
    }
}
