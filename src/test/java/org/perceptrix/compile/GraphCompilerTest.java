package org.perceptrix.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.perceptrix.graph.LayerType.*;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Stream;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.GraphSketch;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.Shape;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.compile.TrainingSettings;

class GraphCompilerTest {

    static Stream<Arguments> networks() {
        return Stream.of(
                Arguments.of("dense", GraphSketch.start(VECTOR_INPUT, "size", 20).then(DENSE, "units", 7)
                        .then(OUTPUT, "units", 3).graph()),
                Arguments.of("conv valid stride 2", GraphSketch.start(IMAGE_INPUT, "height", 12, "width", 10, "channels", 3)
                        .then(CONV2D, "filters", 5, "kernel", 3, "stride", 2).then(OUTPUT, "units", 3).graph()),
                Arguments.of("conv same and pools", GraphSketch.start(IMAGE_INPUT, "height", 11, "width", 11)
                        .then(CONV2D, "filters", 4, "kernel", 3, "padding", "same")
                        .then(MAX_POOL, "size", 2, "stride", 2).then(CONV2D, "filters", 6, "kernel", 2)
                        .then(AVG_POOL, "size", 2, "stride", 1, "padding", "same")
                        .then(OUTPUT, "units", 4).graph()),
                Arguments.of("flatten, batch norm, dropout, activation", GraphSketch.start(IMAGE_INPUT, "height", 8, "width", 8, "channels", 2)
                        .then(CONV2D, "filters", 3, "kernel", 3).then(BATCH_NORM).then(FLATTEN).then(DENSE, "units", 5)
                        .then(BATCH_NORM).then(DROPOUT, "rate", 0.3).then(ACTIVATION, "activation", "tanh")
                        .then(OUTPUT, "units", 2, "loss", "sigmoid_binary_cross_entropy").graph()),
                Arguments.of("global pools", GraphSketch.start(IMAGE_INPUT, "height", 6, "width", 6)
                        .then(CONV2D, "filters", 3, "kernel", 3).then(GLOBAL_POOL, "mode", "max")
                        .then(OUTPUT, "units", 2).graph()),
                Arguments.of("lstm and simple rnn", GraphSketch.start(SEQUENCE_INPUT, "steps", 5, "features", 4)
                        .then(SIMPLE_RNN, "units", 6, "returnSequences", true).then(DENSE, "units", 3)
                        .then(LSTM, "units", 7).then(OUTPUT, "units", 3, "loss", "identity_mse").graph()),
                Arguments.of("sequence output and global pool", GraphSketch.start(SEQUENCE_INPUT, "steps", 5, "features", 4)
                        .then(LSTM, "units", 6, "returnSequences", true).then(GLOBAL_POOL).then(OUTPUT, "units", 2).graph()),
                Arguments.of("rnn output", GraphSketch.start(SEQUENCE_INPUT, "steps", 3, "features", 2)
                        .then(LSTM, "units", 4, "returnSequences", true).then(OUTPUT, "units", 2).graph()),
                Arguments.of("branches with concatenate and add", branches()));
    }

    private static NetworkGraph branches() {
        GraphSketch s = GraphSketch.start(IMAGE_INPUT, "height", 9, "width", 9, "channels", 1)
                .then(CONV2D, "filters", 4, "kernel", 3, "padding", "same");
        s.from("input1").then(CONV2D, "filters", 2, "kernel", 1);
        s.merge(CONCATENATE, "conv1", "conv2").then(CONV2D, "filters", 4, "kernel", 3, "padding", "same");
        s.merge(ADD, "conv1", "conv3").then(FLATTEN).then(DENSE, "units", 6);
        s.from("flatten1").then(DENSE, "units", 5);
        s.merge(CONCATENATE, "dense1", "dense2").then(OUTPUT, "units", 3);
        return s.graph();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void compiledParameterCountsEqualInferredOnesForEveryLayer(String name, NetworkGraph graph) {
        GraphAnalysis analysis = ShapeInference.analyze(graph);
        assertThat(analysis.errors()).isEmpty();
        CompiledNetwork compiled = GraphCompiler.compile(graph, TrainingSettings.defaults());
        ComputationGraph net = compiled.newNetwork();

        for (LayerNode n : graph.nodes()) {
            String vertex = compiled.vertexOfNode().get(n.id());
            long dl4j = vertex == null ? 0 : net.getLayer(vertex).numParams();
            assertThat(dl4j).as("parameters of %s", n.label()).isEqualTo(analysis.info(n.id()).parameters());
        }
        assertThat(net.numParams()).isEqualTo(analysis.totalParameters());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("networks")
    void compiledNetworkProducesTheInferredOutputShapeAndTrains(String name, NetworkGraph graph) {
        CompiledNetwork compiled = GraphCompiler.compile(graph, TrainingSettings.defaults());
        ComputationGraph net = compiled.newNetwork();
        int batch = 3;
        INDArray features = compiled.inputLayout().wrap(randomRows(batch, compiled.inputLayout().featureCount()), batch);

        INDArray out = net.outputSingle(features);

        LayerNode output = graph.nodes().stream().filter(n -> n.type().isOutput()).findFirst().orElseThrow();
        Shape expected = ShapeInference.analyze(graph).shapeOf(output.id()).orElseThrow();
        long[] shape = out.shape();
        assertThat(shape[0]).isEqualTo(batch);
        if (expected instanceof Shape.Sequence s) {
            assertThat(shape).containsExactly(batch, s.features(), s.steps());
        } else {
            assertThat(shape).containsExactly(batch, expected.elementCount());
        }
        INDArray labels = Nd4j.zeros(out.dataType(), shape);
        labels.putScalar(0, 1.0);
        net.fit(new MultiDataSet(features, labels));
        assertThat(net.score()).isFinite();
    }

    @Test
    void everyLayerTypeIsCoveredByTheParameterTest() {
        Set<LayerType> covered = EnumSet.noneOf(LayerType.class);
        networks().forEach(a -> ((NetworkGraph) a.get()[1]).nodes().forEach(n -> covered.add(n.type())));
        assertThat(covered).containsExactlyInAnyOrder(LayerType.values());
    }

    @Test
    void invalidGraphIsRefusedWithTheFirstProblemInWords() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT, "size", 10).then(CONV2D).then(OUTPUT).graph();

        assertThatThrownBy(() -> GraphCompiler.compile(g, TrainingSettings.defaults()))
                .isInstanceOf(CompileException.class)
                .hasMessageContaining("Conv2D 'conv1' needs an image input");
    }

