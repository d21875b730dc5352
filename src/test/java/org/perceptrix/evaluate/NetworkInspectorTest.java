package org.perceptrix.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DigitPreprocessor;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.FittedScaling;
import org.perceptrix.export.StarterModel;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.Shape;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.project.Project;
import org.perceptrix.project.Templates;
import org.perceptrix.train.TrainedModel;

class NetworkInspectorTest {
    private static TrainedModel starter;
    private static DigitPreprocessor.Digit seven;
    private static int sevenLabel;

    @BeforeAll
    static void load() {
        starter = StarterModel.load().model();
        ExampleSet test = DataLoader.bundledMnist().test();
        seven = new DigitPreprocessor.Digit(test.copyFeatures(0), false);
        sevenLabel = test.label(0);
    }

    @Test
    void everyLayerShowsTheShapeTheDesignerInfers() {
        Project lenet = Templates.load("lenet");
        GraphAnalysis analysis = ShapeInference.analyze(lenet.graph());
        TrainedModel untrained = new TrainedModel(GraphCompiler.compile(lenet.graph(), lenet.training()).newNetwork(),
                new org.perceptrix.compile.InputLayout(new Shape.Image(28, 28, 1)), FittedScaling.none(),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), org.perceptrix.graph.DataSignature.Target.LABELS,
                "untrained");

        NetworkInspector.Inspection inside = new NetworkInspector(untrained).inspect(seven);

        Map<String, NetworkInspector.LayerActivation> byName = inside.layers().stream()
                .collect(Collectors.toMap(NetworkInspector.LayerActivation::layer, a -> a));
        List<String> expected = lenet.graph().nodes().stream().filter(n -> !n.type().isInput())
                .map(LayerNode::name).toList();
        assertThat(byName.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(inside.layers().get(0).layer()).isEqualTo("conv1");
        assertThat(inside.layers().get(inside.layers().size() - 1).layer()).isEqualTo("output");
        for (LayerNode n : lenet.graph().nodes()) {
            if (n.type().isInput()) continue;
            Shape shape = analysis.shapeOf(n.id()).orElseThrow();
            NetworkInspector.LayerActivation a = byName.get(n.name());
            if (shape instanceof Shape.Image i) {
                assertThat(a).as(n.name()).isInstanceOf(NetworkInspector.FeatureMaps.class);
                NetworkInspector.FeatureMaps maps = (NetworkInspector.FeatureMaps) a;
                assertThat(new int[] {maps.channels(), maps.height(), maps.width()}).as(n.name())
                        .containsExactly(i.channels(), i.height(), i.width());
            } else {
                assertThat(a).as(n.name()).isInstanceOf(NetworkInspector.Units.class);
                assertThat(((NetworkInspector.Units) a).values()).as(n.name()).hasSize((int) shape.elementCount());
            }
        }
    }

    @Test
    void theFirstConvolutionsFiltersAreItsKernels() {
        NetworkInspector.Filters filters = new NetworkInspector(starter).filters().orElseThrow();
        assertThat(filters.layer()).isEqualTo("conv1");
        assertThat(filters.count()).isEqualTo(20);
        assertThat(filters.height()).isEqualTo(5);
        assertThat(filters.width()).isEqualTo(5);
        double energy = 0;
        for (float[][] f : filters.weights()) for (float[] row : f) for (float v : row) energy += v * v;
        assertThat(energy).isPositive();
    }

    @Test
    void saliencyCoversTheInputAndLightsUpTheInk() {
        NetworkInspector.Inspection inside = new NetworkInspector(starter).inspect(seven);
        assertThat(inside.predictedClass()).isEqualTo(sevenLabel);
        assertThat(inside.saliency()).hasSize(28 * 28);
        double onInk = 0;
        double offInk = 0;
        int inkPixels = 0;
        for (int i = 0; i < inside.saliency().length; i++) {
            if (seven.pixels()[i] > 128) {
                onInk += inside.saliency()[i];
                inkPixels++;
            } else {
                offInk += inside.saliency()[i];
            }
        }
        assertThat(onInk).isPositive();
        assertThat(onInk / inkPixels).as("mean saliency on the ink vs elsewhere")
                .isGreaterThan(offInk / (784 - inkPixels));
        NetworkInspector.Units output = (NetworkInspector.Units) inside.layers().get(inside.layers().size() - 1);
        assertThat(output.values()).containsExactly(starter.predict(seven.pixels()), org.assertj.core.data.Offset.offset(1e-4f));
    }

