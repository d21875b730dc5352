package org.perceptrix.train;

import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.ConvolutionLayer;
import org.deeplearning4j.nn.layers.mkldnn.MKLDNNConvHelper;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * DL4J's 2-D convolution layer on its oneDNN helper, without the second forward pass in training: DL4J's backward
 * pass computes the convolution (and its activation) again from the input before it can take the activation's
 * derivative (docs/performance.md: a whole oneDNN forward convolution plus its layout reorders per layer per step).
 * Here the training-mode forward result is kept and the derivative is taken from it (ReLU's from its output, which
 * is positive exactly where its input was), then the same oneDNN backward call as DL4J's is made. Prediction, other
 * activations, masks, weight noise, layouts other than NCHW and networks without the oneDNN helper are DL4J's own.
 */
final class FastConvolutionLayer extends ConvolutionLayer {
    private final boolean inputGradientUnused;
    private INDArray forwardInput;
    private INDArray forwardOutput;
    /**
     * Set by the {@link FastMaxPoolLayer} this layer feeds when its backward pass has already applied this layer's
     * ReLU derivative to the gradient it passes back; read (and reset) by this layer's next backward pass.
     */
    boolean derivativeTakenByPool;
    /**
     * Set by {@link FastLayers} when this layer feeds a max pooling that oneDNN can run with it directly: then a
     * training step's convolution, ReLU and pooling all run there ({@link OneDnnConvPool}).
     */
    OneDnnConvPool unit;
    /** The batch normalisation between this layer and its pooling, when {@link #unit} runs it too; else null. */
    FastBatchNormLayer batchNorm;
    /** The input (after dropout), output and pooled output of the last forward pass through {@link #unit}. */
    private INDArray unitInput;
    private INDArray unitOutput;
    private INDArray unitPooled;
    /** Set when the pooling has run its half of the backward pass ({@link #backpropPooling}); not read after that. */
    private boolean unitGradientReady;
    /** How many training steps ran through {@link #unit} (for tests). */
    int unitSteps;

    FastConvolutionLayer(NeuralNetConfiguration conf, DataType dataType, boolean inputGradientUnused) {
        super(conf, dataType);
        this.inputGradientUnused = inputGradientUnused;
    }

    /** Whether nothing reads the gradient at this layer's input (it reads the network's input). */
    boolean inputGradientUnused() {
        return inputGradientUnused;
    }

    /** Whether this layer's helper is DL4J's oneDNN one (what the fast backward pass calls). */
    boolean hasOneDnnHelper() {
        return helper instanceof MKLDNNConvHelper;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardInput = null;
        forwardOutput = null;
        unitInput = unitOutput = unitPooled = null;
        unitGradientReady = false;
        if (training && unit != null && maskArray == null && helperCountFail == 0 && input != null && input.rank() == 4
                && input.dataType() == DataType.FLOAT && unit.handles(input.shape())
                && NativeMatrix.denseRowMajor(getParam("W")) && NativeMatrix.denseRowMajor(getParam("b"))
                && (!unit.batchNorm() || batchNormReadable())) {
            return activateThroughUnit(workspaceMgr);
        }
        // an upstream oneDNN unit may have left its pooled output (this layer's input) in oneDNN's layout only
        if (unit != null && unit.upstream != null) unit.upstream.pooledOutputInto(input);
        INDArray out = super.activate(training, workspaceMgr);
        if (training && maskArray == null && helperCountFail == 0) {
            forwardInput = input; // after dropout, as DL4J's backward pass would see it
            forwardOutput = out;
        }
        return out;
    }

    private boolean batchNormReadable() {
        if (batchNorm == null) return false;
        for (String name : new String[] {"gamma", "beta"}) {
            INDArray p = batchNorm.param(name);
            INDArray g = batchNorm.gradientView(name);
            if (p == null || g == null || !NativeMatrix.denseRowMajor(p) || !NativeMatrix.denseRowMajor(g)) return false;
        }
        return true;
    }

    /** Whether the pooling has run its half of this step's backward pass in {@link #unit}. */
    boolean unitGradientReady() {
        return unitGradientReady;
    }

