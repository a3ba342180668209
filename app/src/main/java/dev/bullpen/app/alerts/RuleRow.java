package dev.bullpen.app.alerts;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/** One rule as edited in the alerts screen: texts until saved, then checked. */
public final class RuleRow {
    private final AlertRule rule;
    private final BooleanProperty enabled = new SimpleBooleanProperty(this, "enabled");
    private final StringProperty threshold = new SimpleStringProperty(this, "threshold");
    private final StringProperty window = new SimpleStringProperty(this, "window");
    private final StringProperty forSeconds = new SimpleStringProperty(this, "forSeconds");

    RuleRow(RuleSetting setting) {
        this.rule = setting.rule();
        show(setting);
    }

    void show(RuleSetting s) {
        enabled.set(s.enabled());
        threshold.set(Long.toString(s.threshold()));
        window.set(Integer.toString(s.windowMinutes()));
        forSeconds.set(Long.toString(s.forSeconds()));
    }

    /**
     * The setting the texts stand for.
     *
     * @throws IllegalArgumentException naming the rule and the field when a text is not a valid number
     */
    RuleSetting toSetting() {
        long t = parse(threshold.get(), "threshold");
        long w = rule == AlertRule.FAILURES ? parse(window.get(), "window") : AlertRule.DEFAULT_WINDOW_MINUTES;
        if (w > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(rule.title() + ": the window must be 1 to "
                    + AlertRule.MAX_WINDOW_MINUTES + " minutes, not " + w);
        }
        long f = rule == AlertRule.REDIS_UNREACHABLE ? 0 : parse(forSeconds.get(), "\"for\"");
        return new RuleSetting(rule, enabled.get(), t, (int) w, f);
    }

    private long parse(String text, String field) {
        String t = text == null ? "" : text.trim().replace(",", "").replace("_", "");
        try {
            return Long.parseLong(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(rule.title() + ": " + (field.startsWith("\"") ? field : "the " + field)
                    + " must be a whole number, not '"
                    + (text == null ? "" : text.trim()) + "'");
        }
    }

    public AlertRule getRule() {
        return rule;
    }

    public BooleanProperty enabledProperty() {
        return enabled;
    }

    public StringProperty thresholdProperty() {
        return threshold;
    }

    /** Seconds the condition must hold before the alert is raised. */
    public StringProperty forSecondsProperty() {
        return forSeconds;
    }

    /** {@link AlertRule#FAILURES}' window in minutes. */
    public StringProperty windowProperty() {
        return window;
    }
}
