package org.perceptrix.ui.pad;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The drawing on the pad: the strokes as drawn (so one can be taken back) and their anti-aliased raster, ink
 * 0 (paper) .. 1 (full ink) per pixel. A stroke is a chain of round-capped segments; an eraser stroke removes ink.
 * No JavaFX: the view paints {@link #ink()}, the classifier reads {@link #grey()}.
 */
public final class PadRaster {
    private final int size;
    private final float[] ink;
    private final List<StrokeBuilder> strokes = new ArrayList<>();
    private StrokeBuilder current;

    public PadRaster(int size) {
        if (size <= 0) throw new IllegalArgumentException("a pad needs a positive size, not " + size);
        this.size = size;
        this.ink = new float[size * size];
    }

    public int size() { return size; }

    /** Ink per pixel, row by row, 0 paper .. 1 ink; the live array, read-only for callers. */
    public float[] ink() { return ink; }

    /** A copy of the drawing as a grey picture: 255 white paper, 0 black ink. */
    public float[] grey() {
        float[] grey = new float[ink.length];
        for (int i = 0; i < ink.length; i++) grey[i] = 255f * (1f - ink[i]);
        return grey;
    }

    /** True when no pixel holds ink. */
    public boolean isBlank() {
        for (float v : ink) if (v > 0) return false;
        return true;
    }

    public int strokeCount() { return strokes.size(); }

    /** Starts a stroke at (x, y), painting a dot there. */
    public void begin(double x, double y, double diameter, boolean eraser) {
        current = new StrokeBuilder(diameter, eraser);
        strokes.add(current);
        current.add(x, y);
        paintSegment(x, y, x, y, diameter, eraser);
    }

    /** Continues the stroke under way to (x, y); ignored when no stroke is under way. */
    public void extend(double x, double y) {
        if (current == null) return;
        double px = current.lastX();
        double py = current.lastY();
        current.add(x, y);
        paintSegment(px, py, x, y, current.diameter, current.eraser);
    }

    /** Ends the stroke under way. */
    public void end() { current = null; }

    /** Takes back the last stroke; false when there is none. */
    public boolean undo() {
        if (strokes.isEmpty()) return false;
        strokes.remove(strokes.size() - 1);
        current = null;
        repaint();
        return true;
    }

    public void clear() {
        strokes.clear();
        current = null;
        Arrays.fill(ink, 0f);
    }

    private void repaint() {
        Arrays.fill(ink, 0f);
        for (StrokeBuilder s : strokes) {
            paintSegment(s.points[0], s.points[1], s.points[0], s.points[1], s.diameter, s.eraser);
            for (int i = 2; i + 1 < s.count; i += 2) {
                paintSegment(s.points[i - 2], s.points[i - 1], s.points[i], s.points[i + 1], s.diameter, s.eraser);
            }
        }
    }

    // A round-capped segment: each pixel's coverage is how far its centre lies inside the brush's edge, over one
    // pixel of width, which anti-aliases the edge.
    private void paintSegment(double x0, double y0, double x1, double y1, double diameter, boolean eraser) {
        double r = diameter / 2;
        int minX = Math.max(0, (int) Math.floor(Math.min(x0, x1) - r - 1));
        int maxX = Math.min(size - 1, (int) Math.ceil(Math.max(x0, x1) + r + 1));
        int minY = Math.max(0, (int) Math.floor(Math.min(y0, y1) - r - 1));
        int maxY = Math.min(size - 1, (int) Math.ceil(Math.max(y0, y1) + r + 1));
        double dx = x1 - x0;
        double dy = y1 - y0;
        double length2 = dx * dx + dy * dy;
        for (int y = minY; y <= maxY; y++) {
            double cy = y + 0.5;
            for (int x = minX; x <= maxX; x++) {
                double cx = x + 0.5;
                double t = length2 == 0 ? 0 : Math.max(0, Math.min(1, ((cx - x0) * dx + (cy - y0) * dy) / length2));
                double ex = cx - (x0 + t * dx);
                double ey = cy - (y0 + t * dy);
                double coverage = Math.max(0, Math.min(1, r + 0.5 - Math.sqrt(ex * ex + ey * ey)));
                if (coverage <= 0) continue;
                int i = y * size + x;
                ink[i] = eraser ? Math.min(ink[i], (float) (1 - coverage)) : Math.max(ink[i], (float) coverage);
            }
        }
    }

    private static final class StrokeBuilder {
        final double diameter;
        final boolean eraser;
        float[] points = new float[32];
        int count;

        StrokeBuilder(double diameter, boolean eraser) {
            this.diameter = diameter;
            this.eraser = eraser;
        }

        void add(double x, double y) {
            if (count + 2 > points.length) points = Arrays.copyOf(points, points.length * 2);
            points[count++] = (float) x;
            points[count++] = (float) y;
        }

        double lastX() { return points[count - 2]; }

        double lastY() { return points[count - 1]; }
    }
}
