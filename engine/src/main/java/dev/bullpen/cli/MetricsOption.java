package dev.bullpen.cli;

import dev.bullpen.metrics.BullpenMetrics;
import dev.bullpen.metrics.MetricsServer;
import dev.bullpen.queue.InvalidInputException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --metrics-bind} of the long-running commands (worker, simulate, demo). */
public final class MetricsOption {
    @Option(names = "--metrics-port", paramLabel = "PORT",
            description = "Serve Prometheus metrics on http://ADDR:PORT/metrics (0: any free port, printed at start). "
                    + "Off unless given")
    Integer port;

    @Option(names = "--metrics-bind", paramLabel = "ADDR",
            description = "Address the metrics port listens on (default " + MetricsServer.DEFAULT_BIND + "; "
                    + "0.0.0.0 for every interface: the endpoint has no login and no TLS)")
    String bind;

    /**
     * Starts the metrics and their HTTP endpoint when {@code --metrics-port} was given, and says where on
     * {@code out}; the caller closes them.
     *
     * @throws InvalidInputException when the port cannot be listened on, or --metrics-bind comes alone
     */
    public Optional<BullpenMetrics> start(PrintWriter out) {
        if (port == null) {
            if (bind != null) {
                throw new InvalidInputException("--metrics-bind needs --metrics-port");
            }
            return Optional.empty();
        }
        BullpenMetrics metrics = new BullpenMetrics();
        try {
            MetricsServer server = metrics.serve(bind == null ? MetricsServer.DEFAULT_BIND : bind, port);
            out.println("metrics on " + server.url());
            out.flush();
            return Optional.of(metrics);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }
}
