package dev.bullpen.app.settings;

import java.nio.file.Path;

/**
 * The console's settings directory: {@code -Dbullpen.home=DIR}, else {@code $BULLPEN_HOME}, else
 * {@code ~/.bullpen}. Tests set one of the first two so that they never touch a real home.
 */
public final class BullpenHome {
    public static final String PROPERTY = "bullpen.home";
    public static final String ENV = "BULLPEN_HOME";

    private BullpenHome() {
    }

    /** The directory for this process (it may not exist yet). */
    public static Path resolve() {
        return resolve(System.getProperty(PROPERTY), System.getenv(ENV), System.getProperty("user.home"));
    }

    static Path resolve(String property, String env, String userHome) {
        if (property != null && !property.isBlank()) {
            return Path.of(property.trim()).toAbsolutePath();
        }
        if (env != null && !env.isBlank()) {
            return Path.of(env.trim()).toAbsolutePath();
        }
        return Path.of(userHome, ".bullpen");
    }
}
