package org.perceptrix.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.Shape;

class ExampleSetTest {

    /** {@code n} examples of 2×1×1 values; example i holds (i, -i) and label i % 3, so each is recognisable. */
    private static ExampleSet numbered(int n) {
        float[] features = new float[2 * n];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            features[2 * i] = i;
            features[2 * i + 1] = -i;
            labels[i] = i % 3;
        }
        return ExampleSet.of(features, labels, 2, 1, 1);
    }

    /** Which original examples a set holds, read back from their first value. */
    private static List<Integer> ids(ExampleSet set) {
        List<Integer> ids = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            float[] f = set.copyFeatures(i);
            assertThat(f[1]).isEqualTo(-f[0]);
            assertThat(set.label(i)).isEqualTo((int) f[0] % 3);
            ids.add((int) f[0]);
        }
        return ids;
    }

    @Test
    void describesItsShapeAndClasses() {
        ExampleSet set = ExampleSet.of(new float[2 * 12], new int[] {0, 9}, 3, 4, 1);

        assertThat(set.size()).isEqualTo(2);
        assertThat(set.featureCount()).isEqualTo(12);
        assertThat(set.shape()).isEqualTo(new Shape.Image(3, 4, 1));
        assertThat(set.numClasses()).isEqualTo(10);
        assertThat(set.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
        assertThat(set.signature(DataSignature.Target.LABELS))
                .isEqualTo(new DataSignature(12, 10, DataSignature.Target.LABELS));
    }

    @Test
    void keepsItsOwnCopyOfTheGivenArrays() {
        float[] features = {1, 2};
        int[] labels = {0};
        ExampleSet set = ExampleSet.of(features, labels, 1, 2, 1);

        features[0] = 99;
        labels[0] = 5;

        assertThat(set.copyFeatures(0)).containsExactly(1f, 2f);
        assertThat(set.label(0)).isZero();
    }

    @Test
    void copyFeaturesDoesNotExposeTheBackingArray() {
        ExampleSet set = numbered(3);

        set.copyFeatures(1)[0] = 42;

        assertThat(set.copyFeatures(1)).containsExactly(1f, -1f);
    }

    @Test
    void countsExamplesPerClass() {
        assertThat(numbered(7).classCounts()).containsExactly(3, 2, 2);
    }

    @Test
    void rejectsFeaturesThatDoNotMatchTheShape() {
        assertThatThrownBy(() -> ExampleSet.of(new float[5], new int[] {0, 1}, 2, 1, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("need 4 feature values, not 5");
    }

    @Test
    void rejectsLabelOutsideTheClasses() {
        assertThatThrownBy(() -> ExampleSet.of(new float[2], new int[] {0, 2}, 1, 1, 1, List.of("cat", "dog")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("label 2 of example 1 is outside 0..1");
    }

    @Test
    void rejectsNegativeLabel() {
        assertThatThrownBy(() -> ExampleSet.of(new float[2], new int[] {0, -1}, 1, 1, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void subsetTakesTheGivenExamplesInOrderAndKeepsTheClasses() {
        ExampleSet set = numbered(10);

        ExampleSet subset = set.subset(new int[] {4, 1, 4});

        assertThat(ids(subset)).containsExactly(4, 1, 4);
        assertThat(subset.numClasses()).isEqualTo(3);
        assertThat(subset.shape()).isEqualTo(set.shape());
    }

    @Test
    void subsetRejectsIndexOutOfRange() {
        assertThatThrownBy(() -> numbered(3).subset(new int[] {0, 3}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("index 3 is outside 0..2");
    }

    @Test
    void headTakesTheFirstExamples() {
        assertThat(ids(numbered(10).head(3))).containsExactly(0, 1, 2);
        assertThat(numbered(10).head(50).size()).isEqualTo(10);
        assertThat(numbered(10).head(0).size()).isZero();
        assertThatThrownBy(() -> numbered(10).head(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shuffleIsAPermutationFixedBySeed() {
        ExampleSet set = numbered(100);

        List<Integer> first = ids(set.shuffled(7));

        assertThat(first).containsExactlyInAnyOrderElementsOf(ids(set)).isNotEqualTo(ids(set));
        assertThat(ids(set.shuffled(7))).isEqualTo(first);
        assertThat(ids(set.shuffled(8))).isNotEqualTo(first);
    }

    @Test
    void splitIsDisjointAndComplete() {
        ExampleSet.Split split = numbered(100).split(0.2, 42);

        assertThat(split.train().size()).isEqualTo(80);
        assertThat(split.validation().size()).isEqualTo(20);
        List<Integer> all = new ArrayList<>(ids(split.train()));
        all.addAll(ids(split.validation()));
        assertThat(all).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 100).boxed().toList());
    }

    @Test
    void sameSeedGivesTheSameSplit() {
        ExampleSet set = numbered(100);

        ExampleSet.Split a = set.split(0.3, 42);
        ExampleSet.Split b = set.split(0.3, 42);
        ExampleSet.Split c = set.split(0.3, 43);

        assertThat(ids(a.validation())).isEqualTo(ids(b.validation()));
        assertThat(ids(a.train())).isEqualTo(ids(b.train()));
        assertThat(ids(c.validation())).isNotEqualTo(ids(a.validation()));
    }

    @Test
    void splitIndicesNameTheExamplesOfTheSplitInItsOrder() {
        ExampleSet set = numbered(50);

        ExampleSet.Split split = set.split(0.3, 7);
        ExampleSet.SplitIndices indices = set.splitIndices(0.3, 7);

        assertThat(java.util.Arrays.stream(indices.train()).boxed().toList()).isEqualTo(ids(split.train()));
        assertThat(java.util.Arrays.stream(indices.validation()).boxed().toList()).isEqualTo(ids(split.validation()));
    }

    @Test
    void splitOfZeroLeavesValidationEmpty() {
        ExampleSet.Split split = numbered(10).split(0, 1);

        assertThat(split.train().size()).isEqualTo(10);
        assertThat(split.validation().isEmpty()).isTrue();
        assertThat(split.validation().numClasses()).isEqualTo(3);
        assertThat(split.validation().featureCount()).isEqualTo(2);
    }

    @Test
    void splitKeepsAtLeastOneTrainingExample() {
        ExampleSet.Split split = numbered(2).split(0.9, 1);

        assertThat(split.train().size()).isEqualTo(1);
        assertThat(split.validation().size()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(doubles = {-0.1, 1.0, 1.5, Double.NaN})
    void rejectsValidationFractionOutsideZeroToOne(double fraction) {
        assertThatThrownBy(() -> numbered(10).split(fraction, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("validation fraction must be at least 0 and below 1");
    }

    @Test
    void foldsValidateEachExampleExactlyOnce() {
        ExampleSet set = numbered(23);

        List<ExampleSet.Split> folds = set.folds(5, 3);

        assertThat(folds).hasSize(5);
        List<Integer> validated = new ArrayList<>();
        for (ExampleSet.Split fold : folds) {
            assertThat(fold.validation().size()).isBetween(4, 5);
            assertThat(fold.train().size() + fold.validation().size()).isEqualTo(23);
            List<Integer> train = ids(fold.train());
            List<Integer> validation = ids(fold.validation());
            assertThat(train).doesNotContainAnyElementsOf(validation);
            validated.addAll(validation);
        }
        assertThat(validated).containsExactlyInAnyOrderElementsOf(IntStream.range(0, 23).boxed().toList());
    }

    @Test
    void foldsAreFixedBySeed() {
        ExampleSet set = numbered(30);

        assertThat(ids(set.folds(3, 9).get(1).validation())).isEqualTo(ids(set.folds(3, 9).get(1).validation()));
    }

    @Test
    void rejectsTooFewOrTooManyFolds() {
        assertThatThrownBy(() -> numbered(10).folds(1, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cross-validation needs at least 2 folds, not 1");
        assertThatThrownBy(() -> numbered(3).folds(4, 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot make 4 folds of 3 examples");
    }

    @Test
    void featuresAreLaidOutExampleAfterExample() {
        ExampleSet set = numbered(3);

        assertThat(set.features()).containsExactly(0f, 0f, 1f, -1f, 2f, -2f);
        assertThat(Arrays.stream(set.labels()).boxed().toList()).containsExactly(0, 1, 2);
    }
}
