package org.perceptrix.ui.pad;

import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;

import javafx.application.Platform;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.perceptrix.evaluate.DigitClassifier;
import org.perceptrix.evaluate.NetworkInspector;
import org.perceptrix.export.SavedModel;
import org.perceptrix.i18n.Messages;
import org.perceptrix.train.TrainedModel;
import org.perceptrix.ui.models.ModelLibrary;

/**
 * The drawing pad without controls: the strokes, brush and eraser, undo and clear, and the live answers of the model
 * chosen in the shared {@link ModelLibrary}. Every change of the drawing asks for a prediction (and, while the
 * "inside the network" view is open, an inspection) on a background thread; bursts are coalesced so only the newest
 * drawing is computed, and results come back on the FX thread.
 */
public final class PadViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(PadViewModel.class);
    /** Side of the pad in pixels: ten per MNIST pixel. */
    public static final int SIZE = 280;
    public static final double MIN_BRUSH = 6;
    public static final double MAX_BRUSH = 48;
    public static final double DEFAULT_BRUSH = 22;

    private final ModelLibrary models;
    private final Executor fx;
    private final LatestOnly predictions;
    private final LatestOnly inspections;
    private final PadRaster raster = new PadRaster(SIZE);
    private final DoubleProperty brush = new SimpleDoubleProperty(this, "brush", DEFAULT_BRUSH);
    private final BooleanProperty eraser = new SimpleBooleanProperty(this, "eraser");
    private final BooleanProperty insideVisible = new SimpleBooleanProperty(this, "insideVisible");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyObjectWrapper<DigitClassifier.Prediction> prediction = new ReadOnlyObjectWrapper<>(this, "prediction");
    private final ReadOnlyObjectWrapper<NetworkInspector.Inspection> inspection = new ReadOnlyObjectWrapper<>(this, "inspection");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanBinding hasTrainedModel;
    private DigitClassifier classifier; // null while no usable model is chosen
    private long shownPrediction = -1;
    private long shownInspection = -1;
    // Touched only on the inspection thread: one copy of the network per model, made on first use.
    private NetworkInspector inspector;

    /**
     * @param predicting runs predictions, one at a time
     * @param inspecting  runs inspections, one at a time (apart, so a slow look inside never delays a prediction)
     * @param fx          hands results back to the FX thread
     */
    public PadViewModel(ModelLibrary models, Executor predicting, Executor inspecting, Executor fx) {
        this.models = models;
        this.fx = fx;
        this.predictions = new LatestOnly(predicting);
        this.inspections = new LatestOnly(inspecting);
        hasTrainedModel = Bindings.createBooleanBinding(
                () -> models.entries().stream().anyMatch(e -> !e.isStarter()), models.entries());
        models.modelProperty().addListener((o, a, b) -> modelChanged());
        models.errorProperty().addListener((o, a, b) -> modelChanged());
        models.loadingProperty().addListener((o, a, b) -> modelChanged());
        insideVisible.addListener((o, a, b) -> {
            if (b) requestInspection();
        });
        modelChanged();
    }

    /** The app's pad: a daemon thread each for predictions and inspections, results through {@link Platform#runLater}. */
    public static PadViewModel forApp(ModelLibrary models) {
        return new PadViewModel(models, daemon("perceptrix-pad-predict"), daemon("perceptrix-pad-inside"), Platform::runLater);
    }

    private static Executor daemon(String name) {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    public ModelLibrary models() { return models; }

    /** Chooses the starter model if nothing is chosen yet (the pad works before anything is trained). */
    public void start() { models.selectDefault(); }

    // --- drawing -----------------------------------------------------------------------------------------------

    /** The raster the view paints; changes are announced by {@link #revisionProperty()}. */
    public PadRaster raster() { return raster; }

    /** Brush diameter in pad pixels. */
    public DoubleProperty brushProperty() { return brush; }

    public BooleanProperty eraserProperty() { return eraser; }

    /** Goes up with every change of the drawing. */
    public ReadOnlyLongProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }

    public void beginStroke(double x, double y) {
        raster.begin(x, y, Math.max(MIN_BRUSH, Math.min(MAX_BRUSH, brush.get())), eraser.get());
        drawingChanged();
    }

    public void extendStroke(double x, double y) {
        raster.extend(x, y);
        drawingChanged();
    }

    public void endStroke() { raster.end(); }

    /** Takes back the last stroke (Ctrl+Z on the pad). */
    public void undoStroke() {
        if (raster.undo()) drawingChanged();
    }

    public void clear() {
        raster.clear();
        drawingChanged();
    }

    private void drawingChanged() {
        canUndo.set(raster.strokeCount() > 0);
        revision.set(revision.get() + 1);
        requestPrediction();
        if (insideVisible.get()) requestInspection();
    }

    // --- the model's answers -----------------------------------------------------------------------------------

    /** The model's answer for the drawing; null while the pad is blank or no usable model is chosen. */
    public ReadOnlyObjectProperty<DigitClassifier.Prediction> predictionProperty() { return prediction.getReadOnlyProperty(); }

    /** What the model does inside for the drawing; computed only while {@link #insideVisibleProperty()} is true. */
    public ReadOnlyObjectProperty<NetworkInspector.Inspection> inspectionProperty() { return inspection.getReadOnlyProperty(); }

    /** Whether the "inside the network" view is shown. */
    public BooleanProperty insideVisibleProperty() { return insideVisible; }

    /** Why the pad cannot answer (model loading, unreadable or unsuitable), or a hint; empty when it answers. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** True when a run of the project saved a model ("Use my trained model" can work). */
    public BooleanBinding hasTrainedModelProperty() { return hasTrainedModel; }

    /** Chooses the newest run's model; false when no run saved one. */
    public boolean useTrainedModel() { return models.selectLatestTrained(); }

    private void modelChanged() {
        SavedModel saved = models.model();
        classifier = null;
        if (models.loadingProperty().get()) {
            message.set(Messages.get("pad.loading"));
        } else if (!models.errorProperty().get().isEmpty()) {
            message.set(models.errorProperty().get());
        } else if (saved == null || saved.model() == null) {
            message.set(Messages.get("pad.noModel"));
        } else {
            Optional<String> problem = DigitClassifier.unsuitable(saved.model());
            if (problem.isPresent()) {
                message.set(Messages.get("pad.unsuitable", problem.get()));
            } else {
                classifier = new DigitClassifier(saved.model());
                message.set("");
            }
        }
        requestPrediction();
        if (insideVisible.get()) requestInspection();
    }

    private void requestPrediction() {
        long asked = revision.get();
        DigitClassifier c = classifier;
        if (c == null || raster.isBlank()) {
            shownPrediction = asked;
            prediction.set(null);
            return;
        }
        float[] grey = raster.grey();
        predictions.submit(() -> {
            DigitClassifier.Prediction p;
            try {
                p = c.classifyGrey(grey, SIZE, SIZE);
            } catch (RuntimeException e) {
                LOG.warn("Prediction on the pad failed with model {}", c.model().name(), e);
                fx.execute(() -> message.set(Messages.get("pad.failed", String.valueOf(e.getMessage()))));
                return;
            }
            fx.execute(() -> {
                // An answer for an older drawing than one already shown (or for a replaced model) is dropped.
                if (asked < shownPrediction || c != classifier) return;
                shownPrediction = asked;
                prediction.set(p);
            });
        });
    }

    private void requestInspection() {
        long asked = revision.get();
        DigitClassifier c = classifier;
        if (c == null || raster.isBlank()) {
            shownInspection = asked;
            inspection.set(null);
            return;
        }
        float[] grey = raster.grey();
        TrainedModel model = c.model();
        inspections.submit(() -> {
            NetworkInspector.Inspection result;
            try {
                if (inspector == null || inspector.model() != model) inspector = new NetworkInspector(model);
                result = inspector.inspect(org.perceptrix.data.DigitPreprocessor.fromGrey(grey, SIZE, SIZE));
            } catch (RuntimeException e) {
                LOG.warn("Looking inside model {} failed", model.name(), e);
                fx.execute(() -> message.set(Messages.get("pad.failed", String.valueOf(e.getMessage()))));
                return;
            }
            fx.execute(() -> {
                if (asked < shownInspection || c != classifier) return;
                shownInspection = asked;
                inspection.set(result);
            });
        });
    }
}
