package org.perceptrix.ui.training;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import javafx.scene.Scene;
import javafx.scene.paint.Color;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The training panel hands every chart its lines 10 times a second; a chart whose points did not change keeps them. */
@ExtendWith(ApplicationExtension.class)
class ChartViewTest {
    private ChartView chart;

    @Start
    void start(Stage stage) {
        chart = new ChartView("chart-test", "test");
        chart.setPrefSize(400, 200);
        stage.setScene(new Scene(chart, 400, 200));
        stage.show();
    }

    @Test
    void redrawsOnlyWhenTheLinesOrTheirPointsChange() throws Exception {
        Series a = new Series();
        a.add(0, 1);
        a.add(1, 2);
        Series b = new Series();

        int[] redraws = WaitForAsyncUtils.asyncFx(() -> {
            int[] r = new int[6];
            chart.setLines(List.of(new ChartView.Line("a", a, Color.BLUE, 1, false, false)));
            r[0] = chart.redraws();
            chart.setLines(List.of(new ChartView.Line("a", a, Color.BLUE, 1, false, false))); // the same: kept
            r[1] = chart.redraws();
            a.add(2, 3); // a new point: drawn
            chart.setLines(List.of(new ChartView.Line("a", a, Color.BLUE, 1, false, false)));
            r[2] = chart.redraws();
            r[3] = chart.drawnPoints();
            a.clear(); // cleared and refilled to the same size: drawn again
            a.add(0, 5);
            a.add(1, 6);
            a.add(2, 7);
            chart.setLines(List.of(new ChartView.Line("a", a, Color.BLUE, 1, false, false)));
            r[4] = chart.redraws();
            chart.setLines(List.of(new ChartView.Line("a", a, Color.RED, 1, false, false),
                    new ChartView.Line("b", b, Color.GREEN, 1, false, false))); // other lines: drawn
            r[5] = chart.redraws();
            return r;
        }).get();

        assertThat(redraws[1]).isEqualTo(redraws[0]);
        assertThat(redraws[2]).isEqualTo(redraws[0] + 1);
        assertThat(redraws[3]).isEqualTo(3);
        assertThat(redraws[4]).isEqualTo(redraws[0] + 2);
        assertThat(redraws[5]).isEqualTo(redraws[0] + 3);
    }
}