    @Test
    void softmaxOverOneUnitIsRefusedAsAGraphErrorNotByDeeplearning4j() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT, "size", 3).then(OUTPUT, "units", 1).graph();

        assertThatThrownBy(() -> GraphCompiler.compile(g, TrainingSettings.defaults()))
                .isInstanceOf(CompileException.class)
                .satisfies(e -> assertThat(((CompileException) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.key()).isEqualTo("softmaxOneUnit")));
    }

    @Test
    void batchNormAfterAGlobalPoolOverASequenceTrains() {
        NetworkGraph g = GraphSketch.start(SEQUENCE_INPUT, "steps", 3, "features", 2).then(GLOBAL_POOL)
                .then(BATCH_NORM).then(OUTPUT, "units", 2).graph();
        CompiledNetwork compiled = GraphCompiler.compile(g, TrainingSettings.defaults());
        ComputationGraph net = compiled.newNetwork();
        INDArray features = compiled.inputLayout().wrap(randomRows(2, 6), 2);

        net.fit(new MultiDataSet(features, Nd4j.create(new float[][] {{1, 0}, {0, 1}})));

        assertThat(net.score()).isFinite();
        assertThat(org.deeplearning4j.nn.conf.ComputationGraphConfiguration.fromJson(compiled.configuration().toJson()))
                .as("the configuration survives a model file").isEqualTo(compiled.configuration());
    }

    @ParameterizedTest(name = "ImageInput → {0} → Flatten → Output")
    @org.junit.jupiter.params.provider.EnumSource(names = {"FLATTEN", "DROPOUT", "ACTIVATION"})
    void flattenSoonAfterAnImageInputTrains(LayerType between) {
        GraphSketch s = GraphSketch.start(IMAGE_INPUT, "height", 2, "width", 3, "channels", 2);
        if (between != FLATTEN) s.then(between);
        NetworkGraph g = s.then(FLATTEN).then(OUTPUT, "units", 2).graph();
        CompiledNetwork compiled = GraphCompiler.compile(g, TrainingSettings.defaults());
        ComputationGraph net = compiled.newNetwork();

        net.fit(new MultiDataSet(compiled.inputLayout().wrap(randomRows(2, 12), 2),
                Nd4j.create(new float[][] {{1, 0}, {0, 1}})));

        assertThat(net.score()).isFinite();
    }

    @Test
    void layersThatLeadToNoOutputAreLeftOut() {
        GraphSketch s = GraphSketch.start(VECTOR_INPUT, "size", 4).then(OUTPUT, "units", 2);
        s.from("input1").then(DENSE, "units", 3);
        CompiledNetwork compiled = GraphCompiler.compile(s.graph(), TrainingSettings.defaults());

        assertThat(compiled.configuration().getVertices()).doesNotContainKey("dense1");
    }

    @Test
    void sequenceRowsBecomeFeaturesByStepsArrays() {
        InputLayout layout = new InputLayout(new Shape.Sequence(2, 3));
        // one example, step 0 = (1, 2, 3), step 1 = (4, 5, 6)
        INDArray a = layout.wrap(new float[] {1, 2, 3, 4, 5, 6}, 1);

        assertThat(a.shape()).containsExactly(1, 3, 2);
        assertThat(a.getFloat(0, 2, 1)).isEqualTo(6f);
        assertThat(a.getFloat(0, 1, 0)).isEqualTo(2f);
    }

    private static float[] randomRows(int rows, int features) {
        float[] data = new float[rows * features];
        java.util.Random r = new java.util.Random(1);
        for (int i = 0; i < data.length; i++) data[i] = r.nextFloat();
        Arrays.fill(data, 0, 0, 0f);
        return data;
    }
}
