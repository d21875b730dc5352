package org.perceptrix.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * Chooses, while a network trains, how many threads the BLAS products use, by timing the training steps themselves
 * (docs/performance.md). On a 2-core machine a step's products are small enough that a second BLAS thread only
 * pays when that core is otherwise idle: with other work on the machine, one thread made MLP steps about twice as
 * fast; on a quiet machine two may be faster. So the tuner alternates short blocks of steps with all threads and
 * with one, keeps whichever had the lower median step time, and checks again every few hundred steps, since the
 * machine's load changes. The count is restored when training ends. oneDNN's convolutions have their own OpenMP
 * threads and are not affected.
 */
final class BlasThreadTuner implements AutoCloseable {
    static final int WARM_UP = 10;
    static final int BLOCK = 4;
    static final int ROUNDS = 3;
    static final int STEADY = 300;

    private final int original;
    private final IntConsumer setThreads;
    private final int[] candidates;
    private final List<List<Long>> times = new ArrayList<>();
    private int step;
    private int trialStart = WARM_UP;
    private int chosen;
    private int current;

    /** Tunes between {@code threads} (the BLAS library's count now) and 1, setting counts through {@code setThreads}. */
    BlasThreadTuner(int threads, IntConsumer setThreads) {
        this.original = threads;
        this.setThreads = setThreads;
        this.candidates = threads > 1 ? new int[] {threads, 1} : new int[] {threads};
        this.chosen = threads;
        this.current = threads;
        for (int i = 0; i < candidates.length; i++) times.add(new ArrayList<>());
    }

    /** The kill switch: {@code -Dperceptrix.blasTuning=false} leaves the BLAS thread count alone. */
    public static final String PROPERTY = "perceptrix.blasTuning";

    /** A tuner for ND4J's BLAS library (one that changes nothing when switched off). */
    static BlasThreadTuner forNd4j() {
        org.nd4j.linalg.api.blas.Blas blas = org.nd4j.linalg.factory.Nd4j.factory().blas();
        boolean on = !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
        return new BlasThreadTuner(on ? blas.getMaxThreads() : 1, blas::setMaxThreads);
    }

    /** Call before each training step: sets the thread count that step should use. */
    void beforeStep() {
        int want = candidates.length < 2 || step < trialStart ? chosen : candidates[trialBlock() % 2];
        if (want != current) {
            setThreads.accept(want);
            current = want;
        }
    }

    /** Call after each training step with how long it took. */
    void afterStep(long nanos) {
        if (candidates.length > 1 && step >= trialStart) {
            int block = trialBlock();
            times.get(block % 2).add(nanos);
            if (block == 2 * ROUNDS - 1 && (step - trialStart + 1) % BLOCK == 0) decide();
        }
        step++;
    }

    private int trialBlock() {
        return (step - trialStart) / BLOCK;
    }

    private void decide() {
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates.length; i++) {
            double m = median(times.get(i));
            if (m < best) {
                best = m;
                chosen = candidates[i];
            }
            times.get(i).clear();
        }
        trialStart = step + 1 + STEADY;
    }

    /** The thread count chosen so far. */
    int chosen() {
        return chosen;
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(v);
        return v.length == 0 ? Double.POSITIVE_INFINITY : v[v.length / 2];
    }

    /** Gives the BLAS library its thread count back. */
    @Override
    public void close() {
        if (current != original) setThreads.accept(original);
        current = original;
    }
}
