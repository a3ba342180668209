package dev.bullpen.app.fx;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One-off work off the FX thread: runs on the work executor, hands the result or the failure to the
 * FX executor. Tests pass {@code Runnable::run} for both.
 */
public final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);

    private final Executor work;
    private final Executor fx;

    public Background(Executor work, Executor fx) {
        this.work = work;
        this.fx = fx;
    }

    public Executor fx() {
        return fx;
    }

    /** Runs {@code job} in the background; exactly one of the callbacks then runs on the FX executor. */
    public <T> void run(String what, Supplier<T> job, Consumer<T> onSuccess, Consumer<RuntimeException> onError) {
        try {
            work.execute(() -> {
                T result;
                try {
                    result = job.get();
                } catch (RuntimeException e) {
                    LOG.debug("Background(task={}) failed: {}", what, e.toString());
                    publish(what, () -> onError.accept(e));
                    return;
                }
                publish(what, () -> onSuccess.accept(result));
            });
        } catch (RejectedExecutionException e) {
            LOG.debug("Background(task={}) not started: the console is closing", what);
        }
    }

    private void publish(String what, Runnable onFx) {
        try {
            fx.execute(onFx);
        } catch (RuntimeException e) {
            LOG.debug("Background(task={}) could not publish: {}", what, e.toString());
        }
    }
}
