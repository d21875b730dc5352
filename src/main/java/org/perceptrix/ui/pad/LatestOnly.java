package org.perceptrix.ui.pad;

import java.util.concurrent.Executor;

/**
 * Runs bursts of requests on a background executor so that at most one runs at a time and only the newest waiting
 * one runs next: while the pad is drawn on, every mouse move asks for a prediction, and the ones overtaken before
 * they started are dropped.
 */
final class LatestOnly {
    private final Executor background;
    private Runnable waiting; // guarded by this
    private boolean running; // guarded by this

    LatestOnly(Executor background) {
        this.background = background;
    }

    /** Runs {@code job} after the one under way, replacing any job still waiting. */
    void submit(Runnable job) {
        synchronized (this) {
            waiting = job;
            if (running) return;
            running = true;
        }
        background.execute(this::drain);
    }

    private void drain() {
        while (true) {
            Runnable job;
            synchronized (this) {
                job = waiting;
                waiting = null;
                if (job == null) {
                    running = false;
                    return;
                }
            }
            job.run();
        }
    }
}
