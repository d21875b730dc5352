package org.perceptrix.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.perceptrix.data.DigitPictures.correlation;
import static org.perceptrix.data.DigitPictures.inverted;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perceptrix.data.DigitPictures.Raster;

/** Pictures of MNIST test digits, made bigger, inverted, moved or coloured, come back as the digit they were. */
class DigitPreprocessorTest {
    private static final ExampleSet TEST = DataLoader.bundledMnist().test();

    @TempDir
    Path dir;

    @ParameterizedTest(name = "test digit {0}")
    @ValueSource(ints = {0, 1, 2, 3, 4, 17, 123, 999})
    void anMnistDigitComesBackAsItWas(int index) {
        float[] original = TEST.copyFeatures(index);

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(inverted(original), 28, 28);

        assertThat(digit.empty()).isFalse();
        assertThat(correlation(digit.pixels(), original)).isGreaterThan(0.95);
    }

    @ParameterizedTest(name = "test digit {0}")
    @ValueSource(ints = {0, 1, 7, 42, 555})
    void aDigitFiveTimesLargerScalesBackWithoutAliasing(int index) {
        float[] original = TEST.copyFeatures(index);
        Raster big = Raster.of(original, 28, 28).scaledUp(5);

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(big.values(), big.width(), big.height());

        assertThat(correlation(digit.pixels(), original)).isGreaterThan(0.95);
    }

    @Test
    void aThousandPixelDigitIsAveragedNotSampled() {
        float[] original = TEST.copyFeatures(3);
        // 36× larger, then a one-pixel checkerboard of ink and paper: sampling would catch only one of the two.
        Raster huge = Raster.of(original, 28, 28).scaledUp(36);
        float[] v = huge.values();
        for (int y = 0; y < huge.height(); y++) {
            for (int x = 0; x < huge.width(); x++) if ((x + y) % 2 == 0) v[y * huge.width() + x] = 0;
        }

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(v, huge.width(), huge.height());

        assertThat(correlation(digit.pixels(), original)).isGreaterThan(0.95);
    }

    @Test
    void darkInkOnLightPaperAndLightInkOnDarkGiveTheSameDigit() {
        float[] original = TEST.copyFeatures(11);
        Raster light = Raster.of(original, 28, 28).scaledUp(3).onCanvas(150, 120, 61, 17);

        float[] a = DigitPreprocessor.fromGrey(light.values(), light.width(), light.height()).pixels();
        float[] b = DigitPreprocessor.fromGrey(inverted(light.values()), light.width(), light.height()).pixels();

        assertThat(correlation(a, b)).isGreaterThan(0.999);
        assertThat(correlation(a, original)).isGreaterThan(0.95);
    }

