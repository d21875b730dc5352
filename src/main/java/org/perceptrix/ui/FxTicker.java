package org.perceptrix.ui;

import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import javafx.application.Platform;

/**
 * Runs an action on the FX thread every period while started, timed by one shared daemon thread. Unlike an
 * {@code AnimationTimer} or a {@code Timeline} it does not keep JavaFX pulsing 60 times a second (any running
 * animation does, even one whose key frame comes every 30 s): a view that refreshes 10 times a second while training
 * wakes the FX thread only then, and leaves the cores to training. At most one tick waits at a time,
 * so a busy FX thread is never flooded. Start and stop on the FX thread; no tick runs the action after a stop.
 */
public final class FxTicker {
    private static final ScheduledExecutorService TIMER = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "perceptrix-fx-ticker");
        t.setDaemon(true);
        return t;
    });

    private final long periodMillis;
    private final Runnable action;
    private final Executor fx;
    private final AtomicBoolean queued = new AtomicBoolean();
    private ScheduledFuture<?> ticking;

    /** Ticks through {@link Platform#runLater}. */
    public FxTicker(long periodMillis, Runnable action) {
        this(periodMillis, action, Platform::runLater);
    }

    FxTicker(long periodMillis, Runnable action, Executor fx) {
        if (periodMillis <= 0) throw new IllegalArgumentException("period must be positive, not " + periodMillis);
        this.periodMillis = periodMillis;
        this.action = action;
        this.fx = fx;
    }

    /** Starts ticking, the first tick one period from now; does nothing when already started. */
    public void start() {
        if (ticking != null) return;
        ticking = TIMER.scheduleAtFixedRate(this::tick, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    /** Stops ticking; a tick already handed to the FX thread does nothing. */
    public void stop() {
        if (ticking == null) return;
        ticking.cancel(false);
        ticking = null;
    }

    public boolean isRunning() { return ticking != null; }

    private void tick() {
        if (!queued.compareAndSet(false, true)) return;
        fx.execute(() -> {
            queued.set(false);
            if (ticking != null) action.run();
        });
    }
}
