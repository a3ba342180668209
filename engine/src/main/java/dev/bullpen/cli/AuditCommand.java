package dev.bullpen.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.checkout.Audit;
import dev.bullpen.checkout.AuditReport;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.QueueLiveness;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.queue.Json;
import dev.bullpen.queue.QueueConnection;
import dev.bullpen.queue.RedisUnavailableException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = "Checks every invariant of the mall: conservation per purchase, balances equal to their ledger, "
                + "the gifts pool, and no purchase without completed rewards, a pending outbox row or a live job. "
                + "Exits 1 listing each violation.")
final class AuditCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MallDatabaseOption db;

    @Option(names = "--json", description = "Print {\"clean\",\"purchases\",\"customers\",\"violations\":[...]}")
    boolean json;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        var err = spec.commandLine().getErr();
        AuditReport report;
        try (MallStore store = db.open()) {
            QueueConnection connection = null;
            try {
                connection = GlobalOptions.of(spec).connect();
            } catch (RedisUnavailableException e) {
                err.println("warning: " + e.getMessage() + "; purchases waiting on a job are reported as violations");
                err.flush();
            }
            try {
                report = new Audit(store).run(connection == null ? id -> false
                        : QueueLiveness.of(connection.queue(RewardJob.QUEUE)));
            } finally {
                if (connection != null) {
                    connection.close();
                }
            }
        }
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("clean", report.clean());
            o.put("purchases", report.purchases());
            o.put("customers", report.customers());
            ArrayNode v = o.putArray("violations");
            report.violations().forEach(v::add);
            Output.json(out, o);
        } else {
            report.violations().forEach(out::println);
            out.printf("%s: %d purchases, %d customers checked, %d violation(s)%n",
                    report.clean() ? "clean" : "VIOLATIONS", report.purchases(), report.customers(),
                    report.violations().size());
            out.flush();
        }
        return report.clean() ? ExitCodes.OK : ExitCodes.REFUSED;
    }
}
