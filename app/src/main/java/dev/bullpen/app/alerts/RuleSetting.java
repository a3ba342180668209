package dev.bullpen.app.alerts;

/**
 * One rule's settings.
 *
 * @param enabled       whether the rule raises alerts
 * @param threshold     the figure the rule must exceed (see {@link AlertRule})
 * @param windowMinutes {@link AlertRule#FAILURES}' window; ignored by the other rules
 * @param forSeconds    how long the condition must hold before the alert is raised (a pending period, as
 *                      Grafana's and Prometheus' {@code for}); 0 raises at the first poll that sees it.
 *                      {@link AlertRule#REDIS_UNREACHABLE} has its duration as threshold and ignores it
 */
public record RuleSetting(AlertRule rule, boolean enabled, long threshold, int windowMinutes, long forSeconds) {
    /** Largest threshold accepted (about 31 years in seconds; far more jobs than Redis holds). */
    public static final long MAX_THRESHOLD = 1_000_000_000L;
    /** Longest pending period: a day. */
    public static final long MAX_FOR_SECONDS = 86_400;

    public RuleSetting {
        if (threshold < 0 || threshold > MAX_THRESHOLD) {
            throw new IllegalArgumentException(rule.title() + ": the threshold must be 0 to " + MAX_THRESHOLD
                    + ", not " + threshold);
        }
        if (rule == AlertRule.FAILURES && (windowMinutes < 1 || windowMinutes > AlertRule.MAX_WINDOW_MINUTES)) {
            throw new IllegalArgumentException(rule.title() + ": the window must be 1 to "
                    + AlertRule.MAX_WINDOW_MINUTES + " minutes, not " + windowMinutes);
        }
        if (forSeconds < 0 || forSeconds > MAX_FOR_SECONDS) {
            throw new IllegalArgumentException(rule.title() + ": \"for\" must be 0 to " + MAX_FOR_SECONDS
                    + " seconds, not " + forSeconds);
        }
        if (rule != AlertRule.FAILURES) {
            windowMinutes = AlertRule.DEFAULT_WINDOW_MINUTES;
        }
        if (rule == AlertRule.REDIS_UNREACHABLE) {
            forSeconds = 0;
        }
    }

    /** Raised at the first poll that sees the condition. */
    public RuleSetting(AlertRule rule, boolean enabled, long threshold, int windowMinutes) {
        this(rule, enabled, threshold, windowMinutes, 0);
    }

    public static RuleSetting defaults(AlertRule rule) {
        return new RuleSetting(rule, true, rule.defaultThreshold(), AlertRule.DEFAULT_WINDOW_MINUTES, 0);
    }

    /** The condition in words. */
    public String describe() {
        String what = rule.describe(threshold, windowMinutes);
        return forSeconds == 0 ? what : what + " for " + forSeconds + " s";
    }
}
