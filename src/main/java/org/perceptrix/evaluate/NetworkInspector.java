package org.perceptrix.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.deeplearning4j.nn.api.layers.IOutputLayer;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.graph.vertex.impl.PreprocessorVertex;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.perceptrix.data.DigitPreprocessor;
import org.perceptrix.graph.Shape;
import org.perceptrix.train.TrainedModel;

/**
 * Looks inside a digit classifier for one digit: what every layer outputs (feature maps of convolutions and poolings,
 * the units of dense layers), the first convolution's filters, and a saliency map (how strongly each input pixel
 * moves the predicted class's score, the output layer's value before softmax: the magnitude of its gradient with respect
 * to the pixels).
 * <p>
 * Works on its own copy of the network, so it never disturbs predictions made with the model at the same time;
 * calls on one inspector are serialized.
 */
public final class NetworkInspector {
    private static final int SIDE = DigitPreprocessor.SIZE;

    private final TrainedModel model;
    private final ComputationGraph network;
    private final Optional<Filters> filters;

    /** What one layer outputs for the digit. */
    public sealed interface LayerActivation permits FeatureMaps, Units {
        /** The layer's name, as in the network designer. */
        String layer();
    }

    /**
     * Feature maps {@code [channel][row][column]} of a convolution, pooling or other image-shaped layer; a layer
     * reading a sequence shows as one map {@code [feature][step]}.
     */
    public record FeatureMaps(String layer, float[][][] maps) implements LayerActivation {
        public FeatureMaps {
            Objects.requireNonNull(layer);
            Objects.requireNonNull(maps);
        }

        public int channels() { return maps.length; }

        public int height() { return maps.length == 0 ? 0 : maps[0].length; }

        public int width() { return maps.length == 0 || maps[0].length == 0 ? 0 : maps[0][0].length; }
    }

    /** The outputs of a dense (or output) layer, one value per unit. */
    public record Units(String layer, float[] values) implements LayerActivation {
        public Units {
            Objects.requireNonNull(layer);
            Objects.requireNonNull(values);
        }
    }

    /** The first convolution's filters {@code [filter][row][column]}, averaged over its input channels. */
    public record Filters(String layer, float[][][] weights) {
        public Filters {
            Objects.requireNonNull(layer);
            Objects.requireNonNull(weights);
        }

        public int count() { return weights.length; }

        public int height() { return weights.length == 0 ? 0 : weights[0].length; }

        public int width() { return weights.length == 0 || weights[0].length == 0 ? 0 : weights[0][0].length; }
    }

    /**
     * The look inside for one digit: the layers in the order the network computes them, the predicted class, the
     * first convolution's filters (empty for a network without one) and the saliency of each of the 28×28 pixels
     * (row by row, 0 where a pixel does not matter, not normalized).
     */
    public record Inspection(DigitPreprocessor.Digit digit, List<LayerActivation> layers, int predictedClass,
                             Optional<Filters> filters, float[] saliency) {
        public Inspection {
            Objects.requireNonNull(digit);
            layers = List.copyOf(layers);
            Objects.requireNonNull(filters);
            if (saliency.length != SIDE * SIDE) {
                throw new IllegalArgumentException("a saliency map has " + SIDE * SIDE + " values, not " + saliency.length);
            }
        }
    }

    /**
     * @throws IllegalArgumentException when the model cannot read digits (see {@link DigitClassifier#unsuitable})
     */
    public NetworkInspector(TrainedModel model) {
        Optional<String> problem = DigitClassifier.unsuitable(model);
        if (problem.isPresent()) throw new IllegalArgumentException(problem.get());
        if (model.network().getNumInputArrays() != 1) {
            throw new IllegalArgumentException("the model has " + model.network().getNumInputArrays()
                    + " inputs; only networks with one input can be looked inside");
        }
        this.model = model;
        ComputationGraph copy;
        synchronized (model) { // TrainedModel serializes its forward passes on itself; copy between two of them
            copy = model.network().clone();
        }
        // Without workspaces every array (activations and the input gradient) outlives the call that made it.
        copy.getConfiguration().setTrainingWorkspaceMode(WorkspaceMode.NONE);
        copy.getConfiguration().setInferenceWorkspaceMode(WorkspaceMode.NONE);
        // Dropout only acts in training, but its backward step insists on a mask from a training forward pass.
        for (org.deeplearning4j.nn.api.Layer layer : copy.getLayers()) layer.conf().getLayer().setIDropout(null);
        this.network = copy;
        this.filters = firstConvolutionFilters(copy);
    }

    public TrainedModel model() { return model; }

    /** The first convolution's filters, if the network has a convolution. */
    public Optional<Filters> filters() { return filters; }

