package org.perceptrix.cli;

import java.io.PrintWriter;

import org.perceptrix.train.TrainingEvent;

/** A one-line progress bar with ETA, redrawn in place on a terminal at most a few times a second. */
final class Progress {
    private static final int WIDTH = 30;
    private final PrintWriter err;
    private final boolean terminal;
    private long epochStart = System.nanoTime();
    private int lastEpoch;
    private long lastDraw;
    private boolean drawn;

    Progress(PrintWriter err, boolean terminal) {
        this.err = err;
        this.terminal = terminal;
    }

    void iteration(TrainingEvent.Iteration it) {
        if (!terminal) return;
        long now = System.nanoTime();
        if (it.epoch() != lastEpoch) {
            lastEpoch = it.epoch();
            epochStart = now;
        }
        if (now - lastDraw < 200_000_000L && it.examplesSeen() < it.examplesPerEpoch()) return;
        lastDraw = now;
        double done = (double) it.examplesSeen() / it.examplesPerEpoch();
        int filled = (int) Math.round(done * WIDTH);
        double elapsed = (now - epochStart) / 1e9;
        double perEpoch = done > 0 ? elapsed / done : 0;
        long eta = Math.round(perEpoch * (1 - done) + perEpoch * (it.epochs() - it.epoch()));
        err.printf("\repoch %d/%d [%s%s] %3.0f%%  loss %.4f  ETA %d:%02d ", it.epoch(), it.epochs(), "#".repeat(filled),
                "-".repeat(WIDTH - filled), 100 * done, it.loss(), eta / 60, eta % 60);
        err.flush();
        drawn = true;
    }

    /** Wipes the bar so that a normal line can be printed. */
    void clear() {
        if (drawn) {
            err.print("\r" + " ".repeat(WIDTH + 50) + "\r");
            err.flush();
            drawn = false;
        }
    }
}
