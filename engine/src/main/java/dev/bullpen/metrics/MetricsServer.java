package dev.bullpen.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.bullpen.queue.InvalidInputException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code GET /metrics} (Prometheus text format 0.0.4) with the JDK's HTTP server on one
 * address and port; {@code /} says where the metrics are, anything else is 404. One thread answers,
 * and a scrape only formats what is already in memory. No TLS and no login: bind it to loopback (the
 * default) or a private interface that only Prometheus reaches.
 */
public final class MetricsServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);
    public static final String DEFAULT_BIND = "127.0.0.1";
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Starts serving {@code text} on {@code bind:port} (port 0: any free port, see {@link #port()}).
     *
     * @throws InvalidInputException when the address is unknown or the port cannot be listened on
     */
    public static MetricsServer start(String bind, int port, Supplier<String> text) {
        if (port < 0 || port > 65535) {
            throw new InvalidInputException("--metrics-port " + port + " is out of range 0-65535");
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new InvalidInputException("--metrics-bind " + bind + ": unknown host");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 16);
        } catch (IOException e) {
            throw new InvalidInputException("cannot serve metrics on " + hostPort(bind, port) + ": " + e.getMessage());
        }
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "bullpen-metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", exchange -> handle(exchange, text));
        server.start();
        MetricsServer s = new MetricsServer(server, executor);
        LOG.info("Metrics served on {}", s.url());
        return s;
    }

    private static void handle(HttpExchange exchange, Supplier<String> text) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD");
                send(exchange, 405, "text/plain; charset=utf-8", "only GET and HEAD\n");
            } else if (path.equals("/metrics")) {
                String body;
                try {
                    body = text.get();
                } catch (RuntimeException e) {
                    LOG.warn("Metrics scrape failed: {}", e.toString());
                    send(exchange, 500, "text/plain; charset=utf-8", "metrics failed: " + e + "\n");
                    return;
                }
                send(exchange, 200, CONTENT_TYPE, body);
            } else if (path.equals("/")) {
                send(exchange, 200, "text/plain; charset=utf-8", "Bullpen metrics: /metrics\n");
            } else {
                send(exchange, 404, "text/plain; charset=utf-8", "not found; the metrics are at /metrics\n");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** The port listened on (the one picked when started with 0). */
    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://host:port/metrics}. */
    public String url() {
        InetSocketAddress a = server.getAddress();
        return "http://" + hostPort(a.getAddress().getHostAddress(), a.getPort()) + "/metrics";
    }

    private static String hostPort(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
