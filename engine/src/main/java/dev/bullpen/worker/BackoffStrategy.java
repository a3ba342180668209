package dev.bullpen.worker;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A custom backoff type, as Bull's Queue setting {@code backoffStrategies[type](attemptsMade, err, options)}.
 * Register it on every worker of the queue, Java and Node alike.
 */
@FunctionalInterface
public interface BackoffStrategy {
    /**
     * @param attemptsMade failed attempts including this one
     * @param error        what the processor threw
     * @param options      the job's {@code backoff.options}, or a missing node
     * @return the delay in ms; 0 retries at once; -1 fails the job for good
     */
    long delay(int attemptsMade, Throwable error, JsonNode options);
}
