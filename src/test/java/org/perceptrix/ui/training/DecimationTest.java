package org.perceptrix.ui.training;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Drawing 100,000 points costs about two per pixel column, and no spike is lost. */
class DecimationTest {

    @Test
    void hundredThousandPointsDrawAtMostTwoPerColumnAndKeepMinimaAndMaxima() {
        Series s = new Series();
        Random r = new Random(1);
        for (int i = 0; i < 100_000; i++) s.add(i / 1000.0, 1 + r.nextDouble());
        s.add(100.0005, 1.5); // still ascending
        // two spikes the drawing must show
        Series spiky = new Series();
        for (int i = 0; i < s.size(); i++) spiky.add(s.x(i), i == 31_337 ? 50 : i == 77_777 ? -3 : s.y(i));
        int width = 800;
        Decimation.Points p = Decimation.minMaxPerColumn(spiky, 0, 100.0005, width);
        assertThat(p.size()).isLessThanOrEqualTo(2 * width + 2).isGreaterThan(width);
        double max = Double.NEGATIVE_INFINITY;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < p.size(); i++) {
            max = Math.max(max, p.ys()[i]);
            min = Math.min(min, p.ys()[i]);
            if (i > 0) assertThat(p.xs()[i]).isGreaterThanOrEqualTo(p.xs()[i - 1]);
        }
        assertThat(max).isEqualTo(50);
        assertThat(min).isEqualTo(-3);
        assertThat(s.size()).isEqualTo(100_001); // everything stays recorded
    }

    @Test
    void aZoomedWindowDrawsOnlyItsPointsPlusOneNeighbourEachSide() {
        Series s = new Series();
        for (int i = 0; i < 100; i++) s.add(i, i);
        Decimation.Points p = Decimation.minMaxPerColumn(s, 10, 20, 500);
        assertThat(p.size()).isEqualTo(13);
        assertThat(p.xs()[0]).isEqualTo(9);
        assertThat(p.xs()[12]).isEqualTo(21);
    }

    @Test
    void fewPointsAreDrawnAsTheyAre() {
        Series s = new Series();
        s.add(1, 0.5);
        s.add(2, 0.7);
        assertThat(Decimation.minMaxPerColumn(s, 0, 2, 300).size()).isEqualTo(2);
        assertThat(Decimation.minMaxPerColumn(new Series(), 0, 1, 300).size()).isZero();
    }

    @Test
    void gridTicksStopEvenWhenTheStepIsBelowTheValuesPrecision() {
        double lr = 0.001;
        double step = ChartView.niceStep((Math.nextUp(lr) - lr) / 5); // smaller than one ulp of lr
        assertThat(ChartView.ticks(lr, Math.nextUp(lr), step).length).isBetween(1, ChartView.MAX_TICKS);
        assertThat(ChartView.ticks(0, 1, 0.2)).hasSize(6).startsWith(0.0).endsWith(1.0);
        assertThat(ChartView.ticks(0, 1e9, 1)).hasSize(ChartView.MAX_TICKS);
        assertThat(ChartView.ticks(1, 0, 0.1)).isEmpty();
    }
}
