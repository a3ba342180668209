package dev.bullpen.checkout;

/**
 * A reward job recorded with its purchase, to be pushed to the queue.
 *
 * @param notBefore epoch ms before which the job must not run (off-peak window), 0 for at once
 * @param priority  Bull priority (1 highest), 0 for none
 * @param status    {@link #PENDING} until pushed, then {@link #SENT}
 */
public record OutboxEntry(String purchaseId, String queue, String payload, int priority, long notBefore,
        String status, int attempts, String lastError, long createdAt) {

    public static final String PENDING = "pending";
    public static final String SENT = "sent";

    public boolean isPending() {
        return PENDING.equals(status);
    }
}
