package org.perceptrix.train;

import java.lang.reflect.Field;
import java.util.HashSet;
import java.util.Set;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.PreprocessorVertex;
import org.deeplearning4j.nn.layers.BaseLayer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Swaps DL4J's dense, convolution and softmax-output layer implementations in a freshly initialised network for
 * {@link FastDenseLayer}, {@link FastConvolutionLayer} and {@link FastSoftmaxOutputLayer}. Only the running objects change: the network's
 * configuration, parameter and gradient arrays stay DL4J's, so saving, loading, cloning and the updater behave as
 * before. Layers whose settings the fast versions do not handle are left alone. {@code -Dperceptrix.fastLayers=false}
 * turns it off.
 */
public final class FastLayers {
    /** The kill switch: {@code -Dperceptrix.fastLayers=false} keeps DL4J's own layers. */
    public static final String PROPERTY = "perceptrix.fastLayers";
    /** {@code -Dperceptrix.fastPooling=false} keeps DL4J's pooling layers (and the convolutions' own ReLU derivative). */
    public static final String POOLING_PROPERTY = "perceptrix.fastPooling";

    /** {@code -Dperceptrix.oneDnnGemm=false} keeps the dense products on OpenBLAS in networks with oneDNN convolutions. */
    public static final String ONEDNN_GEMM_PROPERTY = "perceptrix.oneDnnGemm";

    private static final Logger LOG = LoggerFactory.getLogger(FastLayers.class);

    private FastLayers() {
    }

    /** Whether {@link #install} will swap layers in (the system property is not {@code false}). */
    public static boolean enabled() {
        return !"false".equalsIgnoreCase(System.getProperty(PROPERTY, "true"));
    }

    /**
     * Replaces the eligible dense, convolution and output layers of {@code net}, which must be initialised and must not have
     * trained yet (call it before the updater is created); returns how many layers were replaced.
     */
    public static int install(ComputationGraph net) {
        if (!enabled()) return 0;
        if (net.getGradientsViewArray() == null) net.initGradientsView(); // DL4J makes the views on the first fit
        GraphVertex[] vertices = net.getVertices();
        Set<String> replaced = new HashSet<>();
        int count = 0;
        for (GraphVertex vertex : vertices) {
            if (!(vertex instanceof LayerVertex lv)) continue;
            Layer old = lv.getLayer();
            Layer fast = fastVersion(old, inputGradientUnused(net, lv), readsNetworkInput(net, lv));
            if (fast == null) continue;
            if (!swapIn(net, lv, (BaseLayer<?>) fast)) return count;
            replaced.add(lv.getVertexName());
            count++;
        }
        if (!"false".equalsIgnoreCase(System.getProperty(POOLING_PROPERTY, "true"))) count += fusePoolings(net, replaced);
        chainUnits(net);
        boolean oneDnnConvolutions = !"false".equalsIgnoreCase(System.getProperty(ONEDNN_GEMM_PROPERTY, "true"))
                && java.util.Arrays.stream(net.getLayers()).anyMatch(l -> l instanceof FastConvolutionLayer c && c.unit != null);
        for (Layer l : net.getLayers()) { // oneDNN's threads are awake for the convolutions: its products beat one BLAS thread
            if (l instanceof FastDenseLayer d) d.oneDnnGemm = oneDnnConvolutions;
            if (l instanceof FastSoftmaxOutputLayer o) o.oneDnnGemm = oneDnnConvolutions;
        }
        // The fast layers keep their output for the backward pass, so whatever reads it must not change it in place
        // (DL4J lets a layer with dropout overwrite an input nothing else reads).
        for (GraphVertex vertex : vertices) {
            if (!(vertex instanceof LayerVertex lv) || lv.getInputVertices() == null) continue;
            for (VertexIndices in : lv.getInputVertices()) {
                if (replaced.contains(vertices[in.getVertexIndex()].getVertexName())) lv.getLayer().allowInputModification(false);
            }
        }
        return count;
    }

