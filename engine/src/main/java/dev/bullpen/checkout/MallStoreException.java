package dev.bullpen.checkout;

/** The database failed or refused a statement; the message names the operation. */
public class MallStoreException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MallStoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public MallStoreException(String message) {
        super(message);
    }
}
