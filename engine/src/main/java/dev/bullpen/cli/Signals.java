package dev.bullpen.cli;

/** Ctrl-C and SIGTERM handling for commands that stop gracefully instead of exiting at once. */
public final class Signals {
    private Signals() {
    }

    /**
     * Runs {@code stop} on SIGTERM and SIGINT instead of the JVM's immediate exit, so the command can
     * finish its work (drain, report) and return normally. Where the JVM does not support signal
     * handlers, its default exit applies.
     */
    @SuppressWarnings("restriction")
    public static void onTermOrInterrupt(Runnable stop) {
        for (String name : new String[] {"TERM", "INT"}) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal(name), sig -> stop.run());
            } catch (RuntimeException | LinkageError unsupported) {
                // the JVM's default exit applies
            }
        }
    }
}
