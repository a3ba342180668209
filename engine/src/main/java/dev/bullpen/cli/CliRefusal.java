package dev.bullpen.cli;

/** A command that ran but could not do all it was asked (exit code 1). */
final class CliRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CliRefusal(String message) {
        super(message);
    }
}
