package dev.bullpen.queue;

/** Redis cannot be reached or refuses the login; the message names host:port and the cause. */
public class RedisUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RedisUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