    private static Layer fastVersion(Layer layer, boolean inputGradientUnused, boolean firstLayer) {
        if (!(layer instanceof BaseLayer<?> base) || base.getDataType() != DataType.FLOAT) return null;
        NeuralNetConfiguration conf = layer.conf();
        org.deeplearning4j.nn.conf.layers.Layer c = conf.getLayer();
        if (layer.getClass() == org.deeplearning4j.nn.layers.feedforward.dense.DenseLayer.class
                && c instanceof org.deeplearning4j.nn.conf.layers.DenseLayer d && d.hasBias() && !d.hasLayerNorm()
                && d.getWeightNoise() == null) {
            FastDenseLayer.Activation a = activation(d.getActivationFn());
            return a == null ? null : new FastDenseLayer(conf, DataType.FLOAT, a, inputGradientUnused);
        }
        if (layer.getClass() == org.deeplearning4j.nn.layers.convolution.ConvolutionLayer.class
                && c.getClass() == org.deeplearning4j.nn.conf.layers.ConvolutionLayer.class) {
            org.deeplearning4j.nn.conf.layers.ConvolutionLayer cl = (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) c;
            FastDenseLayer.Activation a = activation(cl.getActivationFn());
            if (cl.getCnn2dDataFormat() != CNN2DFormat.NCHW || !cl.hasBias() || cl.getWeightNoise() != null
                    || (a != FastDenseLayer.Activation.RELU && a != FastDenseLayer.Activation.IDENTITY)) {
                return null;
            }
            FastConvolutionLayer conv = new FastConvolutionLayer(conf, DataType.FLOAT, firstLayer);
            return conv.hasOneDnnHelper() ? conv : null; // without oneDNN, DL4J's own layer as it is
        }
        if (layer.getClass() == org.deeplearning4j.nn.layers.OutputLayer.class
                && c instanceof org.deeplearning4j.nn.conf.layers.OutputLayer o && o.hasBias() && o.getWeightNoise() == null
                && o.getActivationFn() instanceof ActivationSoftmax && o.getLossFn() instanceof LossMCXENT loss
                && loss.getWeights() == null) {
            return new FastSoftmaxOutputLayer(conf, DataType.FLOAT, loss.getSoftmaxClipEps(), inputGradientUnused);
        }
        return null;
    }

    /**
     * Replaces each max pooling with non-overlapping windows that reads a ReLU convolution feeding nothing else with
     * a {@link FastMaxPoolLayer}, which takes over the convolution's derivative; returns how many.
     */
    private static int fusePoolings(ComputationGraph net, Set<String> replaced) {
        int count = 0;
        GraphVertex[] vertices = net.getVertices();
        for (GraphVertex vertex : vertices) {
            if (!(vertex instanceof LayerVertex lv) || lv.getLayerPreProcessor() != null
                    || lv.getLayer().getClass() != org.deeplearning4j.nn.layers.convolution.subsampling.SubsamplingLayer.class
                    || lv.getInputVertices() == null || lv.getInputVertices().length != 1) {
                continue;
            }
            GraphVertex from = vertices[lv.getInputVertices()[0].getVertexIndex()];
            // conv → batch norm → pool: only with oneDNN, which runs all three (DL4J's own batch norm otherwise)
            LayerVertex norm = batchNormBetween(vertices, from);
            if (norm != null) from = vertices[norm.getInputVertices()[0].getVertexIndex()];
            if (!(from instanceof LayerVertex conv) || !(conv.getLayer() instanceof FastConvolutionLayer source)
                    || conv.getOutputVertices() == null || conv.getOutputVertices().length != 1
                    || activation(((org.deeplearning4j.nn.conf.layers.ConvolutionLayer) source.layerConf()).getActivationFn())
                            != FastDenseLayer.Activation.RELU) {
                continue;
            }
            org.deeplearning4j.nn.conf.layers.SubsamplingLayer p =
                    (org.deeplearning4j.nn.conf.layers.SubsamplingLayer) lv.getLayer().conf().getLayer();
            boolean nonOverlapping = java.util.Arrays.equals(p.getKernelSize(), p.getStride())
                    && java.util.Arrays.stream(p.getPadding()).allMatch(v -> v == 0)
                    && java.util.Arrays.stream(p.getDilation()).allMatch(v -> v == 1);
            if (p.getPoolingType() != org.deeplearning4j.nn.conf.layers.PoolingType.MAX || !nonOverlapping
                    || p.getCnn2dDataFormat() != CNN2DFormat.NCHW
                    || p.getConvolutionMode() == org.deeplearning4j.nn.conf.ConvolutionMode.Same) {
                continue;
            }
            Layer old = lv.getLayer();
            OneDnnConvPool unit = oneDnnUnit(source, p, norm == null ? Float.NaN
                    : (float) ((org.deeplearning4j.nn.conf.layers.BatchNormalization) norm.getLayer().conf().getLayer()).getEps());
            if (norm != null) {
                if (unit == null) continue;
                FastBatchNormLayer fastNorm = new FastBatchNormLayer(norm.getLayer().conf(), DataType.FLOAT, source);
                if (!swapIn(net, norm, fastNorm)) return count;
                replaced.add(norm.getVertexName());
                source.batchNorm = fastNorm;
                count++;
            }
            FastMaxPoolLayer pool = new FastMaxPoolLayer(old.conf(), DataType.FLOAT, source);
            source.unit = unit;
            pool.setListeners(old.getListeners());
            pool.setIndex(old.getIndex());
            pool.allowInputModification(false);
            if (!replace(net, lv, old, pool)) return count;
            replaced.add(lv.getVertexName());
            count++;
        }
        return count;
    }

