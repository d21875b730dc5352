package org.perceptrix.train;

import java.nio.FloatBuffer;

import org.deeplearning4j.nn.api.Updater;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.nn.updater.UpdaterBlock;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.AdamUpdater;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;

/**
 * DL4J's Adam step computed in a plain Java loop. ND4J M2.1's {@code adam_updater} op runs a scalar loop (about
 * 3 ns per parameter here, 17–31% of an MLP training step); the same arithmetic over float arrays is vectorised by
 * the JIT and, with the copies in and out of the native buffers, takes less than half the time (docs/performance.md).
 * It is swapped in for DL4J's {@link AdamUpdater} inside a network's updater blocks, so the network's configuration,
 * saved models and the updater state (the same {@code m} and {@code v} views) stay exactly DL4J's. Arrays it cannot
 * read directly (not float, not contiguous) go to DL4J's op. {@code -Dperceptrix.fastAdam=false} turns it off.
 */
public final class FastAdam extends AdamUpdater {
    /** The kill switch: {@code -Dperceptrix.fastAdam=false} keeps DL4J's own Adam op. */
    public static final String PROPERTY = "perceptrix.fastAdam";

    private float[] g = new float[0];
    private float[] p = new float[0];
    /**
     * The state ({@code m}, {@code v}) kept in Java between steps, read from DL4J's state arrays at the first step and
     * written back by {@link #flush}: two fewer reads and writes of native memory per parameter and step (a fifth of
     * an MLP step went to this updater). Null until the first step, and again whenever DL4J sets the state.
     */
    private float[] m;
    private float[] v;

    FastAdam(AdamUpdater dl4j) {
        super(dl4j.getConfig());
        setM(dl4j.getM());
        setV(dl4j.getV());
        setGradientReshapeOrder(dl4j.getGradientReshapeOrder());
    }

    /** Whether {@link #install} will swap the updaters in (the system property is not {@code false}). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /**
     * Replaces DL4J's Adam in every updater block of {@code net} (a freshly initialised network) with this one;
     * returns how many blocks were changed (0 when disabled or when the network does not use Adam).
     */
    public static int install(ComputationGraph net) {
        if (!enabled()) return 0;
        FusedAdamUpdater.install(net); // when the network has no updater yet; it falls back to DL4J's path by itself
        Updater updater = net.getUpdater(true);
        if (!(updater instanceof BaseMultiLayerUpdater<?> multi)) return 0;
        int changed = 0;
        for (UpdaterBlock block : multi.getUpdaterBlocks()) {
            if (block.getGradientUpdater() == null) block.init();
            GradientUpdater<?> u = block.getGradientUpdater();
            if (u != null && u.getClass() == AdamUpdater.class) {
                block.setGradientUpdater(new FastAdam((AdamUpdater) u));
                changed++;
            }
        }
        return changed;
    }

