package org.perceptrix.ui.explorer;

import java.util.List;
import java.util.Locale;
import java.util.function.BiConsumer;

import javafx.geometry.Bounds;
import javafx.geometry.HPos;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Group;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.paint.Color;

import org.perceptrix.i18n.Messages;

/**
 * The confusion matrix as a heatmap: one cell per (true, predicted) pair with its count, true classes down the side
 * and predicted classes along the top. Correct answers (the diagonal) shade blue by the share of their row, mistakes
 * orange by their count; the shades are see-through, so the theme's background and text colours stay readable.
 */
final class ConfusionMatrixView {
    private static final Color CORRECT = Color.web("#1f6fd1");
    private static final Color WRONG = Color.web("#e0531f");
    private static final double CELL = 40;

    /** Below this the counts get hard to read; a larger matrix scrolls instead of shrinking further. */
    private static final double MIN_SCALE = 0.55;

    private final GridPane grid = new GridPane();
    private final ScrollPane scroll = new ScrollPane(new Group(grid));
    private StackPane selected;

    ConfusionMatrixView() {
        grid.setId("confusion-matrix");
        grid.getStyleClass().add("confusion-matrix");
        grid.setHgap(2);
        grid.setVgap(2);
        grid.setPadding(new Insets(4));
        scroll.setId("explorer-matrix-scroll");
        scroll.viewportBoundsProperty().addListener((o, a, b) -> fit());
    }

    Node root() { return scroll; }

    /** Shrinks the matrix to fit the space it has (never below {@link #MIN_SCALE}), so all cells stay in view. */
    private void fit() {
        Bounds view = scroll.getViewportBounds();
        double w = grid.prefWidth(-1);
        double h = grid.prefHeight(-1);
        if (w <= 0 || h <= 0 || view.getWidth() <= 0) return;
        double scale = Math.max(MIN_SCALE, Math.min(1, Math.min(view.getWidth() / w, view.getHeight() / h)));
        grid.setScaleX(scale);
        grid.setScaleY(scale);
    }

    /** Draws {@code confusion[actual][predicted]}; a click on a cell calls {@code onCell} with its pair. */
    void show(int[][] confusion, List<String> classNames, BiConsumer<Integer, Integer> onCell) {
        grid.getChildren().clear();
        selected = null;
        int k = classNames.size();
        if (k == 0) return;
        Label predictedAxis = new Label(Messages.get("explorer.axis.predicted"));
        predictedAxis.getStyleClass().add("confusion-axis");
        grid.add(predictedAxis, 2, 0, k, 1);
        GridPane.setHalignment(predictedAxis, HPos.CENTER);
        Label trueAxis = new Label(Messages.get("explorer.axis.true"));
        trueAxis.getStyleClass().add("confusion-axis");
        trueAxis.setRotate(-90);
        grid.add(new Group(trueAxis), 0, 2, 1, k);
        int maxWrong = 1;
        for (int a = 0; a < k; a++) {
            for (int p = 0; p < k; p++) if (a != p) maxWrong = Math.max(maxWrong, confusion[a][p]);
        }
        for (int c = 0; c < k; c++) {
            grid.add(heading(classNames.get(c)), c + 2, 1);
            grid.add(heading(classNames.get(c)), 1, c + 2);
        }
        for (int a = 0; a < k; a++) {
            int rowTotal = 0;
            for (int p = 0; p < k; p++) rowTotal += confusion[a][p];
            for (int p = 0; p < k; p++) {
                int count = confusion[a][p];
                double strength = a == p ? (rowTotal == 0 ? 0 : (double) count / rowTotal)
                        : Math.sqrt((double) count / maxWrong);
                grid.add(cell(a, p, count, strength, classNames, onCell), p + 2, a + 2);
            }
        }
        grid.applyCss();
        fit();
    }

    private static Label heading(String name) {
        Label l = new Label(name);
        l.getStyleClass().add("confusion-heading");
        l.setMinSize(CELL, CELL);
        l.setAlignment(Pos.CENTER);
        return l;
    }

    private StackPane cell(int a, int p, int count, double strength, List<String> names,
                           BiConsumer<Integer, Integer> onCell) {
        Label text = new Label(Integer.toString(count));
        text.setMinWidth(Region.USE_PREF_SIZE); // four digits may reach past a shrunken cell's padding: never "1…"
        StackPane cell = new StackPane(text);
        cell.setId("cell-" + a + "-" + p);
        cell.getStyleClass().add("confusion-cell");
        if (a == p) cell.getStyleClass().add("diagonal");
        cell.setMinSize(CELL, CELL);
        cell.setPrefSize(CELL, CELL);
        if (count > 0) {
            double alpha = 0.12 + 0.88 * strength;
            Color c = a == p ? CORRECT : WRONG;
            cell.setStyle(String.format(Locale.ROOT, "-fx-background-color: rgba(%d,%d,%d,%.3f);",
                    (int) (c.getRed() * 255), (int) (c.getGreen() * 255), (int) (c.getBlue() * 255), alpha));
            if (alpha > 0.55) text.getStyleClass().add("strong");
        } else {
            text.getStyleClass().add("zero");
        }
        Tooltip.install(cell, new Tooltip(Messages.get("explorer.cellTip", names.get(a), names.get(p), count)));
        cell.setOnMouseClicked(e -> {
            select(cell);
            onCell.accept(a, p);
        });
        return cell;
    }

    /** Marks the cell of (actual, predicted) as the one the gallery shows; none when either is not a class. */
    void select(int actual, int predicted) {
        Node n = grid.lookup("#cell-" + actual + "-" + predicted);
        select(n instanceof StackPane s ? s : null);
    }

    private void select(StackPane cell) {
        if (selected != null) selected.getStyleClass().remove("selected");
        selected = cell;
        if (cell != null) cell.getStyleClass().add("selected");
    }
}
