package dev.bullpen.cli;

/** The CLI's exit codes; other tools depend on them. */
public final class ExitCodes {
    public static final int OK = 0;
    /** The operation was refused (job locked, not in the needed state), or a check failed. */
    public static final int REFUSED = 1;
    public static final int BAD_INPUT = 2;
    public static final int REDIS_UNAVAILABLE = 3;
    public static final int NOT_FOUND = 4;

    private ExitCodes() {
    }
}
