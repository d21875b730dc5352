package org.perceptrix.ui.pad;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.TitledPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.WritableImage;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseButton;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.paint.Color;

import org.perceptrix.data.DigitPreprocessor;
import org.perceptrix.evaluate.DigitClassifier;
import org.perceptrix.evaluate.NetworkInspector;
import org.perceptrix.i18n.Messages;
import org.perceptrix.ui.Subscriptions;
import org.perceptrix.ui.models.ModelLibrary;

/**
 * The Draw tab: the pad with its tools and model chooser, the probability of every class (the most likely
 * highlighted), the 28×28 picture the network actually reads and, when opened, what happens inside the network.
 */
public final class PadView {
    private static final KeyCombination UNDO = KeyCombination.keyCombination("Shortcut+Z");
    private static final int SEEN_SCALE = 6;
    private static final double THUMB = 44;
    private static final int MAX_MAPS = 64;
    private static final Color INK = Color.web("#1b1b1b");

    private final PadViewModel vm;
    private final Subscriptions subscriptions;
    private final ScrollPane root;
    private final Canvas canvas = new Canvas(PadViewModel.SIZE, PadViewModel.SIZE);
    private final int[] pixels = new int[PadViewModel.SIZE * PadViewModel.SIZE];
    private final GridPane bars = new GridPane();
    private final List<ProgressBar> barList = new ArrayList<>();
    private final List<Label> percents = new ArrayList<>();
    private final List<Label> classLabels = new ArrayList<>();
    private final Label best = new Label();
    private final WritableImage seenImage = new WritableImage(DigitPreprocessor.SIZE, DigitPreprocessor.SIZE);
    private final VBox inside = new VBox(10);
    private List<String> barClasses = List.of();

