package org.perceptrix.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class FittedScalingTest {

    private static ExampleSet values(float... values) {
        return ExampleSet.of(values, new int[values.length], 1, 1, 1);
    }

    @Test
    void noneLeavesValuesAsTheyAre() {
        FittedScaling none = FittedScaling.fit(Scaling.NONE, values(3, 7));

        assertThat(none).isEqualTo(new FittedScaling(Scaling.NONE, 0, 1));
        assertThat(none.apply(new float[] {3, 7})).containsExactly(3f, 7f);
    }

    @Test
    void minMaxMapsTheTrainingRangeToZeroToOne() {
        FittedScaling minMax = FittedScaling.fit(Scaling.MIN_MAX, values(10, 20, 50));

        assertThat(minMax.offset()).isEqualTo(10);
        assertThat(minMax.scale()).isEqualTo(40);
        assertThat(minMax.apply(new float[] {10, 30, 50, 90})).containsExactly(0f, 0.5f, 1f, 2f);
    }

    @Test
    void standardizeSubtractsMeanAndDividesByStandardDeviation() {
        FittedScaling z = FittedScaling.fit(Scaling.STANDARDIZE, values(2, 4, 4, 4, 5, 5, 7, 9));

        assertThat(z.offset()).isEqualTo(5);
        assertThat(z.scale()).isEqualTo(2);
        assertThat(z.apply(new float[] {5, 9, 1})).containsExactly(0f, 2f, -2f);
    }

    @Test
    void constantDataKeepsAFactorOfOne() {
        assertThat(FittedScaling.fit(Scaling.MIN_MAX, values(4, 4)).scale()).isEqualTo(1);
        assertThat(FittedScaling.fit(Scaling.STANDARDIZE, values(4, 4)).scale()).isEqualTo(1);
        assertThat(FittedScaling.fit(Scaling.STANDARDIZE, values(4, 4)).apply(new float[] {4})).containsExactly(0f);
    }

    @Test
    void applyingToAnExampleSetLeavesTheOriginalUntouched() {
        ExampleSet raw = ExampleSet.of(new float[] {0, 255, 51, 102}, new int[] {1, 0}, 1, 2, 1);
        FittedScaling minMax = FittedScaling.fit(Scaling.MIN_MAX, raw);

        ExampleSet scaled = minMax.apply(raw);

        assertThat(scaled.features()).containsExactly(0f, 1f, 0.2f, 0.4f);
        assertThat(raw.features()).containsExactly(0f, 255f, 51f, 102f);
        assertThat(scaled.labels()).containsExactly(1, 0);
        assertThat(scaled.shape()).isEqualTo(raw.shape());
    }

    @Test
    void restoreUndoesApply() {
        FittedScaling z = new FittedScaling(Scaling.STANDARDIZE, 33.3, 78.5);
        float[] values = {0, 12, 255};

        z.restore(z.apply(values));

        assertThat(values[0]).isCloseTo(0f, within(1e-4f));
        assertThat(values[1]).isCloseTo(12f, within(1e-4f));
        assertThat(values[2]).isCloseTo(255f, within(1e-4f));
    }

    @Test
    void refusesToFitAnEmptyTrainingSet() {
        ExampleSet empty = values(1, 2).head(0);

        assertThatThrownBy(() -> FittedScaling.fit(Scaling.STANDARDIZE, empty))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cannot fit standardize scaling to an empty training set");
        assertThat(FittedScaling.fit(Scaling.NONE, empty)).isEqualTo(FittedScaling.none());
    }

    @Test
    void fittingToRowsGivesTheNumbersOfFittingToThoseRowsCopied() {
        float[] pixels = new float[6 * 3];
        for (int i = 0; i < pixels.length; i++) pixels[i] = (i * 37) % 11 + 0.25f * i;
        ExampleSet set = ExampleSet.of(pixels, new int[6], 3, 1, 1);
        int[] rows = {4, 1, 5};

        for (Scaling scaling : Scaling.values()) {
            assertThat(FittedScaling.fit(scaling, set, rows)).isEqualTo(FittedScaling.fit(scaling, set.subset(rows)));
        }
        assertThat(FittedScaling.fit(Scaling.MIN_MAX, set, rows))
                .isNotEqualTo(FittedScaling.fit(Scaling.MIN_MAX, set));
        assertThatThrownBy(() -> FittedScaling.fit(Scaling.MIN_MAX, set, new int[] {6}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("index 6 is outside 0..5");
    }

    @Test
    void rejectsZeroOrNegativeFactor() {
        assertThatThrownBy(() -> new FittedScaling(Scaling.MIN_MAX, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FittedScaling(Scaling.MIN_MAX, 0, -2)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FittedScaling(Scaling.MIN_MAX, Double.NaN, 1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
