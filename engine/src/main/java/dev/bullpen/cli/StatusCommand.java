package dev.bullpen.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.queue.JobState;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.NotFoundException;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.QueueStatus;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "status", mixinStandardHelpOptions = true,
        description = "Counts of every state and the pause flag of each queue (every queue under the prefix by default).")
final class StatusCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--queue", paramLabel = "Q", description = "Only this queue (repeatable)")
    List<String> queues = new ArrayList<>();

    @Option(names = "--json", description = "Print {\"queues\":[{\"name\",\"paused\",\"counts\"}]}")
    boolean json;

    @Override
    public Integer call() {
        try (QueueConnection c = GlobalOptions.of(spec).connect()) {
            List<String> names = queues.isEmpty() ? c.discoverQueues() : queues;
            List<QueueStatus> statuses = new ArrayList<>();
            for (String name : names) {
                var q = c.queue(name);
                if (!queues.isEmpty() && !q.exists()) {
                    throw new NotFoundException("queue " + name + " not found under prefix " + c.prefix());
                }
                statuses.add(q.status());
            }
            print(statuses);
            return ExitCodes.OK;
        }
    }

    private void print(List<QueueStatus> statuses) {
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode root = Json.MAPPER.createObjectNode();
            ArrayNode arr = root.putArray("queues");
            for (QueueStatus s : statuses) {
                ObjectNode q = arr.addObject();
                q.put("name", s.name());
                q.put("paused", s.paused());
                ObjectNode counts = q.putObject("counts");
                for (String st : List.of("waiting", "active", "delayed", "completed", "failed", "paused")) {
                    counts.put(st, s.counts().of(JobState.parse(st).orElseThrow()));
                }
            }
            Output.json(out, root);
            return;
        }
        if (statuses.isEmpty()) {
            out.println("no queues under prefix " + GlobalOptions.of(spec).prefix());
            out.flush();
            return;
        }
        List<List<String>> rows = new ArrayList<>();
        for (QueueStatus s : statuses) {
            var c = s.counts();
            rows.add(List.of(s.name(), s.paused() ? "paused" : "running", Long.toString(c.waiting()),
                    Long.toString(c.active()), Long.toString(c.delayed()), Long.toString(c.completed()),
                    Long.toString(c.failed()), Long.toString(c.paused())));
        }
        Output.table(out, List.of("QUEUE", "STATE", "WAITING", "ACTIVE", "DELAYED", "COMPLETED", "FAILED", "PAUSED"),
                rows);
    }
}
