package dev.bullpen.metrics;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Reads Prometheus text: one sample's value by its exact name and labels; fetches {@code /metrics} over HTTP. */
public final class Scrape {
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Scrape() {
    }

    /**
     * The value of the sample written exactly {@code series} (name and labels as the text has them).
     *
     * @throws AssertionError when the text has no such sample
     */
    public static double value(String text, String series) {
        for (String line : text.split("\n")) {
            if (line.startsWith(series + " ")) {
                String v = line.substring(series.length() + 1).trim().split(" ")[0];
                return Double.parseDouble(v);
            }
        }
        throw new AssertionError("no sample " + series + " in:\n" + text);
    }

    /** True when the text has a sample written exactly {@code series}. */
    public static boolean has(String text, String series) {
        return text.lines().anyMatch(l -> l.startsWith(series + " "));
    }

    /** GET {@code url}; the body of a 200 answer with Prometheus' content type. */
    public static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        String type = r.headers().firstValue("Content-Type").orElse("");
        if (!type.startsWith("text/plain; version=0.0.4")) {
            throw new AssertionError("GET " + url + " answered Content-Type " + type);
        }
        return r.body();
    }
}
