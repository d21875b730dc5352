package org.perceptrix.ui.training;

import java.util.Arrays;

/**
 * Points of one curve, recorded in full in growable primitive arrays (100,000 points cost 1.6 MB, not 100,000
 * objects). x never decreases, which lets drawing find the visible part by binary search. Used on the FX thread only.
 */
public final class Series {
    private double[] xs = new double[256];
    private double[] ys = new double[256];
    private int size;
    private long version;

    public void add(double x, double y) {
        if (size == xs.length) {
            xs = Arrays.copyOf(xs, size * 2);
            ys = Arrays.copyOf(ys, size * 2);
        }
        xs[size] = x;
        ys[size] = y;
        size++;
        version++;
    }

    public int size() { return size; }

    public boolean isEmpty() { return size == 0; }

    public double x(int i) { return xs[i]; }

    public double y(int i) { return ys[i]; }

    public double lastX() { return size == 0 ? Double.NaN : xs[size - 1]; }

    public void clear() {
        size = 0;
        version++;
    }

    /** Changes with every addition and clearing: a chart whose series kept their versions need not redraw. */
    long version() { return version; }

    /** The first index whose x is at least {@code x} ({@code size} when there is none). */
    int firstAtOrAfter(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] < x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** The first index whose x is above {@code x} ({@code size} when there is none). */
    int firstAfter(double x) {
        int lo = 0;
        int hi = size;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (xs[mid] <= x) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    /** A copy, for a chart that must not see later additions (a finished run kept for overlaying). */
    public Series copy() {
        Series c = new Series();
        c.xs = Arrays.copyOf(xs, Math.max(size, 1));
        c.ys = Arrays.copyOf(ys, Math.max(size, 1));
        c.size = size;
        return c;
    }
}