    /**
     * Frees what the layers of {@code net} hold for training only (oneDNN's primitives and buffers, tens of MB for a
     * LeNet), for when training has ended; training again makes them anew.
     */
    public static void releaseTrainingBuffers(ComputationGraph net) {
        for (Layer layer : net.getLayers()) {
            if (layer instanceof FastConvolutionLayer c && c.unit != null) c.unit.release();
        }
    }

    /**
     * The batch normalisation vertex {@code v} when it is DL4J's own layer in NCHW, with learned scale and shift, no
     * preprocessor, fed by one vertex and feeding only one; else null.
     */
    private static LayerVertex batchNormBetween(GraphVertex[] vertices, GraphVertex v) {
        if (!(v instanceof LayerVertex lv) || lv.getLayer().getClass() != org.deeplearning4j.nn.layers.normalization.BatchNormalization.class
                || lv.getLayerPreProcessor() != null || lv.getInputVertices() == null || lv.getInputVertices().length != 1
                || lv.getOutputVertices() == null || lv.getOutputVertices().length != 1) {
            return null;
        }
        org.deeplearning4j.nn.conf.layers.BatchNormalization c =
                (org.deeplearning4j.nn.conf.layers.BatchNormalization) lv.getLayer().conf().getLayer();
        boolean ok = !c.isLockGammaBeta() && c.isMinibatch() && c.getCnn2DFormat() == CNN2DFormat.NCHW
                && ((org.deeplearning4j.nn.layers.BaseLayer<?>) lv.getLayer()).getDataType() == DataType.FLOAT;
        return ok ? lv : null;
    }

    /**
     * Links each oneDNN unit to the one whose pooling it reads directly (a pooling that feeds only this convolution,
     * with no preprocessor between), so that the data between them stays in oneDNN's layout.
     */
    private static void chainUnits(ComputationGraph net) {
        GraphVertex[] vertices = net.getVertices();
        for (GraphVertex vertex : vertices) {
            if (!(vertex instanceof LayerVertex lv) || !(lv.getLayer() instanceof FastConvolutionLayer conv)
                    || conv.unit == null || lv.getLayerPreProcessor() != null || lv.getInputVertices() == null
                    || lv.getInputVertices().length != 1) {
                continue;
            }
            GraphVertex from = vertices[lv.getInputVertices()[0].getVertexIndex()];
            if (from instanceof LayerVertex pv && pv.getLayer() instanceof FastMaxPoolLayer pool
                    && pool.source().unit != null && pv.getOutputVertices() != null && pv.getOutputVertices().length == 1) {
                conv.unit.upstream = pool.source().unit;
            }
        }
    }

