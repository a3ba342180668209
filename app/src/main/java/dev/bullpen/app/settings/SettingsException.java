package dev.bullpen.app.settings;

/** A settings file could not be read or written; the message names the file and the cause. */
public final class SettingsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public SettingsException(String message, Throwable cause) {
        super(message, cause);
    }
}
