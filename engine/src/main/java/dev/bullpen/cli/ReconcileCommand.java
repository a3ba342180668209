package dev.bullpen.cli;

import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.OutboxRelay;
import dev.bullpen.checkout.Reconcile;
import dev.bullpen.checkout.RewardJob;
import dev.bullpen.queue.QueueConnection;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "reconcile", mixinStandardHelpOptions = true,
        description = "Pushes pending outbox rows, then re-enqueues the reward jobs of purchases whose rewards are "
                + "neither completed nor waiting, active or delayed in the 'checkout' queue, and reports each.")
final class ReconcileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MallDatabaseOption db;

    @Option(names = "--dry-run", description = "Only report what would be done")
    boolean dryRun;

    @Override
    public Integer call() {
        var out = spec.commandLine().getOut();
        Clock clock = Clock.systemDefaultZone();
        GlobalOptions global = GlobalOptions.of(spec);
        try (MallStore store = db.open(); QueueConnection connection = global.connect()) {
            int relayed = 0;
            if (!dryRun) {
                // not closed here: the connection belongs to this command
                BullRewardJobPublisher publisher = new BullRewardJobPublisher(() -> connection, clock);
                relayed = new OutboxRelay(store, publisher, clock, 200).runOnce();
            }
            List<Reconcile.Item> items = new Reconcile(store, connection.queue(RewardJob.QUEUE), clock).run(dryRun);
            for (Reconcile.Item i : items) {
                out.printf("%s %s (job %s)%n", dryRun ? "would " + verb(i.action()) : done(i.action()),
                        i.purchaseId(), i.jobState().orElse("missing"));
            }
            if (!dryRun) {
                out.printf("%d pending outbox row(s) pushed, %d job(s) re-enqueued%n", relayed, items.size());
            } else {
                out.printf("%d job(s) would be re-enqueued%n", items.size());
            }
            out.flush();
            return ExitCodes.OK;
        }
    }

    private static String done(Reconcile.Action a) {
        return switch (a) {
            case ADD -> "re-added";
            case RETRY -> "retried";
            case REPLACE -> "replaced";
        };
    }

    private static String verb(Reconcile.Action a) {
        return switch (a) {
            case ADD -> "re-add";
            case RETRY -> "retry";
            case REPLACE -> "replace";
        };
    }
}
