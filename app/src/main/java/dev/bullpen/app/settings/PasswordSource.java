package dev.bullpen.app.settings;

import dev.bullpen.queue.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a saved connection's password comes from. Only {@link Plain} writes it to the settings file,
 * and only when the user ticked the box that allows it; {@code toString()} never shows it.
 */
public sealed interface PasswordSource {
    Pattern VARIABLE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    /** The server wants no password (or the URL's user needs none). */
    record None() implements PasswordSource {
        @Override
        public String text() {
            return "none";
        }
    }

    /** Asked for each time the console opens the connection; kept in memory only. */
    record Ask() implements PasswordSource {
        @Override
        public String text() {
            return "ask";
        }
    }

    /** Read from an environment variable of the console's process when it connects. */
    record Env(String variable) implements PasswordSource {
        public Env {
            if (variable == null || !VARIABLE.matcher(variable).matches()) {
                throw new InvalidInputException("environment variable name '" + variable
                        + "' is not valid (letters, digits and _, not starting with a digit)");
            }
        }

        @Override
        public String text() {
            return "env:" + variable;
        }
    }

    /** Written in plain text in the settings file, because the user explicitly allowed it. */
    record Plain(String password) implements PasswordSource {
        public Plain {
            if (password == null || password.isEmpty()) {
                throw new InvalidInputException("a password saved in plain text must not be empty");
            }
        }

        @Override
        public String text() {
            return "plain";
        }

        @Override
        public String toString() {
            return "Plain[***]";
        }
    }

    /** The value of {@code passwordFrom} in the settings file: none, ask, env:NAME or plain. */
    String text();

    /**
     * Reads {@code passwordFrom} (and {@code password} for plain).
     *
     * @throws InvalidInputException naming what is wrong
     */
    static PasswordSource parse(String text, String password) {
        String t = text == null ? "none" : text.trim();
        if (t.equals("none")) {
            return new None();
        }
        if (t.equals("ask")) {
            return new Ask();
        }
        if (t.startsWith("env:")) {
            return new Env(t.substring(4).trim());
        }
        if (t.equals("plain")) {
            if (password == null || password.isEmpty()) {
                throw new InvalidInputException("passwordFrom is plain but there is no password");
            }
            return new Plain(password);
        }
        throw new InvalidInputException("passwordFrom must be none, ask, env:NAME or plain, not '" + t + "'");
    }

    /**
     * The password to log in with, when this source can give it without asking: empty for none and
     * ask.
     *
     * @throws InvalidInputException when the environment variable is not set
     */
    default Optional<String> resolve(Map<String, String> env) {
        if (this instanceof Plain p) {
            return Optional.of(p.password());
        }
        if (this instanceof Env e) {
            String value = env.get(e.variable());
            if (value == null || value.isEmpty()) {
                throw new InvalidInputException("environment variable " + e.variable() + " is not set");
            }
            return Optional.of(value);
        }
        return Optional.empty();
    }
}
