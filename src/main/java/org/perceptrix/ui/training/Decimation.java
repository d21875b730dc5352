package org.perceptrix.ui.training;

/**
 * Picks the points worth drawing: within each pixel column only the lowest and the highest point, in x order, so a
 * curve of 100,000 points draws at most about twice the chart's width and still shows every spike.
 */
public final class Decimation {
    private Decimation() {
    }

    /** The points to draw, as {xs, ys}. */
    public record Points(double[] xs, double[] ys, int size) {
    }

    /**
     * The points of {@code s} between {@code x0} and {@code x1} (plus one neighbour on each side, so lines reach the
     * edges), reduced to the minimum and maximum per column when there are more than twice as many as columns.
     */
    public static Points minMaxPerColumn(Series s, double x0, double x1, int columns) {
        int from = Math.max(0, s.firstAtOrAfter(x0) - 1);
        int to = Math.min(s.size(), s.firstAfter(x1) + 1); // exclusive
        int n = Math.max(0, to - from);
        columns = Math.max(1, columns);
        if (n <= 2 * columns) {
            double[] xs = new double[n];
            double[] ys = new double[n];
            for (int i = 0; i < n; i++) {
                xs[i] = s.x(from + i);
                ys[i] = s.y(from + i);
            }
            return new Points(xs, ys, n);
        }
        double[] xs = new double[2 * columns + 2];
        double[] ys = new double[2 * columns + 2];
        int out = 0;
        double width = (x1 - x0) / columns;
        int i = from;
        while (i < to) {
            int column = column(s.x(i), x0, x1, width, columns);
            int min = i;
            int max = i;
            int j = i + 1;
            while (j < to && column(s.x(j), x0, x1, width, columns) == column) {
                if (s.y(j) < s.y(min)) min = j;
                if (s.y(j) > s.y(max)) max = j;
                j++;
            }
            int first = Math.min(min, max);
            int second = Math.max(min, max);
            if (out + 2 > xs.length) {
                xs = java.util.Arrays.copyOf(xs, xs.length * 2);
                ys = java.util.Arrays.copyOf(ys, ys.length * 2);
            }
            xs[out] = s.x(first);
            ys[out++] = s.y(first);
            if (second != first) {
                xs[out] = s.x(second);
                ys[out++] = s.y(second);
            }
            i = j;
        }
        return new Points(xs, ys, out);
    }

    /** The pixel column of x; -1 and {@code columns} hold the neighbours outside the range. */
    private static int column(double x, double x0, double x1, double width, int columns) {
        if (x < x0) return -1;
        if (x > x1) return columns;
        if (width <= 0) return 0;
        return Math.min(columns - 1, (int) Math.floor((x - x0) / width));
    }
}
