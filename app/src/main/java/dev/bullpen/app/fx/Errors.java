package dev.bullpen.app.fx;

import dev.bullpen.queue.RedisUnavailableException;

/** Users see a sentence; the logs keep the stack trace. */
public final class Errors {
    private Errors() {
    }

    /** A short sentence for an error of a background task. */
    public static String sentence(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        if (e instanceof RedisUnavailableException) {
            return "Redis is unreachable: " + m;
        }
        return m;
    }
}
