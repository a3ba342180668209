package dev.bullpen.checkout;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts a {@link RewardNotice} as JSON to a configured URL when rewards are completed. Delivery is
 * asynchronous and retried with exponential backoff on errors and non-2xx answers; it never blocks or
 * fails the reward job. The URL is configuration ({@code BULLPEN_REWARD_WEBHOOK}) and is never logged
 * with its query string (it may carry a token).
 */
public final class RewardWebhook implements RewardListener, AutoCloseable {
    public static final String ENV = "BULLPEN_REWARD_WEBHOOK";
    private static final Logger LOG = LoggerFactory.getLogger(RewardWebhook.class);

    private final URI url;
    private final HttpClient client;
    private final ScheduledExecutorService scheduler;
    private final int maxAttempts;
    private final Duration firstBackoff;

    public RewardWebhook(URI url, int maxAttempts, Duration firstBackoff) {
        this.url = url;
        this.maxAttempts = maxAttempts;
        this.firstBackoff = firstBackoff;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "bullpen-reward-webhook");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).executor(scheduler).build();
    }

    /** The webhook configured in {@code env} ({@value #ENV}), if any: 6 attempts, backoff from 1 s. */
    public static Optional<RewardWebhook> fromEnvironment(Map<String, String> env) {
        String url = env.get(ENV);
        if (url == null || url.isBlank()) {
            return Optional.empty();
        }
        return Optional.of(new RewardWebhook(URI.create(url.trim()), 6, Duration.ofSeconds(1)));
    }

    @Override
    public void rewardsCompleted(RewardNotice notice) {
        try {
            scheduler.execute(() -> attempt(notice, 1));
        } catch (RejectedExecutionException e) {
            LOG.warn("Purchase(id={}) reward notice not sent: webhook closed", notice.purchaseId());
        }
    }

    private void attempt(RewardNotice notice, int n) {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(notice.toJson())).build();
        client.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                LOG.debug("Purchase(id={}) reward notice delivered", notice.purchaseId());
                return;
            }
            String why = error != null ? String.valueOf(error.getMessage()) : "HTTP " + response.statusCode();
            if (n >= maxAttempts) {
                LOG.error("Purchase(id={}) reward notice to {} given up after {} attempts: {}", notice.purchaseId(),
                        safeUrl(), n, why);
                return;
            }
            long delay = firstBackoff.toMillis() << Math.min(20, n - 1);
            LOG.warn("Purchase(id={}) reward notice to {} failed ({}), retry {} in {} ms", notice.purchaseId(),
                    safeUrl(), why, n + 1, delay);
            try {
                scheduler.schedule(() -> attempt(notice, n + 1), delay, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.warn("Purchase(id={}) reward notice dropped: webhook closed", notice.purchaseId());
            }
        });
    }

    private String safeUrl() {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
                + (url.getPath() == null ? "" : url.getPath());
    }

    /** Stops retrying; notices not yet delivered are dropped. */
    @Override
    public void close() {
        scheduler.shutdownNow();
    }
}
