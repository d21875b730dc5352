package org.perceptrix.data;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.ComponentColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Turns a picture of one handwritten digit (a drawing-pad raster or an image file of any size, dark on light or light
 * on dark, grey or colour) into what an MNIST digit looks like, following the MNIST paper: ink bright on black, cropped
 * to the ink, scaled with area averaging to fit 20×20 keeping the aspect ratio, and placed in 28×28 with its centre of
 * mass in the middle. The result is raw pixels 0..255, like the IDX files, so a model's own scaling applies to it.
 */
public final class DigitPreprocessor {
    /** Side of the output image: 28, as in MNIST. */
    public static final int SIZE = 28;
    /** Side of the box the ink is scaled to fit: 20, as in MNIST. */
    public static final int BOX = 20;
    /** Images with more pixels are refused rather than risking running out of memory (a 8000×6000 photo fits). */
    public static final long MAX_PIXELS = 50_000_000L;

    // Ink weaker than this fraction of the strongest ink is paper texture, JPEG ringing or scanner noise.
    private static final float NOISE_FRACTION = 0.05f;
    // The crop ignores this fraction of the ink mass on each side, so a stray speck does not shrink the digit.
    private static final double SPECK_MASS_FRACTION = 0.001;
    // Contrast (of 255) below which a picture counts as blank.
    private static final float EMPTY_CONTRAST = 10f;
    // Where MNIST digits' centre of mass lies, as a pixel index (measured over the test set: 14.00, 13.99).
    private static final double CENTRE = SIZE / 2.0;

    /**
     * One digit as a network sees it: {@link #SIZE}×{@link #SIZE} raw pixel values 0..255, row by row, ink bright.
     * {@code empty} says the picture had no ink, in which case every pixel is 0.
     */
    public record Digit(float[] pixels, boolean empty) {
        public Digit {
            Objects.requireNonNull(pixels);
            if (pixels.length != SIZE * SIZE) {
                throw new IllegalArgumentException("a digit has " + SIZE * SIZE + " pixels, not " + pixels.length);
            }
        }

        /** Pixel at column {@code x}, row {@code y}. */
        public float pixel(int x, int y) { return pixels[y * SIZE + x]; }
    }

    private DigitPreprocessor() {
    }

    /**
     * Prepares a greyscale raster: {@code grey} holds width × height grey levels row by row, 0 black .. 255 white (any
     * polarity: the background is recognised by the colour along the border).
     */
    public static Digit fromGrey(float[] grey, int width, int height) {
        checkSize(width, height);
        if (grey.length != width * height) {
            throw new IllegalArgumentException("a " + width + "×" + height + " raster has " + width * height
                    + " values, not " + grey.length);
        }
        float background = median(border(grey, width, height));
        float[] ink = new float[grey.length];
        for (int i = 0; i < grey.length; i++) ink[i] = Math.abs(grey[i] - background);
        return fromInk(ink, width, height);
    }

    /** Prepares an image of any size and kind (grey, colour, palette, with or without transparency). */
    public static Digit fromImage(BufferedImage image) {
        checkSize(image.getWidth(), image.getHeight());
        return fromInk(inkOf(image), image.getWidth(), image.getHeight());
    }