    public PadView(PadViewModel vm, Subscriptions subscriptions) {
        this.vm = vm;
        this.subscriptions = subscriptions;

        canvas.setId("pad-canvas");
        canvas.setFocusTraversable(true);
        canvas.addEventHandler(MouseEvent.MOUSE_PRESSED, e -> {
            if (e.getButton() != MouseButton.PRIMARY) return;
            canvas.requestFocus();
            vm.beginStroke(e.getX(), e.getY());
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_DRAGGED, e -> {
            if (!e.isPrimaryButtonDown()) return;
            vm.extendStroke(e.getX(), e.getY());
            e.consume();
        });
        canvas.addEventHandler(MouseEvent.MOUSE_RELEASED, e -> vm.endStroke());
        StackPane frame = new StackPane(canvas);
        frame.getStyleClass().add("pad-frame");
        frame.setMaxSize(PadViewModel.SIZE + 2, PadViewModel.SIZE + 2);

        Slider brush = new Slider(PadViewModel.MIN_BRUSH, PadViewModel.MAX_BRUSH, vm.brushProperty().get());
        brush.setId("pad-brush");
        brush.valueProperty().bindBidirectional(vm.brushProperty());
        brush.setTooltip(new Tooltip(Messages.get("pad.brush.help")));
        ToggleButton eraser = new ToggleButton(Messages.get("pad.eraser"));
        eraser.setId("pad-eraser");
        eraser.selectedProperty().bindBidirectional(vm.eraserProperty());
        Button undo = new Button(Messages.get("pad.undo"));
        undo.setId("pad-undo");
        undo.setTooltip(new Tooltip(Messages.get("pad.undo.help")));
        undo.disableProperty().bind(vm.canUndoProperty().not());
        undo.setOnAction(e -> vm.undoStroke());
        Button clear = new Button(Messages.get("pad.clear"));
        clear.setId("pad-clear");
        clear.setOnAction(e -> vm.clear());
        HBox tools = new HBox(8, new Label(Messages.get("pad.brush")), brush, eraser, undo, clear);
        tools.setAlignment(Pos.CENTER_LEFT);

        ComboBox<ModelLibrary.Entry> model = new ComboBox<>(vm.models().entries());
        model.setId("pad-model");
        model.setMaxWidth(300);
        model.valueProperty().bindBidirectional(vm.models().selectedProperty());
        Button useTrained = new Button(Messages.get("pad.useTrained"));
        useTrained.setId("pad-use-trained");
        useTrained.disableProperty().bind(vm.hasTrainedModelProperty().not());
        useTrained.setOnAction(e -> vm.useTrainedModel());
        // A disabled button shows no tooltip, so the reason sits on a wrapper around it.
        StackPane useTrainedHolder = new StackPane(useTrained);
        Tooltip useTrainedTip = new Tooltip();
        useTrainedTip.setId("pad-use-trained-tip");
        useTrainedTip.textProperty().bind(javafx.beans.binding.Bindings.when(vm.hasTrainedModelProperty())
                .then(Messages.get("pad.useTrained.help")).otherwise(Messages.get("pad.useTrained.none")));
        Tooltip.install(useTrainedHolder, useTrainedTip);
        HBox models = new HBox(8, new Label(Messages.get("pad.model")), model, useTrainedHolder);
        models.setAlignment(Pos.CENTER_LEFT);
        Label message = new Label();
        message.setId("pad-message");
        message.setWrapText(true);
        message.textProperty().bind(vm.messageProperty());
        message.getStyleClass().add("pad-message");
        message.managedProperty().bind(message.textProperty().isNotEmpty());
        message.visibleProperty().bind(message.managedProperty());
        VBox left = new VBox(10, frame, tools, models, message);
        left.setMaxWidth(520);

        best.setId("pad-best");
        best.getStyleClass().add("pad-best-label");
        bars.setId("pad-bars");
        bars.setHgap(6);
        bars.setVgap(3);
        ImageView seen = new ImageView(seenImage);
        seen.setId("pad-seen");
        seen.setSmooth(false);
        seen.setFitWidth(DigitPreprocessor.SIZE * SEEN_SCALE);
        seen.setFitHeight(DigitPreprocessor.SIZE * SEEN_SCALE);
        Label seenTitle = new Label(Messages.get("pad.seen"));
        seenTitle.setTooltip(new Tooltip(Messages.get("pad.seen.help")));
        VBox right = new VBox(8, new Label(Messages.get("pad.prediction")), best, bars, seenTitle, seen);

        HBox top = new HBox(24, left, right);

        inside.setId("inside-content");
        TitledPane insidePane = new TitledPane(Messages.get("pad.inside"), inside);
        insidePane.setId("pad-inside");
        insidePane.expandedProperty().bindBidirectional(vm.insideVisibleProperty());

        VBox content = new VBox(16, top, insidePane);
        content.setPadding(new Insets(14));
        content.setId("pad");
        content.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            // Scoped to the pad: the pad's undo takes back a stroke, never an edit of the network.
            if (UNDO.match(e)) {
                vm.undoStroke();
                e.consume();
            }
        });
        root = new ScrollPane(content);
        root.setFitToWidth(true);

