package dev.bullpen.cli;

import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.NotFoundException;
import dev.bullpen.queue.QueueException;
import dev.bullpen.queue.RedisUnavailableException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code bullpen}: the root command. Subcommands only parse and delegate to the engine. */
@Command(name = "bullpen", mixinStandardHelpOptions = true, version = "bullpen 0.1.0",
        description = "Console and engine for Bull 4 job queues on Redis.",
        subcommands = {StatusCommand.class, JobsCommand.class, QueueAdminCommand.class, BenchCommand.class,
            SeedCommand.class, CheckoutCommand.class, AuditCommand.class, ReconcileCommand.class,
            WorkerCommand.class, SimulateCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:ok", "1:refused (job locked or not in that state)", "2:bad usage or bad input",
            "3:Redis unreachable or login refused", "4:queue or job not found"})
public final class MainCommand implements Runnable {
    @Mixin
    GlobalOptions global;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line; the console module adds its own {@code console} subcommand. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MainCommand());
        cl.setExecutionExceptionHandler(MainCommand::handle);
        // the log format applies before any command logs anything
        cl.setExecutionStrategy(parsed -> {
            Object root = parsed.commandSpec().root().userObject();
            if (root instanceof MainCommand main) {
                try {
                    main.global.logFormat().apply();
                } catch (InvalidInputException e) {
                    throw new CommandLine.ParameterException(parsed.commandSpec().commandLine(), e.getMessage());
                }
            }
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            return ExitCodes.BAD_INPUT;
        });
        return cl;
    }

    private static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean verbose = verbose(parsed);
        int code;
        if (e instanceof RedisUnavailableException) {
            code = ExitCodes.REDIS_UNAVAILABLE;
        } else if (e instanceof InvalidInputException) {
            code = ExitCodes.BAD_INPUT;
        } else if (e instanceof NotFoundException) {
            code = ExitCodes.NOT_FOUND;
        } else if (e instanceof QueueException || e instanceof CliRefusal) {
            code = ExitCodes.REFUSED;
        } else {
            code = 1;
        }
        err.println("error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        if (verbose) {
            e.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    private static boolean verbose(CommandLine.ParseResult p) {
        return p.hasMatchedOption("--verbose") || p.subcommands().stream().anyMatch(MainCommand::verbose);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
