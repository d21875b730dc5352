package org.perceptrix.ui.training;

import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.perceptrix.data.DataLoader;

/**
 * Loads ND4J's natives and the bundled digits on a daemon thread once the window shows, so the window appears at
 * once and the first Train press does not wait a second or more for them.
 */
public final class EngineWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(EngineWarmup.class);

    private EngineWarmup() {
    }

    public static void start() {
        Thread t = new Thread(() -> {
            long t0 = System.nanoTime();
            try {
                Nd4j.create(new float[] {1f, 2f}).sumNumber();
                DataLoader.bundledMnist();
                LOG.info("Engine warmed up in {} ms", (System.nanoTime() - t0) / 1_000_000);
            } catch (RuntimeException | LinkageError e) {
                LOG.warn("Could not warm up the engine: {}", e.toString());
            }
        }, "perceptrix-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }
}
