package org.perceptrix.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
        BufferedImage colour = new BufferedImage(160, 140, BufferedImage.TYPE_INT_RGB);
        int paper = 0x2040a0; // blue paper, yellow ink
        int ink = 0xf0e040;
        for (int y = 0; y < 140; y++) {
            for (int x = 0; x < 160; x++) colour.setRGB(x, y, mix(paper, ink, big.values()[y * 160 + x] / 255f));
        }
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

    // --- helpers shared with the command-line and robustness tests ---

    /** A grey raster, values 0..255 row by row. */
    record Raster(float[] values, int width, int height) {
        static Raster of(float[] values, int width, int height) {
            return new Raster(values.clone(), width, height);
        }

        /** Each pixel becomes a k × k block, so area averaging by 1/k gives the original back exactly. */
        Raster scaledUp(int k) {
            float[] out = new float[width * k * height * k];
            for (int y = 0; y < height * k; y++) {
                for (int x = 0; x < width * k; x++) out[y * width * k + x] = values[(y / k) * width + x / k];
            }
            return new Raster(out, width * k, height * k);
        }

        /** This raster pasted at (x, y) on a black canvas of w × h. */
        Raster onCanvas(int w, int h, int x, int y) {
            float[] out = new float[w * h];
            for (int r = 0; r < height; r++) System.arraycopy(values, r * width, out, (y + r) * w + x, width);
            return new Raster(out, w, h);
        }

        BufferedImage toGreyImage() {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            int[] samples = new int[values.length];
            for (int i = 0; i < samples.length; i++) samples[i] = Math.round(values[i]);
            image.getRaster().setSamples(0, 0, width, height, 0, samples);
            return image;
        }
    }

    static float[] inverted(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) out[i] = 255f - values[i];
        return out;
    }

    static int mix(int from, int to, float t) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (from >> shift) & 0xff;
            int b = (to >> shift) & 0xff;
            rgb |= Math.round(a + (b - a) * t) << shift;
        }
        return rgb;
    }

    static double correlation(float[] a, float[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (a[i] - ma) * (b[i] - mb);
            aa += (a[i] - ma) * (a[i] - ma);
            bb += (b[i] - mb) * (b[i] - mb);
        }
        return ab / Math.sqrt(aa * bb);
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
