package dev.bullpen.app.alerts;

/**
 * One rule's settings.
 *
 * @param enabled       whether the rule raises alerts
 * @param threshold     the figure the rule must exceed (see {@link AlertRule})
 * @param windowMinutes {@link AlertRule#FAILURES}' window; ignored by the other rules
 */
public record RuleSetting(AlertRule rule, boolean enabled, long threshold, int windowMinutes) {
    /** Largest threshold accepted (about 31 years in seconds; far more jobs than Redis holds). */
    public static final long MAX_THRESHOLD = 1_000_000_000L;

    public RuleSetting {
        if (threshold < 0 || threshold > MAX_THRESHOLD) {
            throw new IllegalArgumentException(rule.title() + ": the threshold must be 0 to " + MAX_THRESHOLD
                    + ", not " + threshold);
        }
        if (rule == AlertRule.FAILURES && (windowMinutes < 1 || windowMinutes > AlertRule.MAX_WINDOW_MINUTES)) {
            throw new IllegalArgumentException(rule.title() + ": the window must be 1 to "
                    + AlertRule.MAX_WINDOW_MINUTES + " minutes, not " + windowMinutes);
        }
        if (rule != AlertRule.FAILURES) {
            windowMinutes = AlertRule.DEFAULT_WINDOW_MINUTES;
        }
    }

    public static RuleSetting defaults(AlertRule rule) {
        return new RuleSetting(rule, true, rule.defaultThreshold(), AlertRule.DEFAULT_WINDOW_MINUTES);
    }

    /** The condition in words. */
    public String describe() {
        return rule.describe(threshold, windowMinutes);
    }
}
