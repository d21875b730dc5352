package org.perceptrix.train;

import java.util.Arrays;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.OutputLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's softmax output layer with cross-entropy loss (MCXENT), computed once per training step instead of three
 * times: DL4J's network computes this layer's product and softmax for the gradient and again for the score; here
 * the backward pass computes product, softmax, the loss and its gradient in one go and keeps the loss for the score
 * that follows. The arithmetic is DL4J's ({@code LossMCXENT}: gradient {@code p − y}, score {@code −Σ y·log p}
 * with p clipped to [eps, 1 − eps], divided by the batch size). Parameters and gradients are DL4J's own arrays.
 * Anything else (masks, weight noise, class weights, odd layouts) goes to DL4J's implementation, and so does prediction.
 */
final class FastSoftmaxOutputLayer extends OutputLayer {
    /** Set by {@link FastLayers} in a network whose convolutions train on oneDNN: products on its threads. */
    boolean oneDnnGemm;

    private final double clipEps;
    private final boolean inputGradientUnused;

    /** The loss summed over the batch by the last backward pass, and the input and labels it was for. */
    private double lossSum = Double.NaN;
    private INDArray lossInput;
    private INDArray lossLabels;

    private float[] bias;
    private float[] values;
    private float[] targets;
    private float[] biasGrad;

    FastSoftmaxOutputLayer(NeuralNetConfiguration conf, DataType dataType, double clipEps, boolean inputGradientUnused) {
        super(conf, dataType);
        this.clipEps = clipEps;
        this.inputGradientUnused = inputGradientUnused;
    }

    // Prediction (activate) is DL4J's own code, so a trained network answers bit for bit as when it is loaded
    // from its saved file; only the training step is computed here.

    private boolean fastPath() {
        return maskArray == null && NativeMatrix.supported(input) && NativeMatrix.supported(getParam("W"));
    }

    /** {@code x·W} into a new array of the given kind, and {@code x·W + b} into {@link #values}. */
    private INDArray logits(LayerWorkspaceMgr workspaceMgr, ArrayType kind) {
        INDArray w = getParam("W");
        int rows = (int) input.size(0);
        int cols = (int) w.size(1);
        INDArray z = workspaceMgr.createUninitialized(kind, DataType.FLOAT, new long[] {rows, cols}, 'c');
        NativeMatrix.gemm(input, false, w, false, z, 0f, oneDnnGemm);
        int n = rows * cols;
        values = NativeMatrix.atLeast(values, n);
        bias = NativeMatrix.atLeast(bias, cols);
        NativeMatrix.read(z, values, n);
        NativeMatrix.read(getParam("b"), bias, cols);
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int j = 0; j < cols; j++) values[at + j] += bias[j];
        }
        return z;
    }

    private static void softmax(float[] v, int rows, int cols) {
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = 0; j < cols; j++) max = Math.max(max, v[at + j]);
            double sum = 0;
            for (int j = 0; j < cols; j++) {
                float e = (float) Math.exp(v[at + j] - max);
                v[at + j] = e;
                sum += e;
            }
            float inv = (float) (1.0 / sum);
            for (int j = 0; j < cols; j++) v[at + j] *= inv;
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        lossInput = null;
        lossLabels = null;
        assertInputSet(true);
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray y = labels;
        if (!fastPath() || y == null || !NativeMatrix.supported(y) || !NativeMatrix.rowMajor(y)
                || y.size(0) != input.size(0) || y.size(1) != getParam("W").size(1)) {
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        INDArray delta = logits(workspaceMgr, ArrayType.BP_WORKING_MEM);
        int rows = (int) delta.size(0);
        int cols = (int) delta.size(1);
        int n = rows * cols;
        float[] p = values;
        softmax(p, rows, cols);
        targets = NativeMatrix.atLeast(targets, n);
        NativeMatrix.read(y, targets, n);
        biasGrad = NativeMatrix.atLeast(biasGrad, cols);
        Arrays.fill(biasGrad, 0, cols, 0f);
        float lo = (float) clipEps;
        float hi = (float) (1.0 - clipEps);
        double loss = 0;
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int j = 0; j < cols; j++) {
                float pj = p[at + j];
                float t = targets[at + j];
                if (t != 0f) loss -= t * Math.log(Math.min(hi, Math.max(lo, pj)));
                float d = pj - t;
                p[at + j] = d;
                biasGrad[j] += d;
            }
        }
        NativeMatrix.write(p, delta, n);

        INDArray epsilonNext = DenseGradients.backward(input, delta, biasGrad, getParam("W"), gradientViews,
                inputGradientUnused, oneDnnGemm, workspaceMgr);
        if (epsilonNext != null) epsilonNext = backpropDropOutIfPresent(epsilonNext);
        DefaultGradient ret = new DefaultGradient(); // DL4J's order: weights, then bias
        ret.gradientForVariable().put("W", gradientViews.get("W"));
        ret.gradientForVariable().put("b", gradientViews.get("b"));
        lossSum = loss;
        lossInput = input;
        lossLabels = y;
        return new Pair<>(ret, epsilonNext);
    }

    @Override
    public double computeScore(double fullNetRegTerm, boolean training, LayerWorkspaceMgr workspaceMgr) {
        boolean cached = training && lossInput != null && lossInput == input && lossLabels == labels && maskArray == null;
        double loss = lossSum;
        lossInput = null;
        lossLabels = null;
        if (!cached) return super.computeScore(fullNetRegTerm, training, workspaceMgr);
        double s = loss;
        if (conf().isMiniBatch()) s /= getInputMiniBatchSize();
        s += fullNetRegTerm;
        score = s;
        return s;
    }

    @Override
    public void clear() {
        super.clear();
        lossInput = null;
        lossLabels = null;
    }
}
