package org.perceptrix.compile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.statistics.Statistics;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.Problem;
import org.perceptrix.graph.RandomGraphs;
import org.perceptrix.graph.Shape;
import org.perceptrix.graph.ShapeInference;

/**
 * Every random graph either compiles to a DL4J network that has the inferred parameters and trains one step, or is
 * refused with a {@link CompileException} whose errors are pinned to its nodes. Nothing else may be thrown.
 */
class RandomNetworkPropertiesTest {

    private static final int BATCH = 2;

    @Provide
    Arbitrary<RandomGraphs.Script> scripts() { return RandomGraphs.scripts(); }

    @Property(tries = 2000, shrinking = ShrinkingMode.BOUNDED)
    void everyGraphEitherTrainsOneStepOrIsRefusedWithErrorsPinnedToItsNodes(
            @ForAll("scripts") RandomGraphs.Script script) {
        NetworkGraph graph = RandomGraphs.build(script);
        GraphAnalysis analysis = ShapeInference.analyze(graph);
        Statistics.collect(analysis.isValid() ? "valid" : "invalid");
        Statistics.coverage(c -> c.check("valid").percentage(p -> p >= 10));

        if (analysis.isValid()) {
            compilesWithTheInferredParametersAndTrainsOneStep(graph, analysis);
        } else {
            for (Problem p : analysis.errors()) {
                assertThat(p.nodeId().isEmpty() || graph.node(p.nodeId()).isPresent()).as("%s is pinned", p).isTrue();
            }
            assertThatThrownBy(() -> GraphCompiler.compile(graph, TrainingSettings.defaults()))
                    .isExactlyInstanceOf(CompileException.class);
        }
    }

    static void compilesWithTheInferredParametersAndTrainsOneStep(NetworkGraph graph, GraphAnalysis analysis) {
        CompiledNetwork compiled = GraphCompiler.compile(graph, TrainingSettings.defaults());
        ComputationGraph net = compiled.newNetwork();

        for (LayerNode n : graph.nodes()) {
            String vertex = compiled.vertexOfNode().get(n.id());
            if (vertex == null) continue;
            assertThat(net.getLayer(vertex).numParams()).as("parameters of %s", n.label())
                    .isEqualTo(analysis.info(n.id()).parameters());
        }
        // Layers that lead to no output are left out of the network (the analysis warns about them).
        long trained = graph.nodesLeadingToOutputs().stream().mapToLong(id -> analysis.info(id).parameters()).sum();
        assertThat(net.numParams()).isEqualTo(trained);

        Random random = new Random(7);
        INDArray[] features = compiled.inputLayouts().stream()
                .map(layout -> layout.wrap(randomRow(random, BATCH * layout.featureCount()), BATCH))
                .toArray(INDArray[]::new);
        INDArray[] labels = compiled.outputNames().stream()
                .map(name -> labels(graph.nodeNamed(name).orElseThrow(), analysis, random))
                .toArray(INDArray[]::new);
        net.fit(new MultiDataSet(features, labels));

        assertThat(net.score()).isFinite();
        Statistics.label("inputs × outputs").collect(features.length + "×" + labels.length);
    }

    /** One-hot rows (at every time step for a sequence output): right for every loss the Output offers. */
    private static INDArray labels(LayerNode output, GraphAnalysis analysis, Random random) {
        int units = output.intProperty("units");
        Shape shape = analysis.shapeOf(output.id()).orElseThrow();
        if (shape instanceof Shape.Sequence s) {
            INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, units, s.steps());
            for (int b = 0; b < BATCH; b++) {
                for (int t = 0; t < s.steps(); t++) y.putScalar(new long[] {b, random.nextInt(units), t}, 1.0);
            }
            return y;
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, units);
        for (int b = 0; b < BATCH; b++) y.putScalar(new long[] {b, random.nextInt(units)}, 1.0);
        return y;
    }

    private static float[] randomRow(Random random, int length) {
        float[] data = new float[length];
        for (int i = 0; i < length; i++) data[i] = random.nextFloat();
        return data;
    }
}
