package org.perceptrix.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's max pooling (non-overlapping windows) right after a ReLU convolution that feeds nothing else, taking over
 * that convolution's ReLU derivative (docs/performance.md). The convolution's gradient is {@code relu'(z) ⊙ pool'(ε)}:
 * pooling's backward pass puts each window's ε at the window's largest value, and ReLU's derivative there is 1
 * exactly when that largest value, the pooled output, is positive. So masking ε by {@code pooled > 0} before the
 * pooling's own backward call gives the convolution its final gradient, on a quarter of the values (for 2×2
 * windows), and the convolution skips its derivative pass ({@link FastConvolutionLayer#derivativeTakenByPool}).
 * Applying ReLU's derivative to that gradient again would change nothing, so any fallback stays correct.
 */
final class FastMaxPoolLayer extends SubsamplingLayer {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(FastMaxPoolLayer.class);
    private final FastConvolutionLayer source;
    private INDArray forwardInput;
    private INDArray forwardOutput;
    /** The input of a training-mode forward pass whose pooling ran in the convolution's oneDNN unit. */
    private INDArray unitInput;
    private float[] out;
    private float[] grad;

    FastMaxPoolLayer(NeuralNetConfiguration conf, DataType dataType, FastConvolutionLayer source) {
        super(conf, dataType);
        this.source = source;
    }

    /** The convolution this pooling reads. */
    FastConvolutionLayer source() {
        return source;
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        forwardInput = null;
        forwardOutput = null;
        unitInput = null;
        INDArray pooledByUnit = training && maskArray == null ? source.unitPooled(input) : null;
        if (pooledByUnit != null) {
            unitInput = input;
            return pooledByUnit;
        }
        // the convolution ran through oneDNN but this is not its output array (or not training): give it real values
        if (source.batchNorm == null && source.unitOutputInto(input)) { // (with batch norm between, it does this)
            LOG.debug("Pooling {} fell back to DL4J's after a oneDNN convolution", layerId());
        }
        INDArray result = super.activate(training, workspaceMgr);
        if (training && maskArray == null) {
            forwardInput = input;
            forwardOutput = result;
        }
        return result;
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        INDArray pooledByUnit = source.unitPooled(input);
        if (unitInput != null && unitInput == input && epsilon != null && epsilon.dataType() == DataType.FLOAT
                && pooledByUnit != null && java.util.Arrays.equals(epsilon.shape(), pooledByUnit.shape())) {
            unitInput = null;
            source.backpropPooling(NativeMatrix.denseRowMajor(epsilon) ? epsilon : epsilon.dup('c'));
            // the convolution takes its gradient from oneDNN's own arrays: this one only has the right shape
            INDArray placeholder = workspaceMgr.createUninitialized(ArrayType.ACTIVATION_GRAD, DataType.FLOAT, input.shape(), 'c');
            return new Pair<>(new org.deeplearning4j.nn.gradient.DefaultGradient(), placeholder);
        }
        unitInput = null;
        // a chained downstream unit may have left this gradient in oneDNN's layout only
        if (source.unit != null && epsilon != null && NativeMatrix.denseRowMajor(epsilon)) {
            source.unit.pooledGradientInto(epsilon);
        }
        INDArray pooled = forwardOutput;
        // (with a batch norm between, the pooled values are not the ReLU's: no masking)
        boolean usable = source.batchNorm == null && pooled != null && forwardInput == input && epsilon != null
                && pooled.dataType() == DataType.FLOAT && epsilon.dataType() == DataType.FLOAT && java.util.Arrays.equals(pooled.shape(), epsilon.shape())
                && NativeMatrix.denseRowMajor(pooled) && NativeMatrix.denseRowMajor(epsilon);
        forwardInput = null;
        forwardOutput = null;
        if (!usable) return super.backpropGradient(epsilon, workspaceMgr);
        int n = (int) pooled.length();
        out = NativeMatrix.atLeast(out, n);
        grad = NativeMatrix.atLeast(grad, n);
        NativeMatrix.read(pooled, out, n);
        NativeMatrix.read(epsilon, grad, n);
        for (int i = 0; i < n; i++) grad[i] = out[i] > 0f ? grad[i] : 0f;
        INDArray masked = workspaceMgr.createUninitialized(ArrayType.BP_WORKING_MEM, DataType.FLOAT, epsilon.shape(), 'c');
        NativeMatrix.write(grad, masked, n);
        Pair<Gradient, INDArray> ret = super.backpropGradient(masked, workspaceMgr);
        source.derivativeTakenByPool = true;
        return ret;
    }

    @Override
    public void clear() {
        super.clear();
        forwardInput = null;
        forwardOutput = null;
        unitInput = null;
    }
}