    /** Looks inside the network while it reads {@code digit}. */
    public synchronized Inspection inspect(DigitPreprocessor.Digit digit) {
        float[] scaled = digit.pixels().clone();
        model.scaling().apply(scaled);
        INDArray input = model.input().wrap(scaled, 1);
        try {
            // Inference mode (dropout off, batch norm with its learned statistics), keeping each layer's input for
            // the backward pass below.
            Map<String, INDArray> out = network.feedForward(new INDArray[] {input}, false, false);
            GraphVertex[] vertices = network.getVertices();
            List<LayerActivation> layers = new ArrayList<>();
            for (int index : network.topologicalSortOrder()) {
                GraphVertex v = vertices[index];
                if (v.isInputVertex() || unflattensTheInput(v, vertices)) continue;
                INDArray a = out.get(v.getVertexName());
                if (a != null) layers.add(activation(v.getVertexName(), a));
            }
            String outputName = network.getConfiguration().getNetworkOutputs().get(0);
            float[] probabilities = out.get(outputName).dup('c').data().asFloat();
            int predicted = Evaluator.argMax(probabilities, 0, probabilities.length);
            float[] saliency = saliency(predicted, probabilities.length);
            return new Inspection(digit, layers, predicted, filters, saliency);
        } finally {
            network.clearLayersStates();
        }
    }

    // Saliency after Simonyan et al.: the gradient of the predicted class's score (the output layer's value before
    // softmax, which never saturates the way a probability near 1 does) with respect to the pixels. DL4J's own
    // backward pass only exists for training (dropout on, batch norm on batch statistics), so this walks the vertices
    // back itself after the inference-mode forward pass, summing the errors of vertices that feed several others.
    private float[] saliency(int predicted, int classes) {
        INDArray target = Nd4j.zeros(DataType.FLOAT, 1, classes);
        target.putScalar(0, predicted, 1f);
        String outputName = network.getConfiguration().getNetworkOutputs().get(0);
        String inputName = network.getConfiguration().getNetworkInputs().get(0);
        LayerWorkspaceMgr noWorkspaces = LayerWorkspaceMgr.noWorkspaces();
        GraphVertex[] vertices = network.getVertices();
        INDArray[] errors = new INDArray[vertices.length];
        int[] order = network.topologicalSortOrder();
        for (int i = order.length - 1; i >= 0; i--) {
            GraphVertex v = vertices[order[i]];
            if (v.isInputVertex()) continue;
            INDArray[] toInputs;
            if (v.getVertexName().equals(outputName)) {
                toInputs = new INDArray[] {classScoreBackward(v, predicted, target, noWorkspaces)};
            } else if (errors[v.getVertexIndex()] == null) {
                continue; // nothing flows back through it to the predicted class (e.g. a second output)
            } else if (isPlainBatchNorm(v)) {
                toInputs = new INDArray[] {batchNormBackward(v.getLayer(), errors[v.getVertexIndex()])};
            } else {
                v.setEpsilon(errors[v.getVertexIndex()]);
                toInputs = v.doBackward(false, noWorkspaces).getSecond();
            }
            VertexIndices[] inputs = v.getInputVertices();
            for (int j = 0; j < inputs.length; j++) {
                int from = inputs[j].getVertexIndex();
                errors[from] = errors[from] == null ? toInputs[j] : errors[from].add(toInputs[j]);
            }
        }
        INDArray gradient = errors[network.getVertex(inputName).getVertexIndex()];
        if (gradient == null) throw new IllegalStateException("the network gave no gradient for its input");
        float[] g = gradient.dup('c').data().asFloat();
        float[] pixels = new float[SIDE * SIDE];
        if (model.input().shape() instanceof Shape.Sequence s) {
            // [1, features, steps]: step t is row t, feature f its column f
            for (int f = 0; f < s.features(); f++) {
                for (int t = 0; t < s.steps(); t++) pixels[t * s.features() + f] = Math.abs(g[f * s.steps() + t]);
            }
        } else {
            for (int i = 0; i < pixels.length; i++) pixels[i] = Math.abs(g[i]);
        }
        return pixels;
    }

    // A dense output layer computes score = input · W + b, so the predicted class's score changes with its input
    // along W's column for that class. Other output layers (e.g. per time step) fall back to the gradient of the
    // loss for "the answer is the predicted class", which is minus the class's log-probability.
    private static INDArray classScoreBackward(GraphVertex v, int predicted, INDArray target, LayerWorkspaceMgr ws) {
        if (v.getLayer().conf().getLayer() instanceof org.deeplearning4j.nn.conf.layers.OutputLayer
                && v instanceof LayerVertex lv) {
            INDArray w = v.getLayer().getParam("W"); // [nIn, nOut]
            INDArray error = w.getColumn(predicted).reshape(1, w.size(0)).dup('c');
            return lv.getLayerPreProcessor() == null ? error : lv.getLayerPreProcessor().backprop(error, 1, ws);
        }
        if (!(v.getLayer() instanceof IOutputLayer out)) {
            throw new IllegalStateException("the output '" + v.getVertexName() + "' is not an output layer");
        }
        out.setLabels(target);
        return v.doBackward(false, ws).getSecond()[0];
    }

