package org.perceptrix.ui.explorer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.perceptrix.data.DataException;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.TestPredictions;
import org.perceptrix.evaluate.TestPredictions.Filter;
import org.perceptrix.evaluate.TestReconstructions;
import org.perceptrix.evaluate.TestResults;
import org.perceptrix.export.SavedModel;
import org.perceptrix.i18n.Messages;
import org.perceptrix.train.BackgroundThread;
import org.perceptrix.ui.models.ModelLibrary;

/**
 * The predictions explorer without controls: runs the chosen model of the {@link ModelLibrary} over its test set in
 * the background whenever the explorer is shown or the model changes, and picks the examples the gallery shows (a
 * confusion-matrix cell, a true or predicted class, mistakes only), a page at a time.
 */
public final class ExplorerViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(ExplorerViewModel.class);
    /** How many examples the gallery shows at first, and how many more each "show more" adds. */
    public static final int PAGE = 60;

    /** What the explorer is showing. */
    public enum State { WAITING, EVALUATING, CLASSIFIER, AUTOENCODER, FAILED }

    private final ModelLibrary models;
    private final Function<SavedModel, ExampleSet> testData;
    private final Executor background;
    private final Executor fx;
    private final AtomicInteger generation = new AtomicInteger();
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.WAITING);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<TestResults> results = new ReadOnlyObjectWrapper<>(this, "results");
    private final ObjectProperty<Integer> actual = new SimpleObjectProperty<>(this, "actual", Filter.ANY);
    private final ObjectProperty<Integer> predicted = new SimpleObjectProperty<>(this, "predicted", Filter.ANY);
    private final BooleanProperty mistakesOnly = new SimpleBooleanProperty(this, "mistakesOnly", true);
    private final ObservableList<Integer> gallery = FXCollections.observableArrayList();
    private final ReadOnlyIntegerWrapper matches = new ReadOnlyIntegerWrapper(this, "matches");
    private int limit = PAGE;
    private boolean active;
    private boolean adjusting;
    private boolean readingModel;
    private String shownMessage = "";
    private SavedModel evaluated;

    /**
     * @param testData   reads a saved model's test examples (on the background thread)
     * @param background runs an evaluation away from the FX thread (tests may pass {@code Runnable::run})
     * @param fx         runs work on the FX thread ({@code Platform::runLater}; tests may pass {@code Runnable::run})
     */
    public ExplorerViewModel(ModelLibrary models, Function<SavedModel, ExampleSet> testData, Executor background,
                             Executor fx) {
        this.models = models;
        this.testData = testData;
        this.background = background;
        this.fx = fx;
        models.modelProperty().addListener((o, a, b) -> refreshIfActive());
        models.errorProperty().addListener((o, a, b) -> refreshIfActive());
        models.loadingProperty().addListener((o, a, b) -> refreshIfActive());
        actual.addListener((o, a, b) -> refilter(true));
        predicted.addListener((o, a, b) -> refilter(true));
        mistakesOnly.addListener((o, a, b) -> refilter(true));
    }

    /** The app's view model: the test set the model's data source names, evaluated on a daemon thread. */
    public static ExplorerViewModel forApp(ModelLibrary models, Executor fx) {
        return new ExplorerViewModel(models, m -> DataLoader.load(m.data(), Path.of(".")).test(),
                work -> BackgroundThread.start("perceptrix-explorer", () -> {
                    work.run();
                    return null;
                }), fx);
    }

    public ModelLibrary models() { return models; }

    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }

    public State state() { return state.get(); }

    /** How much of the test set has been run through the model, 0..1; -1 while the data is read. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** One line about the evaluation: under way, the accuracy or error, or why the model cannot be explored. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** The latest results; null before the first evaluation finishes. */
    public ReadOnlyObjectProperty<TestResults> resultsProperty() { return results.getReadOnlyProperty(); }

    public TestResults results() { return results.get(); }

    /** The true class the gallery shows ({@link Filter#ANY}: every class). */
    public ObjectProperty<Integer> actualProperty() { return actual; }

    /** The predicted class the gallery shows ({@link Filter#ANY}: every class); ignored for autoencoders. */
    public ObjectProperty<Integer> predictedProperty() { return predicted; }

    /** Whether the gallery shows misclassified examples only; ignored for autoencoders. */
    public BooleanProperty mistakesOnlyProperty() { return mistakesOnly; }

    /** Indices into the test set of the examples the gallery shows, in order (at most a few pages). */
    public ObservableList<Integer> gallery() { return FXCollections.unmodifiableObservableList(gallery); }

    /** How many examples the filter accepts, of which {@link #gallery()} holds the first pages. */
    public ReadOnlyIntegerProperty matchesProperty() { return matches.getReadOnlyProperty(); }

    /** The explorer became visible: choose the starter model if none is chosen, and evaluate if needed. */
    public void activate() {
        active = true;
        models.selectDefault();
        refresh();
    }

    /** The explorer is hidden: model changes wait until it is shown again. */
    public void deactivate() { active = false; }

    /** Shows exactly the examples of one confusion-matrix cell (the diagonal: those classified correctly). */
    public void showCell(int actualClass, int predictedClass) {
        setFilter(actualClass, predictedClass, false);
    }

    /** Back to the default: every misclassified example (for autoencoders: every example), most confident first. */
    public void clearFilter() {
        setFilter(Filter.ANY, Filter.ANY, true);
    }

    /** The current filter as the core sees it. */
    public Filter filter() {
        return new Filter(actual.get() == null ? Filter.ANY : actual.get(),
                predicted.get() == null ? Filter.ANY : predicted.get(), mistakesOnly.get());
    }

    /** Adds a page to the gallery. */
    public void showMore() {
        limit += PAGE;
        refilter(false);
    }

    /** The class names of the results, for filters and headings; empty before any results. */
    public List<String> classNames() {
        TestResults r = results.get();
        return r == null ? List.of() : r.test().classNames();
    }

    private void setFilter(int a, int p, boolean mistakes) {
        adjusting = true; // one refilter, not three
        try {
            actual.set(a);
            predicted.set(p);
            mistakesOnly.set(mistakes);
        } finally {
            adjusting = false;
        }
        refilter(true);
    }

    private void refreshIfActive() {
        if (active) refresh();
    }

    private void refresh() {
        SavedModel m = models.model();
        if (models.loadingProperty().get()) {
            // What is shown stays until the new model is read: it may turn out unreadable, or be the same one.
            if (!readingModel) shownMessage = message.get();
            readingModel = true;
            message.set(Messages.get("explorer.loadingModel"));
            return;
        }
        boolean wasReading = readingModel;
        readingModel = false;
        if (!models.errorProperty().get().isEmpty()) {
            generation.incrementAndGet();
            evaluated = null;
            fail(models.errorProperty().get());
        } else if (m != null && m != evaluated) {
            evaluate(m);
        } else if (wasReading) {
            message.set(shownMessage);
        }
    }

    private void evaluate(SavedModel m) {
        int mine = generation.incrementAndGet();
        evaluated = m;
        String name = models.selectedProperty().get() == null ? m.model().name() : models.selectedProperty().get().label();
        state.set(State.EVALUATING);
        progress.set(-1);
        message.set(Messages.get("explorer.evaluating", name));
        background.execute(() -> {
            try {
                ExampleSet test = testData.apply(m);
                fx.execute(() -> {
                    if (generation.get() == mine) message.set(Messages.get("explorer.evaluatingCount", name, test.size()));
                });
                TestResults r = TestResults.compute(m.model(), test, f -> fx.execute(() -> {
                    if (generation.get() == mine) progress.set(f);
                }), () -> generation.get() != mine);
                fx.execute(() -> {
                    if (generation.get() == mine) show(r);
                });
            } catch (CancellationException e) {
                LOG.debug("Evaluation of {} replaced by a newer one", name);
            } catch (IllegalArgumentException | DataException e) {
                fx.execute(() -> {
                    if (generation.get() == mine) fail(Messages.get("explorer.cannotEvaluate", name, e.getMessage()));
                });
            } catch (RuntimeException e) {
                LOG.error("Cannot evaluate model {}", name, e);
                fx.execute(() -> {
                    if (generation.get() == mine) fail(Messages.get("explorer.cannotEvaluate", name, e.toString()));
                });
            }
        });
    }

    private void fail(String why) {
        results.set(null);
        gallery.clear();
        matches.set(0);
        progress.set(0);
        message.set(why);
        state.set(State.FAILED);
    }

    private void show(TestResults r) {
        adjusting = true;
        try {
            actual.set(Filter.ANY);
            predicted.set(Filter.ANY);
            mistakesOnly.set(true);
        } finally {
            adjusting = false;
        }
        results.set(r);
        progress.set(1);
        message.set(summary(r));
        state.set(r instanceof TestPredictions ? State.CLASSIFIER : State.AUTOENCODER);
        refilter(true);
    }

    /** Says the shown results again in the current language (the window was rebuilt after a language switch). */
    public void languageChanged() {
        TestResults r = results.get();
        if (r != null && !readingModel && (state.get() == State.CLASSIFIER || state.get() == State.AUTOENCODER)) {
            message.set(summary(r));
        }
    }

    private static String summary(TestResults r) {
        if (r instanceof TestPredictions p) {
            return Messages.get("explorer.accuracy", String.format("%.2f", p.report().accuracy() * 100), p.size(),
                    p.select(Filter.mistakes()).length);
        }
        TestReconstructions a = (TestReconstructions) r;
        return Messages.get("explorer.meanError", String.format("%.4f", a.meanError()), a.size());
    }

    private void refilter(boolean firstPage) {
        TestResults r = results.get();
        if (r == null || adjusting) return;
        if (firstPage) limit = PAGE;
        int[] selected;
        if (r instanceof TestPredictions p) {
            selected = p.select(filter());
        } else {
            selected = ((TestReconstructions) r).worstFirst(filter().actual());
        }
        matches.set(selected.length);
        gallery.setAll(Arrays.stream(selected, 0, Math.min(limit, selected.length)).boxed().toList());
    }

    @Override
    public String toString() {
        return "ExplorerViewModel[" + state.get() + ", " + Objects.toString(message.get()) + "]";
    }
}
