package org.perceptrix.train;

import java.util.List;
import java.util.Objects;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.conf.layers.FeedForwardLayer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.perceptrix.compile.InputLayout;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.FittedScaling;
import org.perceptrix.graph.DataSignature;

/**
 * A trained network together with everything needed to use it on raw examples: the input layout, the scaling fitted
 * on its training data, the class names and what it was trained to output. Predictions are serialized: a DL4J
 * network must not run two forward passes at once.
 */
public final class TrainedModel {
    private final ComputationGraph network;
    private final InputLayout input;
    private final FittedScaling scaling;
    private final List<String> classNames;
    private final DataSignature.Target target;
    private final String name;

    public TrainedModel(ComputationGraph network, InputLayout input, FittedScaling scaling, List<String> classNames,
                        DataSignature.Target target, String name) {
        this.network = Objects.requireNonNull(network);
        this.input = Objects.requireNonNull(input);
        this.scaling = Objects.requireNonNull(scaling);
        this.classNames = List.copyOf(classNames);
        this.target = Objects.requireNonNull(target);
        this.name = Objects.requireNonNull(name);
    }

    public ComputationGraph network() { return network; }

    public InputLayout input() { return input; }

    public FittedScaling scaling() { return scaling; }

    public List<String> classNames() { return classNames; }

    public DataSignature.Target target() { return target; }

    public String name() { return name; }

    /** Values the network outputs per example: the number of classes, or of reconstructed inputs. */
    public int outputCount() {
        return (int) ((FeedForwardLayer) network.getOutputLayer(0).conf().getLayer()).getNOut();
    }

    /** The network's output for one raw (unscaled) example, e.g. class probabilities. */
    public float[] predict(float[] rawFeatures) {
        return outputs(rawFeatures, 1);
    }

    /** Outputs for every example of a raw set, row-major (size × outputCount), in batches of {@code batchSize}. */
    public float[] outputs(ExampleSet raw, int batchSize) {
        int n = raw.size();
        int k = outputCount();
        float[] result = new float[n * k];
        int f = raw.featureCount();
        for (int from = 0; from < n; from += batchSize) {
            int count = Math.min(batchSize, n - from);
            float[] block = new float[count * f];
            System.arraycopy(raw.features(), from * f, block, 0, count * f);
            float[] out = outputs(block, count);
            System.arraycopy(out, 0, result, from * k, count * k);
        }
        return result;
    }

    private synchronized float[] outputs(float[] rawBlock, int count) {
        float[] scaled = rawBlock.clone();
        scaling.apply(scaled);
        INDArray out = network.outputSingle(false, input.wrap(scaled, count));
        return out.dup('c').data().asFloat(); // a fresh buffer holds exactly count × outputCount values
    }
}
