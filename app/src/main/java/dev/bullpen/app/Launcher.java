package dev.bullpen.app;

import dev.bullpen.cli.MainCommand;
import picocli.CommandLine;

/**
 * The process entry point of {@code ./bullpen}: the engine's CLI plus the console's own commands.
 * A plain class (not a JavaFX Application) so that JavaFX on the class path starts.
 */
public final class Launcher {
    private Launcher() {
    }

    public static CommandLine commandLine() {
        CommandLine cl = MainCommand.commandLine();
        cl.addSubcommand(new ConsoleCommand());
        cl.addSubcommand(new DemoCommand());
        return cl;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
