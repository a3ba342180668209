package dev.bullpen.app.connections;

import dev.bullpen.app.settings.PasswordSource;
import dev.bullpen.app.settings.SavedConnection;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.RedisEndpoint;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiPredicate;
import javafx.beans.Observable;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The "New connection" / "Edit connection" form: name, Redis URL, prefix, poll interval, read-only,
 * and where the password comes from. Validated on every change; {@link #result()} is present only
 * when everything is valid. A password is written to the settings file only in
 * {@link PasswordMode#PLAIN} mode with {@link #plainAllowedProperty()} ticked.
 */
public final class ConnectionEditorViewModel {
    /** Where the password comes from, as offered in the form. */
    public enum PasswordMode {
        NONE("No password"),
        ASK("Ask when connecting"),
        ENV("From an environment variable"),
        PLAIN("Save in the settings file (plain text)");

        private final String label;

        PasswordMode(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    /**
     * What the form gives.
     *
     * @param connection the connection to save
     * @param password   the password typed in the form, to connect with now (null when none typed); in
     *                   memory only unless the connection saves it in plain text
     */
    public record Result(SavedConnection connection, String password) {
        @Override
        public String toString() {
            return "Result[" + connection + (password == null ? "" : ", password ***") + "]";
        }
    }

    private final String id;
    private final boolean creating;
    private final String settingsFile;
    private final BiPredicate<String, String> nameFree;
    private final StringProperty name = new SimpleStringProperty(this, "name", "");
    private final StringProperty url = new SimpleStringProperty(this, "url", "redis://127.0.0.1:6379");
    private final StringProperty prefix = new SimpleStringProperty(this, "prefix", "bull");
    private final StringProperty pollSeconds = new SimpleStringProperty(this, "pollSeconds", "2");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(this, "readOnly");
    private final ObjectProperty<PasswordMode> passwordMode =
            new SimpleObjectProperty<>(this, "passwordMode", PasswordMode.NONE);
    private final StringProperty envVariable = new SimpleStringProperty(this, "envVariable", "");
    private final StringProperty password = new SimpleStringProperty(this, "password", "");
    private final BooleanProperty plainAllowed = new SimpleBooleanProperty(this, "plainAllowed");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper(this, "error", "");
    private final ReadOnlyStringWrapper passwordHint = new ReadOnlyStringWrapper(this, "passwordHint", "");
    private final ReadOnlyBooleanWrapper passwordEditable = new ReadOnlyBooleanWrapper(this, "passwordEditable");
    private final ReadOnlyBooleanWrapper valid = new ReadOnlyBooleanWrapper(this, "valid");
    private Result result;

    /**
     * @param existing     the connection to edit, or null for a new one
     * @param settingsFile where plain-text passwords would be written, named in the warning
     * @param nameFree     (name, id) → true when no other saved connection has that name
     */
    public ConnectionEditorViewModel(SavedConnection existing, String settingsFile, BiPredicate<String, String> nameFree) {
        this.id = existing == null ? SavedConnection.newId() : existing.id();
        this.creating = existing == null;
        this.settingsFile = settingsFile;
        this.nameFree = nameFree;
        if (existing != null) {
            name.set(existing.name());
            url.set(existing.url());
            prefix.set(existing.prefix());
            pollSeconds.set(seconds(existing.pollInterval()));
            readOnly.set(existing.readOnly());
            PasswordSource p = existing.password();
            if (p instanceof PasswordSource.Ask) {
                passwordMode.set(PasswordMode.ASK);
            } else if (p instanceof PasswordSource.Env e) {
                passwordMode.set(PasswordMode.ENV);
                envVariable.set(e.variable());
            } else if (p instanceof PasswordSource.Plain plain) {
                passwordMode.set(PasswordMode.PLAIN);
                password.set(plain.password());
                plainAllowed.set(true);
            }
        }
        Observable[] inputs = {name, url, prefix, pollSeconds, readOnly, passwordMode, envVariable, password, plainAllowed};
        for (Observable o : inputs) {
            o.addListener(x -> validate());
        }
        validate();
    }

    /** Fills the form from a connection opened from the command line, to save it. */
    public void prefill(RedisEndpoint endpoint, String prefixValue, Duration poll, boolean readOnlyValue) {
        url.set(endpoint.withPassword(null).safeUrl());
        prefix.set(prefixValue);
        pollSeconds.set(seconds(poll));
        readOnly.set(readOnlyValue);
        endpoint.passwordValue().ifPresent(pw -> {
            password.set(pw);
            passwordMode.set(PasswordMode.ASK);
        });
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
    }

    private void validate() {
        result = null;
        PasswordMode mode = passwordMode.get() == null ? PasswordMode.NONE : passwordMode.get();
        passwordEditable.set(mode == PasswordMode.ASK || mode == PasswordMode.PLAIN);
        passwordHint.set(switch (mode) {
            case NONE -> "The server needs no password (or the URL's user has none).";
            case ASK -> "Asked for each time the console opens this connection; kept in memory only. "
                    + "A password typed here is used now and not saved.";
            case ENV -> "Read from this environment variable of the console when it connects; not saved.";
            case PLAIN -> "Warning: the password is written unencrypted to " + settingsFile
                    + " (readable by your user only). Anyone who can read your files or backups can read it.";
        });
        try {
            result = build(mode);
            error.set("");
        } catch (InvalidInputException e) {
            error.set(sentence(e.getMessage()));
        }
        valid.set(result != null);
    }

    private Result build(PasswordMode mode) {
        String u = url.get() == null ? "" : url.get().strip();
        if (u.isEmpty()) {
            throw new InvalidInputException("enter the Redis URL, e.g. redis://host:6379");
        }
        RedisEndpoint endpoint = RedisEndpoint.parse(u);
        if (endpoint.passwordValue().isPresent()) {
            throw new InvalidInputException("remove the password from the URL (" + endpoint.safeUrl()
                    + ") and choose below where it comes from");
        }
        String n = name.get() == null || name.get().isBlank() ? endpoint.display() : name.get().strip();
        if (!nameFree.test(n, id)) {
            throw new InvalidInputException("a connection named '" + n + "' is already saved");
        }
        Duration poll = poll();
        String typed = password.get() == null || password.get().isEmpty() ? null : password.get();
        PasswordSource source = switch (mode) {
            case NONE -> new PasswordSource.None();
            case ASK -> new PasswordSource.Ask();
            case ENV -> {
                String v = envVariable.get() == null ? "" : envVariable.get().strip();
                if (v.isEmpty()) {
                    throw new InvalidInputException("enter the name of the environment variable that holds the password");
                }
                yield new PasswordSource.Env(v);
            }
            case PLAIN -> {
                if (typed == null) {
                    throw new InvalidInputException("enter the password to save");
                }
                if (!plainAllowed.get()) {
                    throw new InvalidInputException("tick the box to allow saving the password in plain text, "
                            + "or choose another way to get it");
                }
                yield new PasswordSource.Plain(typed);
            }
        };
        SavedConnection c = new SavedConnection(id, n, u, prefix.get(), readOnly.get(), poll, source);
        return new Result(c, mode == PasswordMode.ASK || mode == PasswordMode.PLAIN ? typed : null);
    }

    private Duration poll() {
        String t = pollSeconds.get() == null ? "" : pollSeconds.get().strip().replace(',', '.');
        double s;
        try {
            s = Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("the poll interval must be a number of seconds, not '" + t + "'");
        }
        if (!(s >= 0.1) || s > 3600) {
            throw new InvalidInputException("the poll interval must be between 0.1 and 3600 seconds");
        }
        return Duration.ofMillis(Math.round(s * 1000));
    }

    private static String sentence(String message) {
        String m = message == null || message.isBlank() ? "invalid input" : message;
        return m.substring(0, 1).toUpperCase(Locale.ROOT) + m.substring(1);
    }

    /** The connection to save, when the form is valid. */
    public Optional<Result> result() {
        return Optional.ofNullable(result);
    }

    /** True for "New connection", false for "Edit connection". */
    public boolean isNew() {
        return creating;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public StringProperty urlProperty() {
        return url;
    }

    public StringProperty prefixProperty() {
        return prefix;
    }

    /** Seconds between two reads ("2", "0.5"). */
    public StringProperty pollSecondsProperty() {
        return pollSeconds;
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public ObjectProperty<PasswordMode> passwordModeProperty() {
        return passwordMode;
    }

    public StringProperty envVariableProperty() {
        return envVariable;
    }

    public StringProperty passwordProperty() {
        return password;
    }

    /** The explicit consent to write the password in plain text. */
    public BooleanProperty plainAllowedProperty() {
        return plainAllowed;
    }

    /** What is wrong, as a sentence; empty when valid. */
    public String getError() {
        return error.get();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What the chosen password mode means (a warning for plain text). */
    public String getPasswordHint() {
        return passwordHint.get();
    }

    public ReadOnlyStringProperty passwordHintProperty() {
        return passwordHint.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty passwordEditableProperty() {
        return passwordEditable.getReadOnlyProperty();
    }

    public boolean isValid() {
        return valid.get();
    }

    public ReadOnlyBooleanProperty validProperty() {
        return valid.getReadOnlyProperty();
    }
}
