package dev.bullpen.queue;

/** The queue or job named by the caller does not exist. */
public class NotFoundException extends QueueException {
    private static final long serialVersionUID = 1L;

    public NotFoundException(String message) {
        super(message);
    }
}
