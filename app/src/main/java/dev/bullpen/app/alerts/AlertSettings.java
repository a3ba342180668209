package dev.bullpen.app.alerts;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/** The settings of every rule; a rule not given has its defaults. */
public record AlertSettings(Map<AlertRule, RuleSetting> rules) {

    public AlertSettings {
        EnumMap<AlertRule, RuleSetting> all = new EnumMap<>(AlertRule.class);
        for (AlertRule r : AlertRule.values()) {
            all.put(r, RuleSetting.defaults(r));
        }
        all.putAll(rules);
        rules = java.util.Collections.unmodifiableMap(all);
    }

    /** The operators' runbook: every rule on, with its default threshold. */
    public static AlertSettings defaults() {
        return new AlertSettings(Map.of());
    }

    public RuleSetting of(AlertRule rule) {
        return rules.get(rule);
    }

    /** These settings with one rule's replaced. */
    public AlertSettings with(RuleSetting setting) {
        EnumMap<AlertRule, RuleSetting> next = new EnumMap<>(rules);
        next.put(setting.rule(), setting);
        return new AlertSettings(next);
    }

    public Collection<RuleSetting> all() {
        return rules.values();
    }
}
