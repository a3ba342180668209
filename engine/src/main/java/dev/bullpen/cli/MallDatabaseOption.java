package dev.bullpen.cli;

import dev.bullpen.checkout.MallStore;
import dev.bullpen.checkout.jdbc.JdbcMallStore;
import picocli.CommandLine.Option;

/** The {@code --db} option of the mall commands, mixed into each of them. */
final class MallDatabaseOption {
    @Option(names = "--db", paramLabel = "URL",
            description = "JDBC URL of the mall database (default: embedded H2 in ~/.bullpen/mall)")
    String url;

    /** Opens the mall database: {@code --db} or the default embedded H2 file. */
    MallStore open() {
        return JdbcMallStore.open(url == null || url.isBlank() ? JdbcMallStore.defaultUrl() : url);
    }
}
