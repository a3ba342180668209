package dev.bullpen.cli;

import dev.bullpen.queue.BatchProgress;
import picocli.CommandLine.Model.CommandSpec;

/** Progress of batched operations, on stderr so that stdout stays parseable. */
final class BatchPrinter {
    private BatchPrinter() {
    }

    static BatchProgress to(CommandSpec spec) {
        return done -> {
            spec.commandLine().getErr().printf("… %d done%n", done);
            spec.commandLine().getErr().flush();
            return true;
        };
    }
}
