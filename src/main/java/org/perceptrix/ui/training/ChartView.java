package org.perceptrix.ui.training;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * A line chart drawn on a canvas, made for long training curves: every recorded point is kept in its {@link Series},
 * but only the minimum and maximum per pixel column are drawn (see {@link Decimation}). Wheel zooms around the
 * pointer, dragging a box zooms into it, right- or Shift-dragging pans, double-click shows everything again.
 * An optional logarithmic y axis suits losses.
 */
public final class ChartView extends Region {
    /** One curve: its points, how it is drawn, and its name in the legend (empty: not listed). */
    public record Line(String name, Series series, Color color, double width, boolean dashed, boolean markers) {
    }

    private static final double LEFT = 58;
    private static final double RIGHT = 12;
    private static final double TOP = 22;
    private static final double BOTTOM = 24;
    private static final Color TEXT = Color.gray(0.5);
    private static final Color GRID = Color.gray(0.5, 0.25);

    private final Canvas canvas = new Canvas();
    private final String title;
    private final BooleanProperty logScale = new SimpleBooleanProperty(this, "logScale");
    private List<Line> lines = List.of();
    /** The lines' series versions at the last redraw; null before the first. */
    private List<Long> drawnVersions;
    /** The zoomed window {xMin, xMax, yMin, yMax} in data units (y as drawn: log10 when logarithmic); null = all. */
    private double[] window;
    private double[] shown = {0, 1, 0, 1};
    private int drawnPoints;
    private int redraws;
    private double pressX;
    private double pressY;
    private boolean panning;
    private double[] box;

