package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** {@link OneDnnConvPool} against the definitions, written out as plain loops. */
class OneDnnConvPoolTest {

    @Test
    void forwardAndBackwardMatchTheDefinitions() {
        assumeTrue(OneDnn.available());
        check(2, 3, 8, 8, 4, 3, 1, 0, 2, true);
        check(3, 1, 12, 12, 5, 5, 1, 0, 2, false);
        check(2, 2, 11, 11, 3, 3, 2, 1, 2, true);
    }

    private static void check(int n, int c, int h, int w, int f, int k, int s, int pad, int pool, boolean inputGradient) {
        Random r = new Random(n * 31 + c);
        float[] x = random(r, n * c * h * w);
        float[] wt = random(r, f * c * k * k);
        float[] b = random(r, f);
        OneDnnConvPool unit = new OneDnnConvPool(c, f, new int[] {k, k}, new int[] {s, s}, new int[] {pad, pad},
                new int[] {pool, pool}, inputGradient);
        long[] inShape = {n, c, h, w};
        assertThat(unit.handles(inShape)).isTrue();
        long[] convShape = unit.convolutionOutput(n, h, w);
        long[] poolShape = unit.pooledShape(inShape);
        int oh = (int) convShape[2];
        int ow = (int) convShape[3];
        int ph = (int) poolShape[2];
        int pw = (int) poolShape[3];
        // reference forward
        float[] conv = new float[n * f * oh * ow];
        for (int i = 0; i < n; i++) for (int o = 0; o < f; o++) for (int y = 0; y < oh; y++) for (int z = 0; z < ow; z++) {
            float sum = b[o];
            for (int ch = 0; ch < c; ch++) for (int u = 0; u < k; u++) for (int v = 0; v < k; v++) {
                int yy = y * s + u - pad;
                int zz = z * s + v - pad;
                if (yy >= 0 && yy < h && zz >= 0 && zz < w) sum += wt[((o * c + ch) * k + u) * k + v] * x[((i * c + ch) * h + yy) * w + zz];
            }
            conv[((i * f + o) * oh + y) * ow + z] = Math.max(0f, sum);
        }
        float[] pooled = new float[n * f * ph * pw];
        int[] at = new int[pooled.length];
        for (int p = 0; p < n * f; p++) for (int y = 0; y < ph; y++) for (int z = 0; z < pw; z++) {
            int best = p * oh * ow + (y * pool) * ow + z * pool;
            for (int u = 0; u < pool; u++) for (int v = 0; v < pool; v++) {
                int q = p * oh * ow + (y * pool + u) * ow + z * pool + v;
                if (conv[q] > conv[best]) best = q;
            }
            pooled[(p * ph + y) * pw + z] = conv[best];
            at[(p * ph + y) * pw + z] = best;
        }
        INDArray xa = Nd4j.create(x, inShape, 'c');
        INDArray wa = Nd4j.create(wt, new long[] {f, c, k, k}, 'c');
        INDArray ba = Nd4j.create(b, new long[] {1, f}, 'c');
        INDArray convOut = Nd4j.create(DataType.FLOAT, convShape);
        INDArray pooledOut = Nd4j.create(DataType.FLOAT, poolShape);
        unit.forward(xa, wa, ba, pooledOut);
        assertThat(maxDiff(pooledOut, pooled)).as("pooled output").isLessThan(1e-4);
        unit.convolutionOutput(convOut);
        assertThat(maxDiff(convOut, conv)).as("convolution output").isLessThan(1e-4);
        // reference backward
        float[] eps = random(r, pooled.length);
        float[] delta = new float[conv.length];
        for (int q = 0; q < pooled.length; q++) if (pooled[q] > 0) delta[at[q]] += eps[q];
        float[] dW = new float[wt.length];
        float[] db = new float[f];
        float[] dx = new float[x.length];
        for (int i = 0; i < n; i++) for (int o = 0; o < f; o++) for (int y = 0; y < oh; y++) for (int z = 0; z < ow; z++) {
            float d = delta[((i * f + o) * oh + y) * ow + z];
            db[o] += d;
            for (int ch = 0; ch < c; ch++) for (int u = 0; u < k; u++) for (int v = 0; v < k; v++) {
                int yy = y * s + u - pad;
                int zz = z * s + v - pad;
                if (yy >= 0 && yy < h && zz >= 0 && zz < w) {
                    dW[((o * c + ch) * k + u) * k + v] += d * x[((i * c + ch) * h + yy) * w + zz];
                    dx[((i * c + ch) * h + yy) * w + zz] += d * wt[((o * c + ch) * k + u) * k + v];
                }
            }
        }
        INDArray dWa = Nd4j.create(DataType.FLOAT, f, c, k, k);
        INDArray dba = Nd4j.create(DataType.FLOAT, 1, f);
        INDArray dxa = Nd4j.create(DataType.FLOAT, inShape);
        INDArray epsArray = Nd4j.create(eps, poolShape, 'c');
        unit.backwardPooling(epsArray);
        epsArray.assign(Float.NaN); // read once: the convolution's half must not need it
        unit.backwardConvolution(xa, dWa, dba, dxa);
        assertThat(maxDiff(dba, db)).as("bias gradient").isLessThan(1e-3);
        assertThat(maxDiff(dWa, dW)).as("weight gradient").isLessThan(1e-3);
        if (inputGradient) assertThat(maxDiff(dxa, dx)).as("input gradient").isLessThan(1e-3);
    }

