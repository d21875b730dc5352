package org.perceptrix.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CancellationException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.export.StarterModel;
import org.perceptrix.evaluate.TestPredictions.Filter;
import org.perceptrix.project.ProjectTraining;
import org.perceptrix.project.Templates;
import org.perceptrix.train.TrainedModel;

/** Per-example results of a model on its test set: cells of the confusion matrix, mistakes by confidence, reconstructions. */
class TestResultsTest {
    private static final List<String> ABC = List.of("a", "b", "c");

    @TempDir
    java.nio.file.Path dir;

    /** Four one-pixel examples with labels a, b, c, b and the given probability rows. */
    private static TestPredictions predictions(float[]... rows) {
        ExampleSet test = ExampleSet.of(new float[] {1, 2, 3, 4}, new int[] {0, 1, 2, 1}, 1, 1, 1, ABC);
        float[] flat = new float[rows.length * 3];
        for (int i = 0; i < rows.length; i++) System.arraycopy(rows[i], 0, flat, i * 3, 3);
        return TestPredictions.of(test, flat, ABC);
    }

    private final TestPredictions sample = predictions(
            new float[] {0.7f, 0.2f, 0.1f},   // a → a
            new float[] {0.6f, 0.3f, 0.1f},   // b → a, 60 %
            new float[] {0.1f, 0.1f, 0.8f},   // c → c
            new float[] {0.9f, 0.05f, 0.05f}); // b → a, 90 %

    @Test
    void aCellSelectsExactlyTheExamplesItCountsMostConfidentFirst() {
        assertThat(sample.report().confusion()[1][0]).isEqualTo(2);
        assertThat(sample.select(Filter.cell(1, 0))).containsExactly(3, 1);
        assertThat(sample.select(Filter.cell(0, 0))).containsExactly(0);
        assertThat(sample.select(Filter.cell(2, 1))).isEmpty();
        assertThat(sample.report().accuracy()).isEqualTo(0.5);
    }

    @Test
    void mistakesComeMostConfidentFirstAndFiltersByTrueOrPredictedClass() {
        assertThat(sample.select(Filter.mistakes())).containsExactly(3, 1);
        assertThat(sample.select(Filter.all())).containsExactly(3, 2, 0, 1);
        assertThat(sample.select(new Filter(Filter.ANY, 0, false))).containsExactly(3, 0, 1);
        assertThat(sample.select(new Filter(2, Filter.ANY, false))).containsExactly(2);
        assertThat(sample.select(new Filter(2, Filter.ANY, true))).isEmpty();
    }

    @Test
    void topThreeAreTheMostLikelyClassesInOrder() {
        assertThat(sample.top(1, 3)).extracting(DigitClassifier.ClassProbability::label).containsExactly("a", "b", "c");
        assertThat(sample.top(2, 2)).extracting(DigitClassifier.ClassProbability::label).containsExactly("c", "a");
        assertThat(sample.confidence(3)).isEqualTo(0.9f);
        assertThat(sample.predicted(1)).isZero();
        assertThat(sample.actual(1)).isEqualTo(1);
    }

    @Test
    void macroAveragesSkipClassesWithoutExamples() {
        ClassificationReport r = ClassificationReport.of(new int[] {0, 0, 1}, new int[] {0, 1, 1}, ABC);
        ClassificationReport.ClassScore macro = r.macroAverage("macro");
        assertThat(macro.precision()).isCloseTo((1 + 0.5) / 2, within(1e-9));
        assertThat(macro.recall()).isCloseTo((0.5 + 1) / 2, within(1e-9));
        assertThat(macro.f1()).isEqualTo(r.macroF1());
        assertThat(macro.support()).isEqualTo(3);
    }

    @Test
    void outputsThatDoNotFitTheExamplesAreRefused() {
        ExampleSet test = ExampleSet.of(new float[] {1, 2}, new int[] {0, 1}, 1, 1, 1, ABC);
        assertThatThrownBy(() -> TestPredictions.of(test, new float[5], ABC))
                .hasMessage("5 outputs do not make 2 rows of 3 class probabilities");
    }

    @Test
    void theStarterModelOnASliceAgreesWithTheEvaluatorAndReportsProgressPerBatch() {
        TrainedModel model = StarterModel.load().model();
        ExampleSet test = DataLoader.bundledMnist().test().head(1100);
        List<Double> progress = new ArrayList<>();

        TestPredictions p = (TestPredictions) TestResults.compute(model, test, progress::add, () -> false);

        ClassificationReport expected = Evaluator.classify(model, test);
        assertThat(p.report().confusion()).isDeepEqualTo(expected.confusion());
        assertThat(p.report().accuracy()).isEqualTo(expected.accuracy()).isGreaterThan(0.9);
        assertThat(progress).hasSize(3).last().isEqualTo(1.0);
        int mistakes = p.select(Filter.mistakes()).length;
        assertThat(mistakes).isEqualTo(Math.round(1100 * (1 - expected.accuracy())));
        assertThat(p.top(0, 3).get(0).label()).isEqualTo(Integer.toString(p.predicted(0)));
    }

    @Test
    void cancellingStopsBetweenBatches() {
        TrainedModel model = StarterModel.load().model();
        ExampleSet test = DataLoader.bundledMnist().test().head(1100);
        int[] batches = {0};
        assertThatThrownBy(() -> TestResults.compute(model, test, f -> batches[0]++, () -> batches[0] >= 1))
                .isInstanceOf(CancellationException.class);
        assertThat(batches[0]).isEqualTo(1);
    }

    @Test
    void aModelThatDoesNotFitItsTestSetSaysWhy() {
        TrainedModel model = StarterModel.load().model();
        ExampleSet tiny = ExampleSet.of(new float[4], new int[] {0}, 2, 2, 1, ABC);
        assertThat(TestResults.unsuitable(model, tiny))
                .contains("the model takes 784 values per example but its test examples have 4 (2×2×1)");
    }

    @Test
    void anAutoencoderGivesReconstructionsInPixelsAndErrorsWorstFirst() {
        var data = DataLoader.bundledMnist();
        var outcome = new ProjectTraining(Templates.load("autoencoder"), data, dir,
                new ProjectTraining.Options(OptionalInt.of(1), OptionalInt.of(200), Optional.empty()), e -> { }).run();
        TrainedModel model = outcome.training().model().orElseThrow();
        ExampleSet test = data.test().head(300);

        TestReconstructions r = (TestReconstructions) TestResults.compute(model, test, f -> { }, () -> false);

        assertThat(r.meanError()).isCloseTo(Evaluator.reconstructionError(model, test), within(1e-5));
        int[] worst = r.worstFirst(Filter.ANY);
        assertThat(worst).hasSize(300);
        assertThat(r.error(worst[0])).isGreaterThanOrEqualTo(r.error(worst[299]));
        assertThat(java.util.Arrays.stream(r.worstFirst(7)).map(test::label)).isNotEmpty().containsOnly(7);
        float[] pixels = r.reconstruction(worst[0]);
        assertThat(pixels).hasSize(784);
        double max = 0;
        for (float v : pixels) max = Math.max(max, v);
        assertThat(max).as("reconstruction in pixel units, not 0..1").isGreaterThan(10);
    }
}
