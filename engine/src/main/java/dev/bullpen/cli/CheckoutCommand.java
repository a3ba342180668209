package dev.bullpen.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.bullpen.checkout.BullRewardJobPublisher;
import dev.bullpen.checkout.CheckoutAnswer;
import dev.bullpen.checkout.CheckoutOptions;
import dev.bullpen.checkout.CheckoutRejectedException;
import dev.bullpen.checkout.CheckoutService;
import dev.bullpen.checkout.CircuitBreaker;
import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.OutboxRelay;
import dev.bullpen.checkout.RewardSettings;
import dev.bullpen.queue.InvalidInputException;
import dev.bullpen.queue.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "checkout", mixinStandardHelpOptions = true,
        description = "Checks out one customer's cart and prints the answer; the rewards are paid by the reward job "
                + "on the 'checkout' queue. When Redis is down the checkout still succeeds and the job waits "
                + "in the outbox.")
final class CheckoutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MallDatabaseOption db;

    @Option(names = "--customer", paramLabel = "ID", required = true, description = "The customer checking out")
    long customer;

    @Option(names = "--address", paramLabel = "TEXT", description = "Delivery address to store")
    String address;

    @Option(names = "--json", description = "Print the answer as JSON")
    boolean json;

    @Option(names = "--priority-by-level", description = "Give higher-level customers' reward jobs higher priority")
    boolean priorityByLevel;

    @Option(names = "--off-peak", paramLabel = "HH:MM-HH:MM",
            description = "Delay reward jobs until this window (local time) when made outside it")
    String offPeak;

    @Override
    public Integer call() {
        CheckoutOptions options = options();
        Clock clock = Clock.systemDefaultZone();
        GlobalOptions global = GlobalOptions.of(spec);
        try (MallStore store = db.open();
                BullRewardJobPublisher publisher = new BullRewardJobPublisher(global::connect, clock)) {
            CheckoutService service = new CheckoutService(store, publisher,
                    new CircuitBreaker(3, Duration.ofSeconds(30), clock), RewardSettings.defaults(), options, clock);
            CheckoutAnswer a;
            try {
                a = service.checkout(customer, address);
            } catch (CheckoutRejectedException e) {
                throw new CliRefusal("checkout refused: " + e.getMessage());
            }
            if (a.queued()) {
                new OutboxRelay(store, publisher, clock, 100).run();
            }
            print(a);
            return ExitCodes.OK;
        }
    }

    private CheckoutOptions options() {
        CheckoutOptions o = CheckoutOptions.defaults().withPriorityByLevel(priorityByLevel);
        if (offPeak != null) {
            String[] parts = offPeak.split("-");
            try {
                if (parts.length != 2) {
                    throw new DateTimeParseException("no '-'", offPeak, 0);
                }
                o = o.withOffPeak(LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()),
                        ZoneId.systemDefault());
            } catch (DateTimeParseException e) {
                throw new InvalidInputException("--off-peak must look like 01:00-05:00, got " + offPeak);
            }
        }
        return o;
    }

    private void print(CheckoutAnswer a) {
        var out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("transactionId", a.transactionId());
            o.put("customerId", a.customerId());
            o.put("total", a.total().toPlainString());
            o.put("newBalance", a.newBalance().toPlainString());
            ObjectNode shares = o.putObject("shares");
            shares.put("rewardPoints", a.shares().rewardPoints().toPlainString());
            shares.put("tree", a.shares().tree().toPlainString());
            shares.put("gifts", a.shares().gifts().toPlainString());
            shares.put("app", a.shares().app().toPlainString());
            shares.put("referral", a.shares().referral().toPlainString());
            o.put("rewardsStatus", a.rewardsStatus());
            o.put("jobQueued", a.queued());
            Output.json(out, o);
            return;
        }
        out.printf("transaction %s%n", a.transactionId());
        out.printf("total        %s%n", a.total().toPlainString());
        out.printf("new balance  %s%n", a.newBalance().toPlainString());
        out.printf("shares       tree %s, gifts %s, app %s, referral %s (of %s reward points)%n",
                a.shares().tree().toPlainString(), a.shares().gifts().toPlainString(), a.shares().app().toPlainString(),
                a.shares().referral().toPlainString(), a.shares().rewardPoints().toPlainString());
        out.printf("rewards      %s%s%n", a.rewardsStatus(),
                a.queued() ? "" : " (Redis unreachable: the job waits in the outbox and is pushed when Redis is back)");
        out.flush();
    }
}
