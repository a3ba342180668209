package dev.bullpen.cli;

import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.Seeder;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "seed", mixinStandardHelpOptions = true,
        description = "Builds a demo mall: a referral tree with a spread of levels, some inactive or unverified "
                + "customers, products, wallet balances and filled carts. The same seed gives the same mall.")
final class SeedCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    MallDatabaseOption db;

    @Option(names = "--customers", paramLabel = "N", required = true, description = "How many customers")
    int customers;

    @Option(names = "--depth", paramLabel = "D", defaultValue = "8",
            description = "At most this many generations in the tree (default: ${DEFAULT-VALUE})")
    int depth;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE})")
    long seed;

    @Option(names = "--reset", description = "Delete everything in the mall first")
    boolean reset;


    @Override
    public Integer call() {
        if (customers < 1 || depth < 1) {
            throw new dev.bullpen.queue.InvalidInputException("--customers and --depth must be 1 or more");
        }
        try (MallStore store = db.open()) {
            if (reset) {
                store.deleteAll();
            }
            Seeder.Result r;
            try {
                r = new Seeder(store).seed(customers, depth, seed);
            } catch (IllegalStateException e) {
                throw new CliRefusal(e.getMessage());
            }
            var out = spec.commandLine().getOut();
            out.printf("seeded %d customers (%d roots, %d generations), %d products, %d filled carts%n",
                    r.customers(), r.roots(), r.maxDepth(), r.products(), r.carts());
            out.flush();
            return ExitCodes.OK;
        }
    }
}