    @ParameterizedTest(name = "ink placed at ({0}, {0})")
    @ValueSource(ints = {0, 40, 200})
    void anOffCentreDigitOnALargeCanvasLandsWithItsCentreOfMassInTheMiddle(int offset) {
        float[] original = TEST.copyFeatures(21);
        Raster moved = Raster.of(original, 28, 28).scaledUp(2).onCanvas(300, 260, offset, offset / 4);

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(inverted(moved.values()), 300, 260);

        double[] com = centreOfMass(digit.pixels());
        assertThat(com[0]).isCloseTo(14.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(com[1]).isCloseTo(14.0, org.assertj.core.data.Offset.offset(1.0));
        assertThat(correlation(digit.pixels(), original)).isGreaterThan(0.95);
    }

    @Test
    void aThinOneKeepsItsAspectRatio() {
        // A vertical bar 8 wide and 200 high: scaled to 20 high it must stay about 1 pixel wide, not be stretched.
        float[] grey = new float[300 * 300];
        java.util.Arrays.fill(grey, 255f);
        for (int y = 50; y < 250; y++) for (int x = 146; x < 154; x++) grey[y * 300 + x] = 0f;

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(grey, 300, 300);

        int[] box = inkBox(digit.pixels());
        assertThat(box[3] - box[1]).isEqualTo(20);
        assertThat(box[2] - box[0]).isBetween(1, 2);
        assertThat(centreOfMass(digit.pixels())[0]).isCloseTo(14.0, org.assertj.core.data.Offset.offset(0.5));
    }

    @Test
    void aColourDrawingOnAColouredBackgroundIsReadLikeGrey() throws IOException {
        float[] original = TEST.copyFeatures(8);
        Raster big = Raster.of(original, 28, 28).scaledUp(4).onCanvas(160, 140, 30, 5);
        BufferedImage colour = big.toColourImage(0x2040a0, 0xf0e040); // yellow ink on blue paper
        Path png = dir.resolve("yellow.png");
        ImageIO.write(colour, "png", png.toFile());

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromImage(DigitPreprocessor.readImage(png));

        assertThat(correlation(digit.pixels(), original)).isGreaterThan(0.95);
    }

    @Test
    void aGreyPngIsReadWithItsOwnGreyLevels() throws IOException {
        float[] original = TEST.copyFeatures(5);
        Path png = dir.resolve("grey.png");
        ImageIO.write(Raster.of(inverted(original), 28, 28).scaledUp(3).toGreyImage(), "png", png.toFile());

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromImage(DigitPreprocessor.readImage(png));

        assertThat(correlation(digit.pixels(), original)).isGreaterThan(0.97);
    }

    @Test
    void strokesOnATransparentBackgroundAreInk() {
        float[] original = TEST.copyFeatures(9);
        BufferedImage image = new BufferedImage(56, 56, BufferedImage.TYPE_INT_ARGB);
        Raster big = Raster.of(original, 28, 28).scaledUp(2);
        for (int y = 0; y < 56; y++) {
            for (int x = 0; x < 56; x++) {
                int alpha = Math.round(big.values()[y * 56 + x]);
                image.setRGB(x, y, alpha << 24); // black strokes, fully transparent paper
            }
        }

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromImage(image);

        assertThat(correlation(digit.pixels(), original)).isGreaterThan(0.95);
    }

    @Test
    void aBlankPictureIsAnEmptyDigit() {
        float[] paper = new float[100 * 80];
        java.util.Arrays.fill(paper, 240f);
        paper[500] = 236f; // a faint speck is not ink

        DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(paper, 100, 80);

        assertThat(digit.empty()).isTrue();
        assertThat(digit.pixels()).containsOnly(0f);
    }

    @Test
    void aDigitHasRawPixelValuesWithFullInkAt255() {
        DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(inverted(TEST.copyFeatures(0)), 28, 28);

        float max = 0;
        for (float v : digit.pixels()) {
            assertThat(v).isBetween(0f, 255f);
            max = Math.max(max, v);
        }
        assertThat(max).isEqualTo(255f);
    }

    @Test
    void readingSomethingThatIsNotAnImageSaysSoInOneLine() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.png"), "not really a picture");

        assertThatThrownBy(() -> DigitPreprocessor.readImage(text)).isInstanceOf(DataException.class)
                .hasMessage("notes.png: not an image (expected PNG or JPEG)");
        assertThatThrownBy(() -> DigitPreprocessor.readImage(dir.resolve("missing.png")))
                .isInstanceOf(DataException.class).hasMessageStartingWith("file not found: ");
    }

    static double[] centreOfMass(float[] pixels) {
        double m = 0;
        double mx = 0;
        double my = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                float v = pixels[y * 28 + x];
                m += v;
                mx += v * x;
                my += v * y;
            }
        }
        return new double[] {mx / m, my / m};
    }

    /** {x0, y0, x1, y1} (end exclusive) of the non-zero pixels. */
    static int[] inkBox(float[] pixels) {
        int x0 = 28;
        int y0 = 28;
        int x1 = 0;
        int y1 = 0;
        for (int y = 0; y < 28; y++) {
            for (int x = 0; x < 28; x++) {
                if (pixels[y * 28 + x] > 0) {
                    x0 = Math.min(x0, x);
                    y0 = Math.min(y0, y);
                    x1 = Math.max(x1, x + 1);
                    y1 = Math.max(y1, y + 1);
                }
            }
        }
        return new int[] {x0, y0, x1, y1};
    }
}