    private INDArray activateThroughUnit(LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        applyDropOutIfNecessary(true, workspaceMgr);
        INDArray x = NativeMatrix.denseRowMajor(input) ? input : input.dup('c');
        long[] shape = x.shape();
        INDArray out = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT,
                unit.convolutionOutput(shape[0], shape[2], shape[3]), 'c');
        INDArray pooled = workspaceMgr.createUninitialized(ArrayType.ACTIVATIONS, DataType.FLOAT, unit.pooledShape(shape), 'c');
        if (unit.batchNorm()) { // out stays unwritten: see unitOutputInto
            unit.forward(x, getParam("W"), getParam("b"), pooled, batchNorm.param("gamma"), batchNorm.param("beta"),
                    batchNorm.gradientView("gamma"), batchNorm.gradientView("beta"));
        } else {
            unit.forward(x, getParam("W"), getParam("b"), pooled);
        }
        unitInput = x;
        unitOutput = out;
        unitPooled = pooled;
        return out;
    }

    /**
     * Writes the last forward pass's real output into {@code array} when that pass ran through {@link #unit} (whose
     * output array is left unwritten, as the pooling reads oneDNN's copy) and {@code array} has its shape: for a
     * pooling that is handed something other than that output array and falls back to DL4J's own pooling. Returns
     * whether it did.
     */
    boolean unitOutputInto(INDArray array) {
        if (unitOutput == null || array == null || !java.util.Arrays.equals(array.shape(), unitOutput.shape())
                || array.dataType() != DataType.FLOAT || !NativeMatrix.denseRowMajor(array)) {
            return false;
        }
        unit.convolutionOutput(array);
        return true;
    }

    /**
     * The pooled output of the forward pass that produced {@code output} through {@link #unit}, or null when
     * {@code output} is not this layer's latest such output.
     */
    INDArray unitPooled(INDArray output) {
        return output != null && output == unitOutput ? unitPooled : null;
    }

    /**
     * The pooling's half of the backward pass through {@link #unit}, from the gradient at the pooled output (read
     * now), after {@link #unitPooled} said yes; this layer's next backward pass does the rest.
     */
    void backpropPooling(INDArray pooledGradient) {
        unit.backwardPooling(pooledGradient);
        unitGradientReady = true;
    }

    private Pair<Gradient, INDArray> backpropThroughUnit(LayerWorkspaceMgr workspaceMgr) {
        INDArray x = unitInput;
        unitInput = unitOutput = unitPooled = null;
        unitGradientReady = false;
        INDArray weightGrad = gradientViews.get("W");
        INDArray biasGrad = gradientViews.get("b");
        INDArray inputGrad = inputGradientUnused
                ? workspaceMgr.create(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c') // read by nothing
                : workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, x.shape(), 'c');
        unit.backwardConvolution(x, weightGrad, biasGrad, inputGrad);
        unitSteps++;
        DefaultGradient ret = new DefaultGradient();
        ret.gradientForVariable().put("W", weightGrad);
        ret.gradientForVariable().put("b", biasGrad);
        weightNoiseParams.clear();
        return new Pair<>(ret, backpropDropOutIfPresent(inputGrad));
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        if (unitGradientReady) {
            derivativeTakenByPool = false;
            return backpropThroughUnit(workspaceMgr);
        }
        INDArray output = forwardOutput;
        boolean reusable = output != null && forwardInput == input && maskArray == null && helperCountFail == 0
                && epsilon != null && epsilon.dataType() == DataType.FLOAT && input.dataType() == DataType.FLOAT
                && java.util.Arrays.equals(epsilon.shape(), output.shape()) && hasOneDnnHelper();
        forwardInput = null;
        forwardOutput = null;
        if (!reusable) {
            derivativeTakenByPool = false; // DL4J's pass applies the derivative again, which changes nothing
            return super.backpropGradient(epsilon, workspaceMgr);
        }
        assertInputSet(true);
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c = layerConf();
        INDArray weights = getParam("W");
        INDArray bias = getParam("b");
        int[] kernel = c.getKernelSize();
        int[] strides = c.getStride();
        int[] dilation = c.getDilation();
        int[] pad;
        if (convolutionMode == ConvolutionMode.Same) {
            int[] outSize = ConvolutionUtils.getOutputSize(input, kernel, strides, null, convolutionMode, dilation,
                    CNN2DFormat.NCHW);
            pad = ConvolutionUtils.getSameModeTopLeftPadding(outSize, new int[] {(int) input.size(2), (int) input.size(3)},
                    kernel, strides, dilation);
        } else {
            pad = c.getPadding();
        }
        boolean taken = derivativeTakenByPool;
        derivativeTakenByPool = false;
        INDArray delta = taken ? epsilon : c.getActivationFn().backprop(output, epsilon).getFirst();
        if (inputGradientUnused && convolutionMode != ConvolutionMode.Same && all(strides, 1) && all(dilation, 1)
                && all(pad, 0)) {
            return weightGradientOnly(delta, workspaceMgr);
        }
        Pair<Gradient, INDArray> ret = helper.backpropGradient(input, weights, bias, delta, kernel, strides, pad,
                gradientViews.get("b"), gradientViews.get("W"), c.getActivationFn(), c.getCudnnAlgoMode(),
                c.getCudnnBwdFilterAlgo(), c.getCudnnBwdDataAlgo(), convolutionMode, dilation, CNN2DFormat.NCHW,
                workspaceMgr);
        if (ret == null) return super.backpropGradient(epsilon, workspaceMgr);
        ret.setSecond(backpropDropOutIfPresent(ret.getSecond()));
        weightNoiseParams.clear();
        return ret;
    }

    /**
     * The parameter gradients alone, for a layer that reads the network's input (nothing uses its input gradient,
     * which oneDNN's backward pass would compute anyway: for a one-channel picture the most expensive call of a
     * LeNet step, as oneDNN pads the single channel to 16). With stride 1 and no padding the weight gradient
     * {@code dW[f,c,i,j] = Σ_n Σ_h,w δ[n,f,h,w] · x[n,c,h+i,w+j]} is itself a forward convolution, of the input with
     * the batch as its channels by δ as its kernel, which oneDNN computes fast. The input gradient reported is zero.
     */
    private Pair<Gradient, INDArray> weightGradientOnly(INDArray delta, LayerWorkspaceMgr workspaceMgr) {
        INDArray weightGrad = gradientViews.get("W"); // [F, C, kH, kW]
        INDArray biasGrad = gradientViews.get("b");
        long f = weightGrad.size(0);
        long ch = weightGrad.size(1);
        long kh = weightGrad.size(2);
        long kw = weightGrad.size(3);
        INDArray result = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT,
                new long[] {ch, f, kh, kw}, 'c');
        DynamicCustomOp conv = DynamicCustomOp.builder("conv2d")
                .addInputs(input.permute(1, 0, 2, 3).dup('c'), delta.permute(1, 0, 2, 3))
                .addOutputs(result)
                // kernel = δ's height and width; stride 1; no padding; dilation 1; not "same"; NCHW; weights [oC, iC, kH, kW]
                .addIntegerArguments((int) delta.size(2), (int) delta.size(3), 1, 1, 0, 0, 1, 1, 0, 0, 1)
                .build();
        Nd4j.exec(conv);
        weightGrad.assign(result.permute(1, 0, 2, 3));
        biasGrad.assign(delta.sum(0, 2, 3).reshape(biasGrad.shape()));
        DefaultGradient ret = new DefaultGradient();
        ret.gradientForVariable().put("W", weightGrad);
        ret.gradientForVariable().put("b", biasGrad);
        weightNoiseParams.clear();
        INDArray epsilonNext = workspaceMgr.create(ArrayType.ACTIVATION_GRAD, input.dataType(), input.shape(), 'c');
        return new Pair<>(ret, epsilonNext);
    }

    private static boolean all(int[] values, int v) {
        for (int x : values) {
            if (x != v) return false;
        }
        return true;
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardOutput = null;
        unitInput = unitOutput = unitPooled = null;
        unitGradientReady = false;
    }
}
