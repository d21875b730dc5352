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
    void saliencyIsTheGradientOfThePredictedClassesLogProbability() {
        // Compared with central differences on the most salient pixels (ReLU networks are piecewise linear, so a
        // small step in raw pixel units stays on one linear piece nearly always).
        NetworkInspector.Inspection inside = new NetworkInspector(starter).inspect(seven);
        float[] s = inside.saliency();
        Integer[] byStrength = new Integer[s.length];
        for (int i = 0; i < s.length; i++) byStrength[i] = i;
        java.util.Arrays.sort(byStrength, (a, b) -> Float.compare(s[b], s[a]));
        double scale = starter.scaling().apply(new float[] {1f})[0] - starter.scaling().apply(new float[] {0f})[0];
        int agree = 0;
        for (int k = 0; k < 5; k++) {
            int pixel = byStrength[k];
            float h = 0.5f;
            float[] up = seven.pixels().clone();
            float[] down = seven.pixels().clone();
            up[pixel] += h;
            down[pixel] -= h;
            double numeric = (Math.log(starter.predict(up)[sevenLabel]) - Math.log(starter.predict(down)[sevenLabel])) / (2 * h);
            double analytic = s[pixel] * scale; // the saliency is per scaled pixel
            if (Math.abs(Math.abs(numeric) - analytic) <= 0.1 * analytic + 1e-6) agree++;
        }
        assertThat(agree).as("pixels whose saliency matches the numeric gradient").isGreaterThanOrEqualTo(4);
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
    void aModelThatDoesNotReadDigitsIsRefusedWithTheReason() {
        Project ae = Templates.load("autoencoder");
        TrainedModel autoencoder = new TrainedModel(GraphCompiler.compile(ae.graph(), ae.training()).newNetwork(),
                new org.perceptrix.compile.InputLayout(new Shape.Vector(784)), FittedScaling.none(), List.of(),
                org.perceptrix.graph.DataSignature.Target.INPUT, "ae");
        assertThatThrownBy(() -> new NetworkInspector(autoencoder)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a classifier");
    }
}
