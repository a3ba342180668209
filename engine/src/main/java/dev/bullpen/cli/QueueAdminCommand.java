package dev.bullpen.cli;

import dev.bullpen.queue.JobQueue;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "queue", mixinStandardHelpOptions = true,
        description = "Pause, resume or empty a queue (global, as Bull's queue.pause()/resume()/empty()).")
final class QueueAdminCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ACTION", description = "pause, resume or empty")
    Action action;

    @Option(names = "--queue", paramLabel = "Q", required = true, description = "Queue name")
    String queueName;

    enum Action { pause, resume, empty }

    @Override
    public Integer call() {
        try (var c = GlobalOptions.of(spec).connect()) {
            JobQueue q = c.queue(queueName);
            if (!q.exists()) {
                throw new dev.bullpen.queue.NotFoundException(
                        "queue " + queueName + " not found under prefix " + c.prefix());
            }
            switch (action) {
                case pause -> q.pause();
                case resume -> q.resume();
                case empty -> q.empty();
            }
            spec.commandLine().getOut().println(switch (action) {
                case pause -> "paused " + queueName;
                case resume -> "resumed " + queueName;
                case empty -> "emptied " + queueName + " (waiting, paused and delayed jobs deleted)";
            });
            spec.commandLine().getOut().flush();
            return ExitCodes.OK;
        }
    }
}