    @Test
    void saliencyIsTheGradientOfThePredictedClassesScore() {
        // Compared with finite differences on the most salient pixels. ReLU and max pooling make the score piecewise
        // linear with kinks (ties in a pooling window, units at zero); where the slopes just left and right of a pixel's
        // value differ the gradient is not defined, so only pixels with matching one-sided slopes are compared. The
        // score (before softmax) is computed forward from the last hidden units and the output layer's weights.
        NetworkInspector inspector = new NetworkInspector(starter);
        float[] s = inspector.inspect(seven).saliency();
        Integer[] byStrength = new Integer[s.length];
        for (int i = 0; i < s.length; i++) byStrength[i] = i;
        java.util.Arrays.sort(byStrength, (a, b) -> Float.compare(s[b], s[a]));
        double perRawPixel = starter.scaling().apply(new float[] {1f})[0] - starter.scaling().apply(new float[] {0f})[0];
        double here = score(inspector, seven.pixels(), sevenLabel);
        int compared = 0;
        for (int k = 0; k < 40 && compared < 5; k++) {
            int pixel = byStrength[k];
            float h = 0.05f;
            float[] up = seven.pixels().clone();
            float[] down = seven.pixels().clone();
            up[pixel] += h;
            down[pixel] -= h;
            double right = (score(inspector, up, sevenLabel) - here) / h;
            double left = (here - score(inspector, down, sevenLabel)) / h;
            if (Math.abs(right - left) > 0.02 * Math.abs(right)) continue; // a kink
            compared++;
            assertThat(s[pixel] * perRawPixel).as("pixel " + pixel)
                    .isCloseTo(Math.abs((right + left) / 2), org.assertj.core.data.Percentage.withPercentage(3));
        }
        assertThat(compared).as("smooth pixels compared").isGreaterThanOrEqualTo(3);
    }

    @Test
    void aConfidentAnswerStillHasASaliencyMap() {
        // A probability of 1.0 has no gradient left; the class score still has one.
        NetworkInspector.Inspection inside = new NetworkInspector(starter).inspect(seven);
        float[] probabilities = ((NetworkInspector.Units) inside.layers().get(inside.layers().size() - 1)).values();
        assertThat(probabilities[sevenLabel]).isGreaterThan(0.99f);
        double total = 0;
        for (float v : inside.saliency()) total += v;
        assertThat(total).isGreaterThan(1e-3);
    }

    private static double score(NetworkInspector inspector, float[] pixels, int c) {
        List<NetworkInspector.LayerActivation> layers = inspector.inspect(new DigitPreprocessor.Digit(pixels, false)).layers();
        float[] hidden = ((NetworkInspector.Units) layers.get(layers.size() - 2)).values();
        org.nd4j.linalg.api.ndarray.INDArray w = starter.network().getLayer("output").getParam("W");
        org.nd4j.linalg.api.ndarray.INDArray b = starter.network().getLayer("output").getParam("b");
        double z = b.getDouble(c);
        for (int i = 0; i < hidden.length; i++) z += hidden[i] * w.getDouble(i, c);
        return z;
    }

    @Test
    void inspectingDoesNotDisturbPredictionsRunningAtTheSameTime() throws Exception {
        NetworkInspector inspector = new NetworkInspector(starter);
        float[] expected = starter.predict(seven.pixels());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> inspecting = pool.submit(() -> {
                for (int i = 0; i < 20; i++) inspector.inspect(seven);
            });
            Future<?> predicting = pool.submit(() -> {
                for (int i = 0; i < 200; i++) {
                    assertThat(starter.predict(seven.pixels())).containsExactly(expected, org.assertj.core.data.Offset.offset(1e-5f));
                }
            });
            inspecting.get();
            predicting.get();
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aSequenceModelIsLookedInsideRowByRow() {
        Project lstm = Templates.load("lstm");
        GraphAnalysis analysis = ShapeInference.analyze(lstm.graph());
        LayerNode input = lstm.graph().nodes().stream().filter(n -> n.type().isInput()).findFirst().orElseThrow();
        TrainedModel model = new TrainedModel(GraphCompiler.compile(lstm.graph(), lstm.training()).newNetwork(),
                new org.perceptrix.compile.InputLayout(analysis.shapeOf(input.id()).orElseThrow()), FittedScaling.none(),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), org.perceptrix.graph.DataSignature.Target.LABELS,
                "lstm");

        NetworkInspector inspector = new NetworkInspector(model);
        NetworkInspector.Inspection inside = inspector.inspect(seven);

        assertThat(inspector.filters()).isEmpty();
        assertThat(inside.layers()).extracting(NetworkInspector.LayerActivation::layer).containsExactly("lstm1", "output");
        assertThat(inside.saliency()).hasSize(28 * 28);
        double total = 0;
        for (float v : inside.saliency()) total += v;
        assertThat(total).isPositive();
    }

    @Test
    void aModelThatDoesNotReadDigitsIsRefusedWithTheReason() {
        Project ae = Templates.load("autoencoder");
        TrainedModel autoencoder = new TrainedModel(GraphCompiler.compile(ae.graph(), ae.training()).newNetwork(),
                new org.perceptrix.compile.InputLayout(new Shape.Vector(784)), FittedScaling.none(), List.of(),
                org.perceptrix.graph.DataSignature.Target.INPUT, "ae");
        assertThatThrownBy(() -> new NetworkInspector(autoencoder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a classifier");
    }
}