    /**
     * Two units where the second convolution reads the first pooling's output: linked (the data between them stays
     * in oneDNN's layout) and not linked give the same outputs and gradients, over two steps (the plain copy of the
     * first pooled output is skipped from the second step on, and written on request).
     */
    @Test
    void chainedUnitsGiveWhatUnchainedOnesGive() {
        assumeTrue(OneDnn.available());
        Random r = new Random(7);
        float[] x = random(r, 4 * 2 * 12 * 12);
        float[] w1 = random(r, 20 * 2 * 3 * 3);
        float[] b1 = random(r, 20);
        float[] w2 = random(r, 18 * 20 * 3 * 3);
        float[] b2 = random(r, 18);
        float[] eps = random(r, 4 * 18 * 2 * 2);
        float[][] linked = twoUnits(true, x, w1, b1, w2, b2, eps);
        float[][] plain = twoUnits(false, x, w1, b1, w2, b2, eps);
        for (int i = 0; i < linked.length; i++) {
            float max = 0;
            for (int j = 0; j < plain[i].length; j++) max = Math.max(max, Math.abs(linked[i][j] - plain[i][j]));
            assertThat(max).as("array %d", i).isLessThan(1e-4f);
        }
    }

    /** Pooled output of the first unit, both units' weight and bias gradients after the second of two steps. */
    private static float[][] twoUnits(boolean link, float[] x, float[] w1, float[] b1, float[] w2, float[] b2,
            float[] eps) {
        OneDnnConvPool first = new OneDnnConvPool(2, 20, new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1},
                new int[] {2, 2}, false);
        OneDnnConvPool second = new OneDnnConvPool(20, 18, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {2, 2}, true);
        if (link) second.upstream = first;
        INDArray xa = Nd4j.create(x, new long[] {4, 2, 12, 12}, 'c');
        INDArray[] grads = {Nd4j.create(DataType.FLOAT, 20, 2, 3, 3), Nd4j.create(DataType.FLOAT, 1, 20),
                Nd4j.create(DataType.FLOAT, 18, 20, 3, 3), Nd4j.create(DataType.FLOAT, 1, 18)};
        INDArray pooled1 = null;
        for (int step = 0; step < 2; step++) {
            pooled1 = Nd4j.create(DataType.FLOAT, first.pooledShape(xa.shape()));
            first.forward(xa, Nd4j.create(w1, new long[] {20, 2, 3, 3}, 'c'), Nd4j.create(b1, new long[] {1, 20}, 'c'), pooled1);
            INDArray pooled2 = Nd4j.create(DataType.FLOAT, second.pooledShape(pooled1.shape()));
            second.forward(pooled1, Nd4j.create(w2, new long[] {18, 20, 3, 3}, 'c'), Nd4j.create(b2, new long[] {1, 18}, 'c'),
                    pooled2);
            second.backwardPooling(Nd4j.create(eps, pooled2.shape(), 'c'));
            INDArray gradAtPooled1 = Nd4j.create(DataType.FLOAT, pooled1.shape());
            second.backwardConvolution(pooled1, grads[2], grads[3], gradAtPooled1);
            first.backwardPooling(gradAtPooled1);
            first.backwardConvolution(xa, grads[0], grads[1], Nd4j.create(DataType.FLOAT, xa.shape()));
        }
        assertThat(second.chainedSteps).isEqualTo(link ? 2 : 0);
        first.pooledOutputInto(pooled1); // written on request where the second unit read oneDNN's copy
        float[][] out = new float[5][];
        out[0] = pooled1.dup('c').data().asFloat();
        for (int i = 0; i < 4; i++) out[i + 1] = grads[i].dup('c').data().asFloat();
        first.release();
        second.release();
        return out;
    }

    private static float[] random(Random r, int length) {
        float[] a = new float[length];
        for (int i = 0; i < length; i++) a[i] = (float) r.nextGaussian();
        return a;
    }

    private static double maxDiff(INDArray a, float[] expected) {
        float[] actual = a.dup('c').data().asFloat();
        double m = 0;
        for (int i = 0; i < expected.length; i++) m = Math.max(m, Math.abs(actual[i] - expected[i]));
        return m;
    }
}
