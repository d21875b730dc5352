package org.perceptrix.train;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.normalization.BatchNormalization;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * DL4J's batch normalisation between a ReLU convolution and a max pooling whose training step runs in the
 * convolution's {@link OneDnnConvPool} (docs/performance.md): the normalised output stays in oneDNN's layout for the
 * pooling, and oneDNN's backward pass writes the scale and shift gradients straight into DL4J's gradient arrays. This
 * layer adds what DL4J's own does for the running mean and variance: their "gradients", which DL4J's no-op updater
 * subtracts, so that {@code mean ← decay·mean + (1−decay)·batch mean} and likewise the variance (or its log10 standard
 * deviation). Prediction, and any step the unit cannot take, is DL4J's own code.
 */
final class FastBatchNormLayer extends BatchNormalization {
    private static final double ONE_ON_2LOGE_10 = 1.0 / (2.0 * Math.log(10.0));

    private final FastConvolutionLayer source;
    /** The input of a training-mode forward pass that ran in the unit (the convolution's output array). */
    private INDArray unitInput;
    private float[] batchMean;
    private float[] batchVariance;

    FastBatchNormLayer(NeuralNetConfiguration conf, DataType dataType, FastConvolutionLayer source) {
        super(conf, dataType);
        this.source = source;
    }

    /** DL4J's epsilon added to the variance. */
    float eps() {
        return (float) layerConf().getEps();
    }

    /** A parameter array of this layer ({@code gamma}, {@code beta}, ...). */
    INDArray param(String name) {
        return getParam(name);
    }

    /** The gradient array of a parameter of this layer, inside the network's flat gradient. */
    INDArray gradientView(String name) {
        return gradientViews == null ? null : gradientViews.get(name);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        unitInput = null;
        if (training && maskArray == null && source.unitPooled(input) != null) {
            unitInput = input;
            return input; // the normalised values stay in oneDNN's layout; the pooling takes its output from there
        }
        source.unitOutputInto(input); // the convolution ran in the unit but this is not a step it can finish
        return super.activate(training, workspaceMgr);
    }

    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        boolean own = unitInput != null && unitInput == input && source.unitGradientReady();
        unitInput = null;
        if (!own) return super.backpropGradient(epsilon, workspaceMgr);
        org.deeplearning4j.nn.conf.layers.BatchNormalization c = layerConf();
        int n = (int) gradientView("gamma").length();
        batchMean = NativeMatrix.atLeast(batchMean, n);
        batchVariance = NativeMatrix.atLeast(batchVariance, n);
        source.unit.batchStatistics(batchMean, batchVariance);
        double decay = c.getDecay();
        float[] global = new float[n];
        float[] grad = new float[n];
        NativeMatrix.read(getParam("mean"), global, n);
        for (int i = 0; i < n; i++) grad[i] = (float) ((global[i] - batchMean[i]) * (1.0 - decay));
        NativeMatrix.write(grad, gradientView("mean"), n);
        DefaultGradient ret = new DefaultGradient(); // DL4J's order
        ret.gradientForVariable().put("gamma", gradientView("gamma"));
        ret.gradientForVariable().put("beta", gradientView("beta"));
        ret.gradientForVariable().put("mean", gradientView("mean"));
        if (c.isUseLogStd()) {
            NativeMatrix.read(getParam("log10stdev"), global, n);
            for (int i = 0; i < n; i++) {
                double std = Math.pow(10.0, global[i]);
                double variance = std * std;
                double next = variance * decay + batchVariance[i] * (1.0 - decay);
                grad[i] = (float) (Math.log(variance / next) * ONE_ON_2LOGE_10);
            }
            NativeMatrix.write(grad, gradientView("log10stdev"), n);
            ret.gradientForVariable().put("log10stdev", gradientView("log10stdev"));
        } else {
            NativeMatrix.read(getParam("var"), global, n);
            for (int i = 0; i < n; i++) grad[i] = (float) ((global[i] - batchVariance[i]) * (1.0 - decay));
            NativeMatrix.write(grad, gradientView("var"), n);
            ret.gradientForVariable().put("var", gradientView("var"));
        }
        // only the right shape: the gradient for the convolution is inside oneDNN
        INDArray placeholder = workspaceMgr.createUninitialized(org.deeplearning4j.nn.workspace.ArrayType.ACTIVATION_GRAD,
                DataType.FLOAT, input.shape(), 'c');
        return new Pair<>(ret, placeholder);
    }

    @Override
    public void clear() {
        super.clear();
        unitInput = null;
    }
}
