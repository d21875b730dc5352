package org.perceptrix.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.graph.LayerType.*;

import java.util.Locale;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ShapeInferenceTest {

    private static String english(Problem p) { return p.message(Locale.ENGLISH); }

    @Test
    void lenetShapesAndParametersFollowTheFormulas() {
        NetworkGraph g = GraphSketch.start(IMAGE_INPUT)
                .then(CONV2D, "filters", 20, "kernel", 5).then(MAX_POOL)
                .then(CONV2D, "filters", 50, "kernel", 5).then(MAX_POOL)
                .then(DENSE, "units", 500).then(OUTPUT, "units", 10).graph();

        GraphAnalysis a = ShapeInference.analyze(g);

        assertThat(a.problems()).isEmpty();
        assertThat(shape(g, a, "conv1")).isEqualTo("24×24×20");
        assertThat(shape(g, a, "pool1")).isEqualTo("12×12×20");
        assertThat(shape(g, a, "conv2")).isEqualTo("8×8×50");
        assertThat(shape(g, a, "pool2")).isEqualTo("4×4×50");
        assertThat(a.info(id(g, "conv1")).parameters()).isEqualTo(5 * 5 * 20 + 20);
        assertThat(a.info(id(g, "conv1")).multiplyAdds()).isEqualTo(24L * 24 * 5 * 5 * 20);
        assertThat(a.info(id(g, "dense1")).parameters()).isEqualTo(800 * 500 + 500);
        assertThat(a.totalParameters()).isEqualTo(431_080);
    }

    @ParameterizedTest(name = "{0}×{0} input, kernel {1}, stride {2}, {3} → {4}")
    @CsvSource({"28,5,1,valid,24", "28,5,1,same,28", "28,3,2,valid,13", "28,3,2,same,14", "7,7,1,valid,1", "5,2,3,same,2"})
    void convolutionOutputSizeFollowsPadding(int in, int kernel, int stride, String padding, int out) {
        NetworkGraph g = GraphSketch.start(IMAGE_INPUT, "height", in, "width", in)
                .then(CONV2D, "kernel", kernel, "stride", stride, "padding", padding).then(OUTPUT).graph();

        assertThat(shape(g, ShapeInference.analyze(g), "conv1")).isEqualTo(out + "×" + out + "×32");
    }

    @Test
    void kernelLargerThanItsInputIsPinnedToTheConvolution() {
        NetworkGraph g = GraphSketch.start(IMAGE_INPUT, "height", 7, "width", 7)
                .then(CONV2D, "kernel", 5).then(CONV2D, "kernel", 5).then(OUTPUT).graph();

        GraphAnalysis a = ShapeInference.analyze(g);

        assertThat(a.errors()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isEqualTo(id(g, "conv2"));
            assertThat(english(p)).startsWith("Conv2D 'conv2': kernel 5×5 is larger than its 3×3 input");
        });
        assertThat(a.shapeOf(id(g, "out1"))).isEmpty();
    }

    @Test
    void samePaddingWithAWindowSmallerThanItsStrideThatSkipsTheInputIsPinnedToThePool() {
        NetworkGraph g = GraphSketch.start(IMAGE_INPUT, "height", 1, "width", 3)
                .then(MAX_POOL, "size", 1, "stride", 3, "padding", "same").then(OUTPUT, "units", 2).graph();

        GraphAnalysis a = ShapeInference.analyze(g);

        assertThat(a.errors()).singleElement().satisfies(p -> {
            assertThat(p.nodeId()).isEqualTo(id(g, "pool1"));
            assertThat(english(p)).startsWith("MaxPool 'pool1': with padding 'same', a 1×1 window moving 3 at a time");
        });
    }

    @Test
    void cycleIsReportedWithItsPath() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT).then(DENSE).then(DENSE).then(OUTPUT).graph();
        g.connect(id(g, "dense2"), id(g, "dense1"));

        GraphAnalysis a = ShapeInference.analyze(g);

        assertThat(a.errors()).extracting(ShapeInferenceTest::english)
                .anyMatch(m -> m.startsWith("The graph has a cycle through dense1 → dense2 → dense1"));
    }

    @Test
    void addWithDifferentShapesNamesBoth() {
        GraphSketch s = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 10);
        s.from("input1").then(DENSE, "units", 20);
        s.merge(ADD, "dense1", "dense2").then(OUTPUT);

        GraphAnalysis a = ShapeInference.analyze(s.graph());

        assertThat(a.errors()).extracting(ShapeInferenceTest::english)
                .containsExactly("Add 'add1' gets shapes [10] and [20]: Add needs inputs of the same shape.");
    }

    @Test
    void outputClassesMustMatchTheData() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT, "size", 4).then(OUTPUT, "units", 10).graph();

        GraphAnalysis a = ShapeInference.analyze(g, new DataSignature(4, 3, DataSignature.Target.LABELS));

        assertThat(a.errors()).extracting(ShapeInferenceTest::english)
                .containsExactly("Output 'out1' has 10 classes but the data has 3.");
    }

    @Test
    void inputSizeMustMatchTheData() {
        NetworkGraph g = GraphSketch.start(IMAGE_INPUT, "height", 20, "width", 20).then(OUTPUT).graph();

        GraphAnalysis a = ShapeInference.analyze(g, new DataSignature(784, 10, DataSignature.Target.LABELS));

        assertThat(a.errors()).extracting(ShapeInferenceTest::english)
                .containsExactly("ImageInput 'input1' expects 20×20×1 = 400 values per example, but the data has 784.");
    }

    @Test
    void autoencoderOutputMustReconstructEveryInputValue() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT).then(DENSE).then(OUTPUT, "units", 10, "loss", "identity_mse").graph();

        GraphAnalysis a = ShapeInference.analyze(g, new DataSignature(784, 10, DataSignature.Target.INPUT));

        assertThat(a.errors()).singleElement().extracting(ShapeInferenceTest::english).asString()
                .startsWith("Output 'out1' reconstructs 10 values, but the input has 784");
    }

    @Test
    void wiringMistakesArePinnedToTheirNodes() {
        NetworkGraph g = new NetworkGraph();
        LayerNode in = g.addNode(VECTOR_INPUT, 0, 0);
        LayerNode lonely = g.addNode(DENSE, 0, 0);
        LayerNode d1 = g.addNode(DENSE, 0, 0);
        LayerNode out = g.addNode(OUTPUT, 0, 0);
        LayerNode after = g.addNode(DENSE, 0, 0);
        g.connect(in.id(), d1.id());
        g.connect(in.id(), out.id());
        g.connect(d1.id(), out.id());
        g.connect(out.id(), after.id());

        GraphAnalysis a = ShapeInference.analyze(g);

        assertThat(a.problemsOf(lonely.id())).extracting(ShapeInferenceTest::english)
                .contains("Dense 'dense1' has no input: connect a layer to it.");
        assertThat(a.problemsOf(out.id())).extracting(ShapeInferenceTest::english).contains(
                "Output 'out1' has 2 inputs but takes one: merge them with Concatenate or Add first.",
                "Output 'out1' must be last: nothing can follow an Output layer.");
    }

    @Test
    void convolutionAfterAVectorExplainsWhatItNeeds() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT).then(CONV2D).then(OUTPUT).graph();

        assertThat(ShapeInference.analyze(g).errors()).extracting(ShapeInferenceTest::english).containsExactly(
                "Conv2D 'conv1' needs an image input (height×width×channels) but gets a vector 784: use an ImageInput or a convolution before it.");
    }

    @Test
    void emptyGraphAsksForAnInputAndAnOutput() {
        GraphAnalysis a = ShapeInference.analyze(new NetworkGraph());

        assertThat(a.errors()).extracting(Problem::key).containsExactly("noInput", "noOutput");
        assertThat(a.errors()).allSatisfy(p -> assertThat(p.node()).isEmpty());
    }

    @Test
    void problemsReadInChinese() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT, "size", 4).then(OUTPUT, "units", 10).graph();

        Problem p = ShapeInference.analyze(g, new DataSignature(4, 3, DataSignature.Target.LABELS)).errors().get(0);

        assertThat(p.message(Locale.SIMPLIFIED_CHINESE)).isEqualTo("Output 'out1' 有 10 个类别，但数据有 3 个。");
    }

    @Test
    void concatenateAddsChannelsAndRecurrentLayersFollowReturnSequences() {
        GraphSketch s = GraphSketch.start(SEQUENCE_INPUT, "steps", 28, "features", 28)
                .then(LSTM, "units", 16, "returnSequences", true);
        s.from("input1").then(SIMPLE_RNN, "units", 8, "returnSequences", true);
        s.merge(CONCATENATE, "lstm1", "rnn1").then(LSTM, "units", 5).then(OUTPUT);

        GraphAnalysis a = ShapeInference.analyze(s.graph());

        assertThat(a.problems()).isEmpty();
        assertThat(shape(s.graph(), a, "concat1")).isEqualTo("28×24 seq");
        assertThat(shape(s.graph(), a, "lstm2")).isEqualTo("5");
        assertThat(a.info(id(s.graph(), "lstm1")).parameters()).isEqualTo(4L * 16 * (28 + 16) + 4 * 16);
        assertThat(a.info(id(s.graph(), "rnn1")).parameters()).isEqualTo(8L * (28 + 8) + 8);
    }

    @Test
    void propertyValuesAreCheckedAgainstTheCatalogue() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT).graph();
        String input = g.nodes().iterator().next().id();

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.setProperty(input, "size", 0))
                .hasMessage("size must be between 1 and 10000000, not 0");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> g.setProperty(input, "size", "many"))
                .hasMessage("size must be a whole number, not 'many'");
    }

    private static String id(NetworkGraph g, String name) { return g.nodeNamed(name).orElseThrow().id(); }

    private static String shape(NetworkGraph g, GraphAnalysis a, String name) {
        return a.shapeOf(id(g, name)).map(Shape::display).orElse("?");
    }
}
