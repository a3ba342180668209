package dev.bullpen.app.fx;

import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javafx.animation.AnimationTimer;

/**
 * Runs steps on the FX thread one per pulse, from the second pulse after the call on: the first pulse styles and lays
 * out what is already in the scene, each later one what its step added (docs/decisions/0018, 0020). A screen built
 * this way shows its parts within a few frames, and no single pulse styles all of it: the first styling of JavaFX
 * controls is cold code, the costliest work on the FX thread when a screen first opens.
 */
public final class PulseSteps {
    private PulseSteps() {
    }

    /**
     * Starts the steps (call on the FX thread). The result completes on the FX thread after the last step ran, or
     * exceptionally with the first step that threw (the steps after it do not run).
     */
    public static CompletableFuture<Void> onePerPulse(List<Runnable> steps) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ArrayDeque<Runnable> left = new ArrayDeque<>(steps);
        new AnimationTimer() {
            private boolean skipped;

            @Override
            public void handle(long now) {
                if (!skipped) {
                    skipped = true; // the pulse that shows what is there already
                    return;
                }
                Runnable next = left.poll();
                try {
                    if (next != null) {
                        next.run();
                    }
                } catch (RuntimeException e) {
                    stop();
                    done.completeExceptionally(e);
                    return;
                }
                if (left.isEmpty()) {
                    stop();
                    done.complete(null);
                }
            }
        }.start();
        return done;
    }
}