    // DL4J's batch-norm backward step assumes training (statistics of the batch). In inference the layer is a fixed
    // scale per channel, gamma / std (DL4J applies no activation function in batch norm, whatever its configuration
    // says), so the error passes back through that scale.
    private static boolean isPlainBatchNorm(GraphVertex v) {
        return v.hasLayer() && v instanceof LayerVertex lv && lv.getLayerPreProcessor() == null
                && v.getLayer().conf().getLayer() instanceof BatchNormalization conf
                && conf.getCnn2DFormat() == CNN2DFormat.NCHW;
    }

    private static INDArray batchNormBackward(org.deeplearning4j.nn.api.Layer layer, INDArray error) {
        BatchNormalization conf = (BatchNormalization) layer.conf().getLayer();
        float[] spread = conf.isUseLogStd()
                ? floats(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_LOG_STD))
                : floats(layer.getParam(BatchNormalizationParamInitializer.GLOBAL_VAR));
        int channels = spread.length;
        float[] gamma = conf.isLockGammaBeta() ? null : floats(layer.getParam(BatchNormalizationParamInitializer.GAMMA));
        float[] scale = new float[channels];
        for (int c = 0; c < channels; c++) {
            double std = conf.isUseLogStd() ? Math.pow(10, spread[c]) : Math.sqrt(spread[c] + conf.getEps());
            scale[c] = (float) ((gamma == null ? conf.getGamma() : gamma[c]) / std);
        }
        float[] e = floats(error);
        int perChannel = e.length / channels; // h × w for images, 1 for vectors (a batch of one)
        for (int i = 0; i < e.length; i++) e[i] *= scale[i / perChannel];
        return Nd4j.create(e, error.shape(), 'c');
    }

    private static float[] floats(INDArray a) { return a.dup('c').data().asFloat(); }

    // The compiler adds a vertex turning the flat image into a 28×28 image; it shows nothing the input does not.
    private static boolean unflattensTheInput(GraphVertex v, GraphVertex[] vertices) {
        if (!(v instanceof PreprocessorVertex)) return false;
        VertexIndices[] inputs = v.getInputVertices();
        return inputs != null && inputs.length == 1 && vertices[inputs[0].getVertexIndex()].isInputVertex();
    }

    private static LayerActivation activation(String name, INDArray a) {
        float[] v = a.dup('c').data().asFloat();
        long[] shape = a.shape();
        if (shape.length == 4) { // [1, channels, height, width]
            int c = (int) shape[1];
            int h = (int) shape[2];
            int w = (int) shape[3];
            float[][][] maps = new float[c][h][w];
            for (int k = 0; k < c; k++) {
                for (int y = 0; y < h; y++) System.arraycopy(v, (k * h + y) * w, maps[k][y], 0, w);
            }
            return new FeatureMaps(name, maps);
        }
        if (shape.length == 3) { // [1, features, steps]
            int f = (int) shape[1];
            int t = (int) shape[2];
            float[][][] maps = new float[1][f][t];
            for (int y = 0; y < f; y++) System.arraycopy(v, y * t, maps[0][y], 0, t);
            return new FeatureMaps(name, maps);
        }
        return new Units(name, v);
    }

    private static Optional<Filters> firstConvolutionFilters(ComputationGraph network) {
        GraphVertex[] vertices = network.getVertices();
        for (int index : network.topologicalSortOrder()) {
            GraphVertex v = vertices[index];
            if (!v.hasLayer() || !(v.getLayer().conf().getLayer() instanceof ConvolutionLayer)) continue;
            INDArray w = v.getLayer().getParam("W"); // [out, in, kh, kw]
            if (w == null || w.rank() != 4) continue;
            long[] s = w.shape();
            int out = (int) s[0];
            int in = (int) s[1];
            int kh = (int) s[2];
            int kw = (int) s[3];
            float[] values = w.dup('c').data().asFloat();
            float[][][] weights = new float[out][kh][kw];
            for (int o = 0; o < out; o++) {
                for (int i = 0; i < in; i++) {
                    for (int y = 0; y < kh; y++) {
                        for (int x = 0; x < kw; x++) {
                            weights[o][y][x] += values[((o * in + i) * kh + y) * kw + x] / in;
                        }
                    }
                }
            }
            return Optional.of(new Filters(v.getVertexName(), weights));
        }
        return Optional.empty();
    }
}