    /** Drops the Java copy of the state when DL4J sets new state arrays. */
    @Override
    public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder, boolean initialize) {
        flush();
        super.setStateViewArray(viewArray, gradientShape, gradientOrder, initialize);
        m = null;
        v = null;
    }

    /**
     * Writes the state kept in Java back into DL4J's state arrays, so that saving the model (with its updater
     * state), cloning it or reading the state sees the latest values. Cheap; call it when a run or epoch ends.
     */
    void flush() {
        float[] ms = m;
        float[] vs = v;
        INDArray mState = getM();
        INDArray vState = getV();
        if (ms == null || vs == null || mState == null || vState == null) return;
        int n = (int) mState.length();
        if (ms.length != n || vs.length != n) return;
        mState.data().asNioFloat().put((int) mState.offset(), ms, 0, n);
        vState.data().asNioFloat().put((int) vState.offset(), vs, 0, n);
    }

    /** {@link #flush} for every {@code FastAdam} in {@code net}'s updater. */
    static void flush(ComputationGraph net) {
        forEach(net, FastAdam::flush);
    }

    /**
     * {@link #flush}, then gives the Java arrays back for the next network to train (a run has ended): each run
     * allocating its own, megabytes for a LeNet, grew the soak benchmark's process by tens of MB over 20 runs as the
     * collector touched new heap pages. A later step reads the state from DL4J's arrays again.
     */
    static void release(ComputationGraph net) {
        forEach(net, f -> {
            f.flush();
            Scratch.give(f.m);
            Scratch.give(f.v);
            Scratch.give(f.g);
            Scratch.give(f.p);
            f.m = null;
            f.v = null;
            f.g = new float[0];
            f.p = new float[0];
        });
    }

    private static void forEach(ComputationGraph net, java.util.function.Consumer<FastAdam> action) {
        Updater updater = net.getUpdater(false);
        if (!(updater instanceof BaseMultiLayerUpdater<?> multi)) return;
        for (UpdaterBlock block : multi.getUpdaterBlocks()) {
            if (block.getGradientUpdater() instanceof FastAdam f) action.accept(f);
        }
    }

    /** Arrays given back by {@link #release}, by length, for the next run (at most {@link #KEEP} values kept). */
    private static final class Scratch {
        private static final long KEEP = 16L << 20;
        private static final java.util.Map<Integer, java.util.ArrayDeque<float[]>> FREE = new java.util.HashMap<>();
        private static long kept;

        static synchronized float[] take(int length) {
            java.util.ArrayDeque<float[]> q = FREE.get(length);
            float[] a = q == null ? null : q.pollLast();
            if (a == null) return new float[length];
            kept -= length;
            return a;
        }

        static synchronized void give(float[] a) {
            if (a == null || a.length == 0 || kept + a.length > KEEP) return;
            kept += a.length;
            FREE.computeIfAbsent(a.length, k -> new java.util.ArrayDeque<>()).add(a);
        }
    }

    @Override
    public void applyUpdater(INDArray gradient, int iteration, int epoch) {
        if (!step(gradient, null, iteration, epoch, 1f, null)) super.applyUpdater(gradient, iteration, epoch);
    }

    /**
     * The same Adam step fused with the work DL4J's updater and solver do around it ({@link FusedAdamUpdater}): the
     * gradient is first divided by {@code divisor} (DL4J's division by the batch size) and the update is subtracted
     * from {@code params} at once, in the same pass, instead of being left in {@code gradient} for DL4J's step
     * function. Returns false, changing nothing, when an array cannot be read directly.
     */
    boolean applyFused(INDArray gradient, INDArray params, int iteration, int epoch, float divisor) {
        return step(gradient, params, iteration, epoch, divisor, null);
    }

    /**
     * {@link #applyFused}, also adding the squared norms of the parameters before the step and of the step itself to
     * {@code norms[0]} and {@code norms[1]} (the update-to-parameter ratio, without another pass over the arrays).
     */
    boolean applyFused(INDArray gradient, INDArray params, int iteration, int epoch, float divisor, double[] norms) {
        return step(gradient, params, iteration, epoch, divisor, norms);
    }

    /** Whether {@link #applyFused} can work on these arrays. */
    boolean canFuse(INDArray gradient, INDArray params) {
        int n = (int) gradient.length();
        return readable(gradient, n) && readable(params, n) && readable(getM(), n) && readable(getV(), n);
    }

    private boolean step(INDArray gradient, INDArray params, int iteration, int epoch, float divisor, double[] norms) {
        INDArray mState = getM();
        INDArray vState = getV();
        int n = (int) gradient.length();
        if (!readable(gradient, n) || !readable(mState, n) || !readable(vState, n)
                || (params != null && !readable(params, n))) {
            return false;
        }
        Adam c = getConfig();
        float beta1 = (float) c.getBeta1();
        float beta2 = (float) c.getBeta2();
        float epsilon = (float) c.getEpsilon();
        if (epsilon == 0f) epsilon = 1e-7f; // as the native op
        double lr = c.getLearningRate(iteration, epoch);
        // the native op's bias correction, with its iteration + 1
        float alpha = (float) (lr * Math.sqrt(1.0 - Math.pow(beta2, iteration + 1.0))
                / (1.0 - Math.pow(beta1, iteration + 1.0)));
        if (Float.isNaN(alpha) || Float.isInfinite(alpha) || alpha == 0f) alpha = epsilon;
        FloatBuffer gb = gradient.data().asNioFloat();
        FloatBuffer pb = params == null ? null : params.data().asNioFloat();
        int go = (int) gradient.offset();
        int po = params == null ? 0 : (int) params.offset();
        if (m == null || m.length != n || v == null || v.length != n) {
            m = Scratch.take(n);
            v = Scratch.take(n);
            mState.data().asNioFloat().get((int) mState.offset(), m, 0, n);
            vState.data().asNioFloat().get((int) vState.offset(), v, 0, n);
        }
        if (g.length != n) g = Scratch.take(n);
        if (params != null && p.length != n) p = Scratch.take(n);
        float[] gs = g;
        float[] ms = m;
        float[] vs = v;
        float[] ps = p;
        float oneMinusBeta1 = 1f - beta1;
        float oneMinusBeta2 = 1f - beta2;
        // whole arrays, all indexed alike, so that the JIT vectorises every loop
        gb.get(go, gs, 0, n);
        if (divisor != 1f) {
            for (int i = 0; i < n; i++) gs[i] /= divisor;
        }
        for (int i = 0; i < n; i++) {
            float gi = gs[i];
            float mi = beta1 * ms[i] + gi * oneMinusBeta1;
            float vi = beta2 * vs[i] + gi * gi * oneMinusBeta2;
            ms[i] = mi;
            vs[i] = vi;
            gs[i] = mi * alpha / ((float) Math.sqrt(vi) + epsilon);
        }
        if (pb == null) {
            gb.put(go, gs, 0, n);
        } else {
            pb.get(po, ps, 0, n);
            if (norms != null) {
                double pp = 0;
                double uu = 0;
                for (int i = 0; i < n; i++) {
                    pp += ps[i] * ps[i];
                    uu += gs[i] * gs[i];
                }
                norms[0] += pp;
                norms[1] += uu;
            }
            for (int i = 0; i < n; i++) ps[i] -= gs[i];
            pb.put(po, ps, 0, n);
        }
        return true;
    }

    /** Float, dense and laid out as one run of {@code n} values in its buffer. */
    private static boolean readable(INDArray a, int n) {
        return a != null && a.dataType() == DataType.FLOAT && a.length() == n && a.elementWiseStride() == 1
                && (a.isVector() || a.isScalar()) && a.offset() + n <= a.data().length() + a.data().offset()
                && a.offset() + n <= a.data().asNioFloat().capacity();
    }
}