    public ChartView(String id, String title) {
        this.title = title;
        setId(id);
        getStyleClass().add("training-chart");
        getChildren().add(canvas);
        setMinSize(160, 120);
        setPrefSize(480, 240);
        logScale.addListener((o, a, b) -> {
            window = null;
            redraw();
        });
        canvas.addEventHandler(ScrollEvent.SCROLL, this::scrolled);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, this::pressed);
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, this::dragged);
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, this::released);
        canvas.addEventHandler(MouseEvent.MOUSE_CLICKED, e -> {
            if (e.getClickCount() == 2) resetZoom();
        });
    }

    public BooleanProperty logScaleProperty() { return logScale; }

    /** Shows these lines; redraws only when they or their points changed (the panel sets every chart twice a second). */
    public void setLines(List<Line> newLines) {
        List<Line> copy = List.copyOf(newLines);
        if (copy.equals(lines) && versions(copy).equals(drawnVersions)) return;
        lines = copy;
        redraw();
    }

    private static List<Long> versions(List<Line> lines) {
        return lines.stream().map(l -> l.series().version()).toList();
    }

    public List<Line> lines() { return lines; }

    /** Points drawn in the last redraw, over all lines (what decimation left). */
    public int drawnPoints() { return drawnPoints; }

    /** How many times the chart was drawn (tests). */
    int redraws() { return redraws; }

    /** The range shown: {xMin, xMax, yMin, yMax} (y as drawn). */
    public double[] shownRange() { return shown.clone(); }

    public boolean isZoomed() { return window != null; }

    public void resetZoom() {
        window = null;
        redraw();
    }

    /** Zooms by {@code factor} (above 1 = closer) around a point given as fractions of the plot's width and height. */
    public void zoom(double factor, double fx, double fy) {
        double[] r = shown.clone();
        double cx = r[0] + fx * (r[1] - r[0]);
        double cy = r[3] - fy * (r[3] - r[2]);
        window = new double[] {cx - (cx - r[0]) / factor, cx + (r[1] - cx) / factor,
                cy - (cy - r[2]) / factor, cy + (r[3] - cy) / factor};
        redraw();
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            redraw();
        }
    }

    private double plotWidth() { return Math.max(1, canvas.getWidth() - LEFT - RIGHT); }

    private double plotHeight() { return Math.max(1, canvas.getHeight() - TOP - BOTTOM); }

    private double ty(double y) { return logScale.get() ? Math.log10(y) : y; }

    public void redraw() {
        drawnVersions = versions(lines);
        redraws++;
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.clearRect(0, 0, w, h);
        int columns = (int) Math.ceil(plotWidth());
        double[] r = window != null ? window.clone() : autoRange();
        // Decimate once per line for the visible x range; the y range (when automatic) comes from the same points.
        List<Decimation.Points> points = new ArrayList<>();
        double yMin = Double.POSITIVE_INFINITY;
        double yMax = Double.NEGATIVE_INFINITY;
        drawnPoints = 0;
        for (Line l : lines) {
            Decimation.Points p = Decimation.minMaxPerColumn(l.series(), r[0], r[1], columns);
            points.add(p);
            drawnPoints += p.size();
            for (int i = 0; i < p.size(); i++) {
                if (p.xs()[i] < r[0] || p.xs()[i] > r[1]) continue;
                double y = ty(p.ys()[i]);
                if (!Double.isFinite(y)) continue;
                yMin = Math.min(yMin, y);
                yMax = Math.max(yMax, y);
            }
        }
        if (window == null) {
            if (yMin > yMax) {
                yMin = 0;
                yMax = 1;
            }
            double pad = (yMax - yMin) * 0.05;
            // A flat line (or one that varies only in its last bits) gets a visible band around it.
            if (pad <= Math.abs(yMax) * 1e-9) pad = Math.abs(yMax) * 0.1 + 0.1;
            r[2] = yMin - pad;
            r[3] = yMax + pad;
        }
        shown = r;
        if (w < 2 || h < 2) return;
        axes(g, r);
        g.save();
        g.beginPath();
        g.rect(LEFT, TOP, plotWidth(), plotHeight());
        g.clip();
        for (int k = 0; k < lines.size(); k++) draw(g, lines.get(k), points.get(k), r);
        g.restore();
        legend(g);
        if (box != null) {
            g.setStroke(Color.DODGERBLUE);
            g.setLineDashes();
            g.setLineWidth(1);
            g.strokeRect(Math.min(box[0], box[2]), Math.min(box[1], box[3]), Math.abs(box[2] - box[0]),
                    Math.abs(box[3] - box[1]));
        }
    }

    private double[] autoRange() {
        double xMax = 0;
        for (Line l : lines) {
            if (!l.series().isEmpty()) xMax = Math.max(xMax, l.series().lastX());
        }
        return new double[] {0, xMax > 0 ? xMax : 1, 0, 1};
    }

    private double px(double x, double[] r) { return LEFT + (x - r[0]) / (r[1] - r[0]) * plotWidth(); }

    private double py(double y, double[] r) { return TOP + (r[3] - y) / (r[3] - r[2]) * plotHeight(); }

    private void draw(GraphicsContext g, Line l, Decimation.Points p, double[] r) {
        g.setStroke(l.color());
        g.setFill(l.color());
        g.setLineWidth(l.width());
        if (l.dashed()) g.setLineDashes(6, 4);
        else g.setLineDashes();
        g.beginPath();
        boolean pen = false;
        for (int i = 0; i < p.size(); i++) {
            double y = ty(p.ys()[i]);
            if (!Double.isFinite(y)) {
                pen = false;
                continue;
            }
            double x = px(p.xs()[i], r);
            double yy = py(y, r);
            if (pen) g.lineTo(x, yy);
            else g.moveTo(x, yy);
            pen = true;
            if (l.markers()) g.fillOval(x - 3, yy - 3, 6, 6);
        }
        g.stroke();
    }

    private void axes(GraphicsContext g, double[] r) {
        g.setFont(Font.font(11));
        g.setLineDashes();
        g.setLineWidth(1);
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.LEFT);
        g.fillText(title, LEFT, 14);
        g.setStroke(GRID);
        g.strokeRect(LEFT, TOP, plotWidth(), plotHeight());
        double xStep = niceStep((r[1] - r[0]) / 6);
        g.setTextAlign(TextAlignment.CENTER);
        for (double x : ticks(r[0], r[1], xStep)) {
            double p = px(x, r);
            g.strokeLine(p, TOP, p, TOP + plotHeight());
            g.fillText(label(x, xStep), p, TOP + plotHeight() + 15);
        }
        double yStep = logScale.get() ? Math.max(1, Math.rint(niceStep((r[3] - r[2]) / 5))) : niceStep((r[3] - r[2]) / 5);
        if (logScale.get() && r[3] - r[2] < 2) yStep = niceStep((r[3] - r[2]) / 5);
        g.setTextAlign(TextAlignment.RIGHT);
        for (double y : ticks(r[2], r[3], yStep)) {
            double p = py(y, r);
            g.strokeLine(LEFT, p, LEFT + plotWidth(), p);
            String text = logScale.get() ? format(Math.pow(10, y)) : label(y, yStep);
            g.fillText(text, LEFT - 5, p + 4);
        }
    }

    private void legend(GraphicsContext g) {
        double x = canvas.getWidth() - RIGHT - 4;
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFont(Font.font(11));
        for (int i = lines.size() - 1; i >= 0; i--) {
            Line l = lines.get(i);
            if (l.name().isEmpty()) continue;
            g.setFill(l.color());
            g.fillText(l.name(), x, TOP + 14);
            x -= l.name().length() * 6.2 + 14;
        }
    }

    /** Most grid lines drawn per axis, whatever the range and step. */
    static final int MAX_TICKS = 50;

    /**
     * The multiples of {@code step} from {@code min} to {@code max}. Counted by index, so a step below the values'
     * precision (a range of a few ulps, e.g. a learning rate that differs only in its last bit) cannot loop forever;
     * such a step gives at most {@link #MAX_TICKS} ticks.
     */
    static double[] ticks(double min, double max, double step) {
        if (!(step > 0) || !Double.isFinite(min) || !Double.isFinite(max) || max < min) return new double[0];
        double first = Math.ceil(min / step) * step;
        double[] out = new double[MAX_TICKS];
        int n = 0;
        double previous = Double.NaN;
        for (int i = 0; n < MAX_TICKS; i++) {
            double v = first + i * step;
            if (v > max + Math.abs(step) * 1e-9 || v == previous) break;
            out[n++] = v;
            previous = v;
        }
        return java.util.Arrays.copyOf(out, n);
    }

    static double niceStep(double raw) {
        if (!(raw > 0) || !Double.isFinite(raw)) return 1;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double f = raw / magnitude;
        double nice = f < 1.5 ? 1 : f < 3 ? 2 : f < 7 ? 5 : 10;
        return nice * magnitude;
    }

    private static String label(double v, double step) {
        int decimals = Math.max(0, (int) -Math.floor(Math.log10(step)));
        return String.format(Locale.ROOT, "%." + Math.min(decimals, 6) + "f", Math.abs(v) < step / 1e6 ? 0 : v);
    }

    private static String format(double v) {
        return String.format(Locale.ROOT, "%.3g", v);
    }

    // --- gestures -----------------------------------------------------------------------------------------------

    private void scrolled(ScrollEvent e) {
        if (e.getDeltaY() == 0) return;
        double factor = Math.pow(1.1, e.getDeltaY() / 40);
        zoom(factor, (e.getX() - LEFT) / plotWidth(), (e.getY() - TOP) / plotHeight());
        e.consume();
    }

    private void pressed(MouseEvent e) {
        pressX = e.getX();
        pressY = e.getY();
        panning = e.getButton() == MouseButton.SECONDARY || e.isShiftDown() || e.getButton() == MouseButton.MIDDLE;
        box = null;
    }

    private void dragged(MouseEvent e) {
        if (panning) {
            double[] r = shown.clone();
            double dx = (e.getX() - pressX) / plotWidth() * (r[1] - r[0]);
            double dy = (e.getY() - pressY) / plotHeight() * (r[3] - r[2]);
            window = new double[] {r[0] - dx, r[1] - dx, r[2] + dy, r[3] + dy};
            pressX = e.getX();
            pressY = e.getY();
        } else {
            box = new double[] {pressX, pressY, e.getX(), e.getY()};
        }
        redraw();
        e.consume();
    }

    private void released(MouseEvent e) {
        if (box != null && Math.abs(box[2] - box[0]) > 5 && Math.abs(box[3] - box[1]) > 5) {
            double[] r = shown.clone();
            double x0 = r[0] + (Math.min(box[0], box[2]) - LEFT) / plotWidth() * (r[1] - r[0]);
            double x1 = r[0] + (Math.max(box[0], box[2]) - LEFT) / plotWidth() * (r[1] - r[0]);
            double y1 = r[3] - (Math.min(box[1], box[3]) - TOP) / plotHeight() * (r[3] - r[2]);
            double y0 = r[3] - (Math.max(box[1], box[3]) - TOP) / plotHeight() * (r[3] - r[2]);
            window = new double[] {x0, x1, y0, y1};
        }
        box = null;
        redraw();
    }
}
