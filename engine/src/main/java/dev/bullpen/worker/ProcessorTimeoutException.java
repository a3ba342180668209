package dev.bullpen.worker;

/** The processor ran longer than the job's {@code timeout} option; the message is Bull's. */
final class ProcessorTimeoutException extends Exception {
    private static final long serialVersionUID = 1L;

    ProcessorTimeoutException(String message) {
        super(message);
    }
}
