package org.perceptrix.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's dense layer with a leaner training step (docs/performance.md): the forward product is one direct
 * {@code sgemm}, bias and activation one Java pass over the result; backward reuses the forward output instead of
 * computing the product again, and skips the input gradient when nothing uses it (the first layer after the
 * network's input). The configuration, parameters and gradients are DL4J's own arrays, so saved models, the updater
 * and every other part of DL4J see an ordinary dense layer. Anything this class does not handle (masks, weight
 * noise, layer norm, other activations, odd layouts) goes to DL4J's implementation, and so does prediction. {@link FastLayers} swaps it in.
 */
final class FastDenseLayer extends DenseLayer {
    /** Set by {@link FastLayers} in a network whose convolutions train on oneDNN: products on its threads. */
    boolean oneDnnGemm;

    private final Activation activation;
    private final boolean inputGradientUnused;

    /** The input and output of the last training-mode forward pass, for the backward pass. */
    private INDArray forwardInput;
    private INDArray forwardOutput;

    private float[] bias;
    private float[] out;
    private float[] grad;
    private float[] biasGrad;

    FastDenseLayer(NeuralNetConfiguration conf, DataType dataType, Activation activation, boolean inputGradientUnused) {
        super(conf, dataType);
        this.activation = activation;
        this.inputGradientUnused = inputGradientUnused;
    }

    /** The activations this layer computes itself. */
    enum Activation {
        IDENTITY, RELU, SIGMOID, TANH
    }

    private boolean fastPath() {
        return maskArray == null && NativeMatrix.supported(input) && NativeMatrix.supported(getParam("W"));
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardInput = null;
        forwardOutput = null;
        assertInputSet(false);
        applyDropOutIfNecessary(training, workspaceMgr);
        // prediction is DL4J's own code, so that a trained network answers bit for bit as when loaded from its file
        if (!training || !fastPath()) return super.activate(training, workspaceMgr);
        INDArray w = getParam("W");
        int rows = (int) input.size(0);
        int cols = (int) w.size(1);
        INDArray result = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, new long[] {rows, cols}, 'c');
        NativeMatrix.gemm(input, false, w, false, result, 0f, oneDnnGemm);
        int n = rows * cols;
        out = NativeMatrix.atLeast(out, n);
        bias = NativeMatrix.atLeast(bias, cols);
        NativeMatrix.read(result, out, n);
        NativeMatrix.read(getParam("b"), bias, cols);
        apply(out, bias, rows, cols);
        NativeMatrix.write(out, result, n);
        forwardInput = input;
        forwardOutput = result;
        return result;
    }

    private void apply(float[] v, float[] b, int rows, int cols) {
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            switch (activation) {
                case IDENTITY -> {
                    for (int j = 0; j < cols; j++) v[at + j] += b[j];
                }
                case RELU -> {
                    for (int j = 0; j < cols; j++) v[at + j] = Math.max(0f, v[at + j] + b[j]);
                }
                case SIGMOID -> {
                    for (int j = 0; j < cols; j++) v[at + j] = (float) (1.0 / (1.0 + Math.exp(-(v[at + j] + b[j]))));
                }
                case TANH -> {
                    for (int j = 0; j < cols; j++) v[at + j] = (float) Math.tanh(v[at + j] + b[j]);
                }
            }
        }
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray output = forwardOutput;
        boolean reusable = output != null && forwardInput == input && maskArray == null && epsilon != null
                && epsilon.dataType() == DataType.FLOAT && NativeMatrix.supported(epsilon)
                && epsilon.size(0) == output.size(0) && epsilon.size(1) == output.size(1);
        forwardInput = null;
        forwardOutput = null;
        if (!reusable) return super.backpropGradient(epsilon, workspaceMgr);
        assertInputSet(true);
        if (!NativeMatrix.rowMajor(epsilon)) epsilon = epsilon.dup('c');
        int rows = (int) output.size(0);
        int cols = (int) output.size(1);
        int n = rows * cols;
        out = NativeMatrix.atLeast(out, n);
        grad = NativeMatrix.atLeast(grad, n);
        biasGrad = NativeMatrix.atLeast(biasGrad, cols);
        NativeMatrix.read(output, out, n);
        NativeMatrix.read(epsilon, grad, n);
        derivative(out, grad, n);
        float[] sums = biasGrad;
        java.util.Arrays.fill(sums, 0, cols, 0f);
        for (int r = 0, at = 0; r < rows; r++, at += cols) {
            for (int j = 0; j < cols; j++) sums[j] += grad[at + j];
        }
        INDArray delta = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, new long[] {rows, cols}, 'c');
        NativeMatrix.write(grad, delta, n);

        INDArray epsilonNext = DenseGradients.backward(input, delta, sums, getParam("W"), gradientViews,
                inputGradientUnused, oneDnnGemm, workspaceMgr);
        if (epsilonNext != null) epsilonNext = backpropDropOutIfPresent(epsilonNext);
        DefaultGradient ret = new DefaultGradient(); // DL4J's order: bias, then weights
        ret.gradientForVariable().put("b", gradientViews.get("b"));
        ret.gradientForVariable().put("W", gradientViews.get("W"));
        weightNoiseParams.clear();
        return new Pair<>(ret, epsilonNext);
    }

    /** {@code g[i] *= f'(z[i])}, written in terms of the activation's output {@code a[i] = f(z[i])}. */
    private void derivative(float[] a, float[] g, int n) {
        switch (activation) {
            case IDENTITY -> {
            }
            case RELU -> {
                // g where a > 0, else 0, without a branch (a wrong guess half the time on such data): a ReLU output
                // is +0 or positive, so -bits(a) is negative exactly when a > 0, and its sign spread over 32 bits
                // is the mask
                for (int i = 0; i < n; i++) {
                    g[i] = Float.intBitsToFloat(Float.floatToRawIntBits(g[i]) & (-Float.floatToRawIntBits(a[i]) >> 31));
                }
            }
            case SIGMOID -> {
                for (int i = 0; i < n; i++) g[i] *= a[i] * (1f - a[i]);
            }
            case TANH -> {
                for (int i = 0; i < n; i++) g[i] *= 1f - a[i] * a[i];
            }
        }
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardOutput = null;
    }
}
