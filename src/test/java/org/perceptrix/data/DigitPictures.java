package org.perceptrix.data;

import java.awt.image.BufferedImage;

/** Pictures made from MNIST digits for tests: larger, moved, thicker or thinner, inverted, coloured. */
public final class DigitPictures {
    private DigitPictures() {
    }

    /** A grey raster, values 0..255 row by row. */
    public record Raster(float[] values, int width, int height) {
        public static Raster of(float[] values, int width, int height) {
            return new Raster(values.clone(), width, height);
        }

        /** An MNIST digit (ink bright on black). */
        public static Raster digit(float[] pixels) {
            return of(pixels, 28, 28);
        }

        /** Each pixel becomes a k × k block, so area averaging by 1/k gives the original back exactly. */
        public Raster scaledUp(int k) {
            float[] out = new float[width * k * height * k];
            for (int y = 0; y < height * k; y++) {
                for (int x = 0; x < width * k; x++) out[y * width * k + x] = values[(y / k) * width + x / k];
            }
            return new Raster(out, width * k, height * k);
        }

        /** Enlarged by {@code factor} (any real number above 0) with bilinear interpolation: smooth edges. */
        public Raster scaledSmoothly(double factor) {
            int w = (int) Math.round(width * factor);
            int h = (int) Math.round(height * factor);
            float[] out = new float[w * h];
            for (int y = 0; y < h; y++) {
                double sy = Math.max(0, Math.min(height - 1.0, (y + 0.5) / factor - 0.5));
                int y0 = (int) sy;
                int y1 = Math.min(height - 1, y0 + 1);
                double fy = sy - y0;
                for (int x = 0; x < w; x++) {
                    double sx = Math.max(0, Math.min(width - 1.0, (x + 0.5) / factor - 0.5));
                    int x0 = (int) sx;
                    int x1 = Math.min(width - 1, x0 + 1);
                    double fx = sx - x0;
                    double top = values[y0 * width + x0] * (1 - fx) + values[y0 * width + x1] * fx;
                    double bottom = values[y1 * width + x0] * (1 - fx) + values[y1 * width + x1] * fx;
                    out[y * w + x] = (float) (top * (1 - fy) + bottom * fy);
                }
            }
            return new Raster(out, w, h);
        }

        /** This raster pasted at (x, y) on a black canvas of w × h. */
        public Raster onCanvas(int w, int h, int x, int y) {
            float[] out = new float[w * h];
            for (int r = 0; r < height; r++) System.arraycopy(values, r * width, out, (y + r) * w + x, width);
            return new Raster(out, w, h);
        }

        /** Bright ink grown ({@code radius} > 0, thicker strokes) or shrunk (< 0, thinner) by a disc of that radius. */
        public Raster morphed(int radius) {
            int r = Math.abs(radius);
            boolean grow = radius > 0;
            float[] out = new float[values.length];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    float best = grow ? 0f : 255f;
                    for (int dy = -r; dy <= r; dy++) {
                        for (int dx = -r; dx <= r; dx++) {
                            if (dx * dx + dy * dy > r * r) continue;
                            int xx = x + dx;
                            int yy = y + dy;
                            float v = xx < 0 || yy < 0 || xx >= width || yy >= height ? 0f : values[yy * width + xx];
                            best = grow ? Math.max(best, v) : Math.min(best, v);
                        }
                    }
                    out[y * width + x] = best;
                }
            }
            return new Raster(out, width, height);
        }

        /** Dark ink on light paper. */
        public Raster inverted() {
            return new Raster(DigitPictures.inverted(values), width, height);
        }

        /** An 8-bit grey image of these values. */
        public BufferedImage toGreyImage() {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_GRAY);
            int[] samples = new int[values.length];
            for (int i = 0; i < samples.length; i++) samples[i] = Math.round(Math.max(0, Math.min(255, values[i])));
            image.getRaster().setSamples(0, 0, width, height, 0, samples);
            return image;
        }

        /** A colour image: {@code ink} where the values are 255, {@code paper} where 0, blended between. */
        public BufferedImage toColourImage(int paper, int ink) {
            BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) image.setRGB(x, y, mix(paper, ink, values[y * width + x] / 255f));
            }
            return image;
        }
    }

    public static float[] inverted(float[] values) {
        float[] out = new float[values.length];
        for (int i = 0; i < out.length; i++) out[i] = 255f - values[i];
        return out;
    }

    public static int mix(int from, int to, float t) {
        int rgb = 0;
        for (int shift = 16; shift >= 0; shift -= 8) {
            int a = (from >> shift) & 0xff;
            int b = (to >> shift) & 0xff;
            rgb |= Math.round(a + (b - a) * t) << shift;
        }
        return rgb;
    }

    public static double correlation(float[] a, float[] b) {
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
}
