package org.perceptrix.train;

import java.util.function.IntConsumer;

/**
 * One BLAS thread while a network trains on a machine with at most two cores, the count given back afterwards
 * (docs/performance.md). A training step's products are small, and a second OpenBLAS thread has to share the other
 * core with the JVM's own threads (JIT compiler, garbage collector) and ND4J's OpenMP threads: when it is not
 * scheduled at once, the product waits for it for a scheduler tick, and steps of 0.5 ms took 4–8 ms. Measured here
 * on a quiet 2-core machine, alternating in one JVM, one thread was faster in 10 of 10 pairs (MLP 472–630 µs a step
 * against 577–1,041 µs; LeNet 10.3–13.7 ms against 11.4–17.8 ms). oneDNN's convolutions use their own OpenMP threads
 * and are not affected. {@code -Dperceptrix.blasSingleThread=false} leaves the count alone.
 */
final class TrainingBlasThreads implements AutoCloseable {
    /** The kill switch: {@code -Dperceptrix.blasSingleThread=false} keeps the BLAS library's thread count. */
    public static final String PROPERTY = "perceptrix.blasSingleThread";

    private final int original;
    private final int used;
    private final IntConsumer setThreads;

    TrainingBlasThreads(int threads, int cores, boolean enabled, IntConsumer setThreads) {
        this.original = threads;
        this.used = enabled && cores <= 2 && threads > 1 ? 1 : threads;
        this.setThreads = setThreads;
        if (used != original) setThreads.accept(used);
    }

    /** For ND4J's BLAS library on this machine. */
    static TrainingBlasThreads forNd4j() {
        org.nd4j.linalg.api.blas.Blas blas = org.nd4j.linalg.factory.Nd4j.factory().blas();
        return new TrainingBlasThreads(blas.getMaxThreads(), Runtime.getRuntime().availableProcessors(),
                !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true")), blas::setMaxThreads);
    }

    /** The thread count in force while training. */
    int threads() {
        return used;
    }

    /** Gives the BLAS library its thread count back. */
    @Override
    public void close() {
        if (used != original) setThreads.accept(original);
    }
}
