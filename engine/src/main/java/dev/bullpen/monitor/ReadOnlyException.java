package dev.bullpen.monitor;

import dev.bullpen.queue.QueueException;

/** An action was asked of a console opened read-only; nothing was sent to Redis. */
public final class ReadOnlyException extends QueueException {
    private static final long serialVersionUID = 1L;

    public ReadOnlyException(String what) {
        super("read-only mode: " + what + " refused (open the console without --read-only to act)");
    }
}
