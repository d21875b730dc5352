package org.perceptrix.ui.pad;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PadRasterTest {

    @Test
    void aStrokeIsARoundCappedBandWithSoftEdges() {
        PadRaster pad = new PadRaster(100);
        pad.begin(20, 50, 10, false);
        pad.extend(80, 50);
        pad.end();
        assertThat(ink(pad, 50, 50)).isEqualTo(1f);
        assertThat(ink(pad, 50, 44)).isZero(); // 5.5 from the centre line, beyond the radius of 5 plus half a pixel
        assertThat(ink(pad, 50, 40)).isZero();
        assertThat(ink(pad, 14, 50)).isZero();
        assertThat(ink(pad, 16, 50)).as("the round cap").isGreaterThan(0.9f);
        boolean soft = false;
        for (float v : pad.ink()) if (v > 0 && v < 1) soft = true;
        assertThat(soft).as("anti-aliased edge pixels").isTrue();
    }

    @Test
    void greyIsDarkInkOnWhitePaper() {
        PadRaster pad = new PadRaster(50);
        pad.begin(25, 25, 8, false);
        pad.end();
        float[] grey = pad.grey();
        assertThat(grey[25 * 50 + 25]).isZero();
        assertThat(grey[0]).isEqualTo(255f);
        assertThat(pad.isBlank()).isFalse();
    }

    @Test
    void undoTakesBackTheLastStrokeAndTheEraserRemovesInk() {
        PadRaster pad = new PadRaster(100);
        pad.begin(50, 10, 10, false);
        pad.extend(50, 90);
        pad.end();
        float[] line = pad.ink().clone();
        pad.begin(10, 50, 20, true);
        pad.extend(90, 50);
        pad.end();
        assertThat(ink(pad, 50, 50)).isZero();
        assertThat(ink(pad, 50, 20)).isEqualTo(1f);
        assertThat(pad.undo()).isTrue();
        assertThat(pad.ink()).containsExactly(line);
        assertThat(pad.undo()).isTrue();
        assertThat(pad.isBlank()).isTrue();
        assertThat(pad.undo()).isFalse();
    }

    @Test
    void clearEmptiesThePadAndExtendWithoutAStrokeDoesNothing() {
        PadRaster pad = new PadRaster(40);
        pad.begin(20, 20, 6, false);
        pad.end();
        pad.clear();
        assertThat(pad.isBlank()).isTrue();
        assertThat(pad.strokeCount()).isZero();
        pad.extend(10, 10);
        assertThat(pad.isBlank()).isTrue();
    }

    private static float ink(PadRaster pad, int x, int y) { return pad.ink()[y * pad.size() + x]; }
}
