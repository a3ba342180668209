package dev.bullpen.cli;

import dev.bullpen.metrics.BullpenMetrics;
import dev.bullpen.metrics.MetricsServer;
import dev.bullpen.queue.InvalidInputException;
import java.io.PrintWriter;
import java.util.Optional;
import picocli.CommandLine.Option;

/** {@code --metrics-port} and {@code --metrics-bind} of the long-running commands (worker, simulate, demo). */
public final class MetricsOption {
    static final String PORT_ENV = "BULLPEN_METRICS_PORT";
    static final String BIND_ENV = "BULLPEN_METRICS_BIND";

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "${env:" + PORT_ENV + "}",
            description = "Serve Prometheus metrics on http://ADDR:PORT/metrics (0: any free port, printed at start). "
                    + "Default: $" + PORT_ENV + ", else off")
    Integer port;

    @Option(names = "--metrics-bind", paramLabel = "ADDR", defaultValue = "${env:" + BIND_ENV + "}",
            description = "Address the metrics port listens on. Default: $" + BIND_ENV + ", else "
                    + MetricsServer.DEFAULT_BIND + " (0.0.0.0 is every interface: the endpoint has no login and no TLS)")
    String bind;

    /**
     * Starts the metrics and their HTTP endpoint when {@code --metrics-port} was given, and says where on
     * {@code out}; the caller closes them.
     *
     * @throws InvalidInputException when the port cannot be listened on, or --metrics-bind comes alone
     */
    public Optional<BullpenMetrics> start(PrintWriter out) {
        if (port == null) {
            if (bind != null && !bind.isBlank()) {
                throw new InvalidInputException("--metrics-bind needs --metrics-port");
            }
            return Optional.empty();
        }
        BullpenMetrics metrics = new BullpenMetrics();
        try {
            MetricsServer server = metrics.serve(bind == null || bind.isBlank() ? MetricsServer.DEFAULT_BIND : bind, port);
            out.println("metrics on " + server.url());
            out.flush();
            return Optional.of(metrics);
        } catch (RuntimeException e) {
            metrics.close();
            throw e;
        }
    }
}
