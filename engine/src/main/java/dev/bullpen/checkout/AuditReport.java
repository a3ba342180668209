package dev.bullpen.checkout;

import java.util.List;

/**
 * The result of an {@link Audit}: each violation as one sentence naming the row concerned.
 *
 * @param purchases how many purchases were checked
 * @param customers how many customers were checked
 */
public record AuditReport(int purchases, int customers, List<String> violations) {
    public AuditReport {
        violations = List.copyOf(violations);
    }

    public boolean clean() {
        return violations.isEmpty();
    }
}