    /**
     * Reads a PNG, JPEG, GIF or BMP file.
     *
     * @throws DataException one line naming the file: missing, not an image, too large, or unreadable
     */
    public static BufferedImage readImage(Path file) {
        String name = String.valueOf(file.getFileName());
        if (!Files.exists(file)) throw new DataException("file not found: " + file);
        if (Files.isDirectory(file)) throw new DataException(name + ": is a folder, not an image");
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) throw new DataException(name + ": cannot be read");
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) throw new DataException(name + ": not an image (expected PNG or JPEG)");
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                long pixels = (long) reader.getWidth(0) * reader.getHeight(0);
                if (pixels > MAX_PIXELS) {
                    throw new DataException(name + ": image too large (" + reader.getWidth(0) + "×"
                            + reader.getHeight(0) + " pixels; at most " + MAX_PIXELS / 1_000_000 + " megapixels)");
                }
                BufferedImage image = reader.read(0);
                checkSize(image.getWidth(), image.getHeight());
                return image;
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            if (e instanceof DataException d) throw d;
            throw new DataException(name + ": not a readable image (" + e.getMessage() + ")", e);
        }
    }

    // Ink is how far each pixel's colour lies from the background colour (the median along the border), so dark on
    // light, light on dark and coloured ink on coloured paper all come out the same way.
    private static float[] inkOf(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        float[][] channels = rgbaOf(image); // r, g, b (or one grey band), alpha; 0..255
        int colours = channels.length - 1;
        float[] alpha = channels[colours];
        if (alpha != null) compositeOverContrastingPaper(channels, alpha);
        float[] background = new float[colours];
        for (int c = 0; c < colours; c++) background[c] = median(border(channels[c], w, h));
        float[] ink = new float[w * h];
        for (int i = 0; i < ink.length; i++) {
            double sum = 0;
            for (int c = 0; c < colours; c++) {
                double d = channels[c][i] - background[c];
                sum += d * d;
            }
            // Scaled so that black on white is 255, whatever the number of colour channels.
            ink[i] = (float) Math.sqrt(sum / colours);
        }
        return ink;
    }

    // A transparent drawing shows its strokes through the alpha channel: put it on paper that contrasts with the
    // strokes' own colour (white behind dark strokes, black behind light ones) so they stay visible.
    private static void compositeOverContrastingPaper(float[][] channels, float[] alpha) {
        int colours = channels.length - 1;
        double weighted = 0;
        double weights = 0;
        for (int i = 0; i < alpha.length; i++) {
            double lum = 0;
            for (int c = 0; c < colours; c++) lum += channels[c][i];
            weighted += alpha[i] * lum / colours;
            weights += alpha[i];
        }
        float paper = weights > 0 && weighted / weights < 128 ? 255f : 0f;
        for (int i = 0; i < alpha.length; i++) {
            float a = alpha[i] / 255f;
            for (int c = 0; c < colours; c++) channels[c][i] = a * channels[c][i] + (1 - a) * paper;
        }
    }

    // Grey images are read from the raster: getRGB would pass them through Java's linear-grey colour conversion
    // and brighten every mid-tone.
    private static float[][] rgbaOf(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        ColorModel cm = image.getColorModel();
        if (cm instanceof ComponentColorModel && cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY) {
            Raster raster = image.getRaster();
            float[] grey = bandOf(raster, 0, cm.getComponentSize(0));
            float[] alpha = cm.hasAlpha() ? bandOf(raster, raster.getNumBands() - 1,
                    cm.getComponentSize(cm.getNumComponents() - 1)) : null;
            return new float[][] {grey, alpha};
        }
        int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
        float[] r = new float[argb.length];
        float[] g = new float[argb.length];
        float[] b = new float[argb.length];
        float[] alpha = cm.hasAlpha() ? new float[argb.length] : null;
        for (int i = 0; i < argb.length; i++) {
            int p = argb[i];
            r[i] = (p >> 16) & 0xff;
            g[i] = (p >> 8) & 0xff;
            b[i] = p & 0xff;
            if (alpha != null) alpha[i] = (p >>> 24);
        }
        return new float[][] {r, g, b, alpha};
    }

    private static float[] bandOf(Raster raster, int band, int bits) {
        int w = raster.getWidth();
        int h = raster.getHeight();
        float[] values = raster.getSamples(0, 0, w, h, band, new float[w * h]);
        float factor = 255f / ((1L << bits) - 1);
        if (factor != 1f) for (int i = 0; i < values.length; i++) values[i] *= factor;
        return values;
    }

    /** The common path: {@code ink} is 0 for background and grows with the ink's strength; it is modified. */
    private static Digit fromInk(float[] ink, int w, int h) {
        float max = 0;
        for (float v : ink) max = Math.max(max, v);
        if (max < EMPTY_CONTRAST) return new Digit(new float[SIZE * SIZE], true);
        float floor = NOISE_FRACTION * max;
        for (int i = 0; i < ink.length; i++) ink[i] = Math.max(0f, ink[i] - floor);

        int[] box = inkBox(ink, w, h);
        int x0 = box[0];
        int y0 = box[1];
        int bw = box[2] - box[0];
        int bh = box[3] - box[1];
        double scale = (double) BOX / Math.max(bw, bh);
        int ow = Math.min(BOX, (int) Math.ceil(bw * scale - 1e-9));
        int oh = Math.min(BOX, (int) Math.ceil(bh * scale - 1e-9));
        float[] scaled = resample(ink, w, x0, y0, bw, bh, scale, ow, oh);

        // Centre of mass of the scaled digit, then the whole-pixel shift that brings it nearest the middle.
        double mass = 0;
        double mx = 0;
        double my = 0;
        float peak = 0;
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                float v = scaled[y * ow + x];
                mass += v;
                mx += v * x;
                my += v * y;
                peak = Math.max(peak, v);
            }
        }
        if (mass <= 0) return new Digit(new float[SIZE * SIZE], true);
        int dx = (int) Math.round(CENTRE - mx / mass);
        int dy = (int) Math.round(CENTRE - my / mass);
        // Strokes thin compared with the picture fade when averaged down; stretch so the strongest ink is 255.
        float gain = 255f / peak;
        float[] out = new float[SIZE * SIZE];
        for (int y = 0; y < oh; y++) {
            int ty = y + dy;
            if (ty < 0 || ty >= SIZE) continue;
            for (int x = 0; x < ow; x++) {
                int tx = x + dx;
                if (tx < 0 || tx >= SIZE) continue;
                out[ty * SIZE + tx] = Math.min(255f, scaled[y * ow + x] * gain);
            }
        }
        return new Digit(out, false);
    }

    /** {x0, y0, x1, y1} (end exclusive) of the ink, leaving out a tiny fraction of its mass on each side. */
    private static int[] inkBox(float[] ink, int w, int h) {
        double[] columns = new double[w];
        double[] rows = new double[h];
        double total = 0;
        for (int y = 0; y < h; y++) {
            int row = y * w;
            double rowSum = 0;
            for (int x = 0; x < w; x++) {
                float v = ink[row + x];
                columns[x] += v;
                rowSum += v;
            }
            rows[y] = rowSum;
            total += rowSum;
        }
        double speck = SPECK_MASS_FRACTION * total;
        return new int[] {first(columns, speck), first(rows, speck), last(columns, speck) + 1, last(rows, speck) + 1};
    }

    private static int first(double[] sums, double skip) {
        double seen = 0;
        for (int i = 0; i < sums.length; i++) {
            seen += sums[i];
            if (sums[i] > 0 && seen > skip) return i;
        }
        return 0;
    }

    private static int last(double[] sums, double skip) {
        double seen = 0;
        for (int i = sums.length - 1; i >= 0; i--) {
            seen += sums[i];
            if (sums[i] > 0 && seen > skip) return i;
        }
        return sums.length - 1;
    }

    /**
     * Area-averages the box (x0, y0, bw × bh) of the source down (or up) by {@code scale} into ow × oh: each output
     * pixel is the mean of the source area it covers, counting partly covered source pixels by their covered part,
     * so nothing aliases however far it shrinks. Done as a horizontal and then a vertical pass.
     */
    private static float[] resample(float[] src, int w, int x0, int y0, int bw, int bh, double scale, int ow, int oh) {
        float[] across = new float[bh * ow];
        double step = 1 / scale; // source pixels per output pixel
        for (int j = 0; j < ow; j++) {
            double from = j * step;
            double to = Math.min(bw, (j + 1) * step);
            for (int y = 0; y < bh; y++) {
                across[y * ow + j] = (float) (coverageSum(src, (y0 + y) * w + x0, 1, from, to) / step);
            }
        }
        float[] out = new float[oh * ow];
        for (int i = 0; i < oh; i++) {
            double from = i * step;
            double to = Math.min(bh, (i + 1) * step);
            for (int j = 0; j < ow; j++) {
                out[i * ow + j] = (float) (coverageSum(across, j, ow, from, to) / step);
            }
        }
        return out;
    }

    // Sum of values[base + k·stride] over the continuous interval [from, to), each pixel k weighted by how much of
    // [k, k+1) the interval covers.
    private static double coverageSum(float[] values, int base, int stride, double from, double to) {
        double sum = 0;
        int k0 = (int) Math.floor(from);
        int k1 = (int) Math.ceil(to);
        for (int k = k0; k < k1; k++) {
            double covered = Math.min(to, k + 1) - Math.max(from, k);
            if (covered > 0) sum += covered * values[base + k * stride];
        }
        return sum;
    }

    private static float[] border(float[] values, int w, int h) {
        if (w <= 2 || h <= 2) return values.clone();
        float[] b = new float[2 * w + 2 * (h - 2)];
        int n = 0;
        for (int x = 0; x < w; x++) {
            b[n++] = values[x];
            b[n++] = values[(h - 1) * w + x];
        }
        for (int y = 1; y < h - 1; y++) {
            b[n++] = values[y * w];
            b[n++] = values[y * w + w - 1];
        }
        return b;
    }

    private static float median(float[] values) {
        float[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static void checkSize(int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("a picture needs a positive width and height, not " + width + "×" + height);
        }
        if ((long) width * height > MAX_PIXELS) {
            throw new IllegalArgumentException("a picture of " + width + "×" + height + " pixels is larger than "
                    + MAX_PIXELS / 1_000_000 + " megapixels");
        }
    }
}
