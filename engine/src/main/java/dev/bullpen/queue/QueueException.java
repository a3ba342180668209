package dev.bullpen.queue;

/** A queue operation that Bull itself would refuse (job locked, not in the expected state, ...). */
public class QueueException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public QueueException(String message) {
        super(message);
    }
}