        subscriptions.onChange(vm.revisionProperty(), (o, a, b) -> paint());
        subscriptions.onChange(vm.predictionProperty(), (o, a, b) -> showPrediction(b));
        subscriptions.onChange(vm.inspectionProperty(), (o, a, b) -> showInspection(b));
        paint();
        showPrediction(vm.predictionProperty().get());
        showInspection(vm.inspectionProperty().get());
    }

    public Node root() { return root; }

    /** The drawing surface; mouse and pen strokes land here. */
    public Canvas canvas() { return canvas; }

    private void paint() {
        float[] ink = vm.raster().ink();
        int r = (int) (INK.getRed() * 255);
        int g = (int) (INK.getGreen() * 255);
        int b = (int) (INK.getBlue() * 255);
        for (int i = 0; i < pixels.length; i++) {
            float a = ink[i];
            int cr = Math.round(255 + (r - 255) * a);
            int cg = Math.round(255 + (g - 255) * a);
            int cb = Math.round(255 + (b - 255) * a);
            pixels[i] = 0xff000000 | cr << 16 | cg << 8 | cb;
        }
        GraphicsContext gc = canvas.getGraphicsContext2D();
        gc.getPixelWriter().setPixels(0, 0, PadViewModel.SIZE, PadViewModel.SIZE, PixelFormat.getIntArgbInstance(),
                pixels, 0, PadViewModel.SIZE);
    }

    private void showPrediction(DigitClassifier.Prediction p) {
        List<String> classes = p != null ? p.classNames() : barClasses.isEmpty() ? defaultClasses() : barClasses;
        if (!classes.equals(barClasses)) buildBars(classes);
        int top = p == null ? -1 : p.best();
        for (int c = 0; c < barList.size(); c++) {
            double v = p == null ? 0 : p.probabilities()[c];
            barList.get(c).setProgress(v);
            percents.get(c).setText(p == null ? "" : String.format(Locale.ROOT, "%.1f %%", v * 100));
            for (Node n : List.of(barList.get(c), percents.get(c), classLabels.get(c))) {
                n.getStyleClass().remove("pad-best");
                if (c == top) n.getStyleClass().add("pad-best");
            }
        }
        best.setText(p == null ? "—" : p.classNames().get(top));
        paintDigit(seenImage, p == null ? new float[DigitPreprocessor.SIZE * DigitPreprocessor.SIZE] : p.digit().pixels(), null);
    }

    private static List<String> defaultClasses() {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < 10; i++) l.add(Integer.toString(i));
        return l;
    }

    private void buildBars(List<String> classes) {
        barClasses = List.copyOf(classes);
        bars.getChildren().clear();
        barList.clear();
        percents.clear();
        classLabels.clear();
        for (int c = 0; c < classes.size(); c++) {
            Label name = new Label(classes.get(c));
            name.setId("pad-class-" + c);
            ProgressBar bar = new ProgressBar(0);
            bar.setId("pad-bar-" + c);
            bar.setPrefWidth(180);
            Label percent = new Label();
            percent.setId("pad-prob-" + c);
            percent.setMinWidth(60);
            bars.addRow(c, name, bar, percent);
            classLabels.add(name);
            barList.add(bar);
            percents.add(percent);
        }
    }

    // Ink bright on black, as the network reads it (raw 0..255). With a saliency map: a heat map (black, red, yellow,
    // white) over a faint copy of the digit.
    private static void paintDigit(WritableImage image, float[] digit, float[] saliency) {
        int side = DigitPreprocessor.SIZE;
        float max = 0;
        if (saliency != null) for (float s : saliency) max = Math.max(max, s);
        int[] argb = new int[side * side];
        for (int i = 0; i < argb.length; i++) {
            int grey = Math.max(0, Math.min(255, Math.round(digit[i])));
            int r = grey;
            int g = grey;
            int b = grey;
            if (saliency != null) {
                double heat = max > 0 ? saliency[i] / max : 0;
                int faint = grey / 4;
                r = Math.max(faint, (int) Math.round(255 * Math.min(1, 3 * heat)));
                g = Math.max(faint, (int) Math.round(255 * Math.max(0, Math.min(1, 3 * heat - 1))));
                b = Math.max(faint, (int) Math.round(255 * Math.max(0, Math.min(1, 3 * heat - 2))));
            }
            argb[i] = 0xff000000 | r << 16 | g << 8 | b;
        }
        image.getPixelWriter().setPixels(0, 0, side, side, PixelFormat.getIntArgbInstance(), argb, 0, side);
    }

    // --- inside the network ------------------------------------------------------------------------------------

    private void showInspection(NetworkInspector.Inspection in) {
        inside.getChildren().clear();
        if (in == null) {
            Label hint = new Label(Messages.get("pad.inside.empty"));
            hint.setId("inside-empty");
            inside.getChildren().add(hint);
            return;
        }
        WritableImage input = new WritableImage(DigitPreprocessor.SIZE, DigitPreprocessor.SIZE);
        paintDigit(input, in.digit().pixels(), null);
        WritableImage salient = new WritableImage(DigitPreprocessor.SIZE, DigitPreprocessor.SIZE);
        paintDigit(salient, in.digit().pixels(), in.saliency());
        ImageView inputView = pixelated(input, 4);
        inputView.setId("inside-input");
        ImageView saliencyView = pixelated(salient, 4);
        saliencyView.setId("inside-saliency");
        Label saliencyHelp = new Label(Messages.get("pad.inside.saliency.help"));
        saliencyHelp.setWrapText(true);
        saliencyHelp.setMaxWidth(320);
        inside.getChildren().add(section(Messages.get("pad.inside.saliency"), new HBox(12, inputView, saliencyView, saliencyHelp)));

        in.filters().ifPresent(f -> {
            FlowPane row = new FlowPane(4, 4);
            row.setId("inside-filters");
            float max = 0;
            for (float[][] k : f.weights()) for (float[] line : k) for (float v : line) max = Math.max(max, Math.abs(v));
            for (float[][] k : f.weights()) row.getChildren().add(pixelated(diverging(k, max), Math.max(1, (int) (THUMB / k.length))));
            inside.getChildren().add(section(Messages.get("pad.inside.filters", f.layer(), f.count(), f.height(), f.width()), row));
        });

        for (NetworkInspector.LayerActivation a : in.layers()) {
            Node body;
            String title;
            if (a instanceof NetworkInspector.FeatureMaps maps) {
                FlowPane row = new FlowPane(4, 4);
                float max = 0;
                for (float[][] m : maps.maps()) for (float[] line : m) for (float v : line) max = Math.max(max, Math.abs(v));
                int shown = Math.min(MAX_MAPS, maps.channels());
                int scale = Math.max(1, (int) Math.round(THUMB / Math.max(maps.height(), maps.width())));
                for (int c = 0; c < shown; c++) row.getChildren().add(pixelated(magnitude(maps.maps()[c], max), scale));
                body = row;
                title = Messages.get("pad.inside.maps", a.layer(), maps.channels(), maps.height(), maps.width())
                        + (shown < maps.channels() ? " " + Messages.get("pad.inside.first", shown) : "");
            } else {
                float[] values = ((NetworkInspector.Units) a).values();
                body = unitBars(values, in.predictedClass(), a == in.layers().get(in.layers().size() - 1));
                title = Messages.get("pad.inside.units", a.layer(), values.length);
            }
            VBox s = section(title, body);
            s.setId("inside-layer-" + a.layer());
            inside.getChildren().add(s);
        }
    }

    private static VBox section(String title, Node body) {
        Label l = new Label(title);
        l.getStyleClass().add("pad-section");
        return new VBox(4, l, body);
    }

    private static ImageView pixelated(WritableImage image, int scale) {
        ImageView v = new ImageView(image);
        v.setSmooth(false);
        v.setFitWidth(image.getWidth() * scale);
        v.setFitHeight(image.getHeight() * scale);
        return v;
    }

    // Activation strength as brightness (the layer's strongest value is white).
    private static WritableImage magnitude(float[][] map, float max) {
        int h = map.length;
        int w = map[0].length;
        WritableImage image = new WritableImage(w, h);
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int v = max <= 0 ? 0 : Math.round(255 * Math.min(1f, Math.abs(map[y][x]) / max));
                argb[y * w + x] = 0xff000000 | v << 16 | v << 8 | v;
            }
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return image;
    }

    // Weights: positive red, negative blue, zero white.
    private static WritableImage diverging(float[][] kernel, float max) {
        int h = kernel.length;
        int w = kernel[0].length;
        WritableImage image = new WritableImage(w, h);
        int[] argb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                float t = max <= 0 ? 0 : kernel[y][x] / max;
                int fade = Math.round(255 * (1 - Math.abs(t)));
                argb[y * w + x] = t >= 0 ? 0xff000000 | 255 << 16 | fade << 8 | fade : 0xff000000 | fade << 16 | fade << 8 | 255;
            }
        }
        image.getPixelWriter().setPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        return image;
    }

    private static Canvas unitBars(float[] values, int predicted, boolean isOutput) {
        double width = Math.max(200, Math.min(700, values.length * 6.0));
        double height = 64;
        Canvas c = new Canvas(width, height);
        GraphicsContext g = c.getGraphicsContext2D();
        float max = 0;
        for (float v : values) max = Math.max(max, Math.abs(v));
        double slot = width / values.length;
        double zero = height / 2;
        boolean signed = false;
        for (float v : values) if (v < 0) signed = true;
        if (!signed) zero = height - 1;
        g.setStroke(Color.gray(0.6));
        g.strokeLine(0, zero, width, zero);
        for (int i = 0; i < values.length; i++) {
            double v = max <= 0 ? 0 : values[i] / max;
            double len = v * (signed ? height / 2 - 2 : height - 2);
            g.setFill(isOutput && i == predicted ? Color.web("#2e9d4f") : Color.web("#1f6fd1"));
            g.fillRect(i * slot, len >= 0 ? zero - len : zero, Math.max(1, slot - (slot > 3 ? 1 : 0)), Math.abs(len));
        }
        return c;
    }
}