    /**
     * The convolution + ReLU + pooling run by oneDNN directly, where it loads and the convolution is one it handles
     * (no dilation, not "same" mode); else null, and the layers use DL4J's helper.
     */
    private static OneDnnConvPool oneDnnUnit(FastConvolutionLayer conv,
            org.deeplearning4j.nn.conf.layers.SubsamplingLayer pool, float batchNormEps) {
        org.deeplearning4j.nn.conf.layers.ConvolutionLayer c =
                (org.deeplearning4j.nn.conf.layers.ConvolutionLayer) conv.layerConf();
        if (c.getConvolutionMode() == org.deeplearning4j.nn.conf.ConvolutionMode.Same
                || java.util.Arrays.stream(c.getDilation()).anyMatch(d -> d != 1) || !OneDnn.available()) {
            return null;
        }
        return new OneDnnConvPool((int) c.getNIn(), (int) c.getNOut(), c.getKernelSize(), c.getStride(), c.getPadding(),
                pool.getKernelSize(), !conv.inputGradientUnused(), batchNormEps);
    }

    private static FastDenseLayer.Activation activation(IActivation fn) {
        if (fn instanceof ActivationIdentity) return FastDenseLayer.Activation.IDENTITY;
        if (fn instanceof ActivationSigmoid) return FastDenseLayer.Activation.SIGMOID;
        if (fn instanceof ActivationTanH) return FastDenseLayer.Activation.TANH;
        if (fn instanceof ActivationReLU r && zeroOrUnset(r.getThreshold()) && zeroOrUnset(r.getNegativeSlope())
                && r.getMax() == null) {
            return FastDenseLayer.Activation.RELU;
        }
        return null;
    }

    private static boolean zeroOrUnset(Double d) {
        return d == null || d == 0.0;
    }

    /**
     * The layer reads the network's input directly, with no preprocessor in between, so the gradient with respect to
     * its input goes nowhere and need not even be an array.
     */
    private static boolean inputGradientUnused(ComputationGraph net, LayerVertex lv) {
        return lv.getLayerPreProcessor() == null && readsNetworkInput(net, lv);
    }

    /**
     * The layer reads the network's input, perhaps through preprocessors (of its own or as vertices of their own):
     * nothing uses its input gradient.
     */
    private static boolean readsNetworkInput(ComputationGraph net, GraphVertex v) {
        VertexIndices[] inputs = v.getInputVertices();
        if (inputs == null || inputs.length == 0) return false;
        for (VertexIndices in : inputs) {
            GraphVertex from = net.getVertices()[in.getVertexIndex()];
            if (from.isInputVertex()) continue;
            if (!(from instanceof PreprocessorVertex) || !readsNetworkInput(net, from)) return false;
        }
        return true;
    }

    /**
     * Puts {@code mine} in the place of the vertex's DL4J layer, on the same parameter and gradient arrays, listeners
     * and counters; false (logged) when the swap cannot be made.
     */
    private static boolean swapIn(ComputationGraph net, LayerVertex lv, BaseLayer<?> mine) {
        BaseLayer<?> dl4j = (BaseLayer<?>) lv.getLayer();
        mine.setListeners(dl4j.getListeners());
        mine.setIndex(dl4j.getIndex());
        mine.setParamsViewArray(dl4j.params());
        mine.setParamTable(dl4j.paramTable());
        mine.setBackpropGradientsViewArray(dl4j.getGradientsViewArray());
        mine.allowInputModification(dl4j.isInputModificationAllowed());
        mine.setIterationCount(dl4j.getIterationCount());
        mine.setEpochCount(dl4j.getEpochCount());
        return replace(net, lv, dl4j, mine);
    }

    private static boolean replace(ComputationGraph net, LayerVertex lv, Layer old, Layer fast) {
        try {
            Field field = LayerVertex.class.getDeclaredField("layer");
            field.setAccessible(true);
            Layer[] layers = net.getLayers();
            for (int i = 0; i < layers.length; i++) {
                if (layers[i] == old) layers[i] = fast;
            }
            field.set(lv, fast);
            return true;
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warn("Could not swap in the fast version of layer {}; keeping DL4J's layers", lv.getVertexName(), e);
            return false;
        }
    }
}
