package org.perceptrix.ui.search;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.data.DataLoader;
import org.perceptrix.i18n.Messages;
import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectTraining;
import org.perceptrix.train.BackgroundThread;
import org.perceptrix.train.GridSearch;
import org.perceptrix.train.SearchEvent;
import org.perceptrix.train.SearchGrid;
import org.perceptrix.train.SearchResult;
import org.perceptrix.train.TrainingEvent;
import org.perceptrix.train.TrainingJob;
import org.perceptrix.ui.DesignerViewModel;
import org.perceptrix.ui.training.SettingField;

/**
 * The grid search's state without controls: the values to try per numeric setting (typed as "0.001, 0.01"), hold-out
 * or k-fold validation, a quick-search limit, starting and stopping a {@link GridSearch} on a background thread, its
 * progress, the results (one row per setting, best marked) and "apply best" as one undoable edit of the project.
 * <p>
 * Like the training panel, the search thread only queues events; {@link #flush()} applies them on the FX thread ten
 * times a second.
 */
public final class SearchViewModel {
    private static final Logger LOG = LoggerFactory.getLogger(SearchViewModel.class);

    /** Where a search is; every state but {@code IDLE} means one is under way. */
    public enum State { IDLE, LOADING, RUNNING, STOPPING }

    /** The settings a student can vary: the grid's name and the training form's field (label, help, checks). */
    public enum Parameter {
        LEARNING_RATE("lr", SettingField.LEARNING_RATE), BATCH_SIZE("batch", SettingField.BATCH_SIZE),
        EPOCHS("epochs", SettingField.EPOCHS), DROPOUT("dropout", SettingField.DROPOUT), L2("l2", SettingField.L2),
        L1("l1", SettingField.L1), MOMENTUM("momentum", SettingField.MOMENTUM),
        DECAY_RATE("decay", SettingField.DECAY_RATE);

        private final String gridName;
        private final SettingField field;

        Parameter(String gridName, SettingField field) {
            this.gridName = gridName;
            this.field = field;
        }

        /** The name in {@link SearchGrid} and the command line's {@code --grid}. */
        public String gridName() { return gridName; }

        public SettingField field() { return field; }

        /** The setting's name in the current language. */
        public String label() { return Messages.get("training." + field.key()); }

        public static Parameter of(String gridName) {
            for (Parameter p : values()) if (p.gridName.equals(gridName)) return p;
            throw new IllegalArgumentException("no setting '" + gridName + "'");
        }
    }

    /** What the results table shows for a search: the varied settings in order, the folds and the metric. */
    public record Layout(List<Parameter> parameters, int folds, SearchResult.Metric metric) {
        public Layout {
            parameters = List.copyOf(parameters);
        }
    }

    private final DesignerViewModel designer;
    private final BiFunction<Project, Path, DataLoader.LoadedData> loader;
    private final Executor fx;
    private final Queue<SearchEvent> events = new ConcurrentLinkedQueue<>();
    private volatile GridSearch current;
    private volatile boolean stopWanted;

    private final Map<Parameter, StringProperty> values = new EnumMap<>(Parameter.class);
    private final BooleanProperty crossValidation = new SimpleBooleanProperty(this, "crossValidation", true);
    private final IntegerProperty folds = new SimpleIntegerProperty(this, "folds", 3);
    private final IntegerProperty limit = new SimpleIntegerProperty(this, "limit", 0);
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyObjectWrapper<Layout> layout = new ReadOnlyObjectWrapper<>(this, "layout");
    private final ReadOnlyObjectWrapper<SearchResult.SettingResult> best = new ReadOnlyObjectWrapper<>(this, "best");
    private final ObservableList<SearchResult.SettingResult> results = FXCollections.observableArrayList();
    private int settingsTotal;
    private int setting;
    private int fold;
    private long stopRequestedAt;
    private long stopReturnedMillis = -1;

    /**
     * @param loader reads a project's data relative to its folder (on the search thread)
     * @param fx     runs work on the FX thread ({@code Platform::runLater})
     */
    public SearchViewModel(DesignerViewModel designer, BiFunction<Project, Path, DataLoader.LoadedData> loader,
                           Executor fx) {
        this.designer = designer;
        this.loader = loader;
        this.fx = fx;
        for (Parameter p : Parameter.values()) values.put(p, new SimpleStringProperty(this, p.gridName(), ""));
    }

    /** The app's view model: the project's own data, results handed to the FX thread. */
    public static SearchViewModel forApp(DesignerViewModel designer, Executor fx) {
        return new SearchViewModel(designer, (p, base) -> DataLoader.load(p.data(), base), fx);
    }

    public DesignerViewModel designer() { return designer; }

    // --- the form -----------------------------------------------------------------------------------------------

    /** The values to try for a setting as typed, e.g. "0.001, 0.01"; empty keeps the project's value. */
    public StringProperty valuesProperty(Parameter p) { return values.get(p); }

    /** Cross-validate with {@link #foldsProperty()} folds; otherwise validate on the settings' validation split. */
    public BooleanProperty crossValidationProperty() { return crossValidation; }

    public IntegerProperty foldsProperty() { return folds; }

    /** Search on only the first N training examples; 0 uses all. */
    public IntegerProperty limitProperty() { return limit; }

    /** The project's current value of a setting, as the training form shows it. */
    public String currentValue(Parameter p) { return p.field().text(designer.training()); }

    /**
     * The grid the form describes.
     *
     * @throws IllegalArgumentException with a one-line message in the current language naming the bad value
     */
    public SearchGrid grid() {
        Map<String, List<Double>> grid = new LinkedHashMap<>();
        for (Parameter p : Parameter.values()) {
            List<Double> list = parseValues(p, values.get(p).get());
            if (!list.isEmpty()) grid.put(p.gridName(), list);
        }
        if (grid.isEmpty()) throw new IllegalArgumentException(Messages.get("search.empty"));
        SearchGrid result = new SearchGrid(grid);
        if (result.size() > SearchGrid.MAX_COMBINATIONS) {
            throw new IllegalArgumentException(Messages.get("search.tooMany", result.size(), SearchGrid.MAX_COMBINATIONS));
        }
        return result;
    }

    /** Reads "0.001, 0.01" (commas or spaces between values), checking each value as the training form would. */
    static List<Double> parseValues(Parameter p, String text) {
        List<Double> list = new ArrayList<>();
        for (String raw : text.strip().split("[,;\\s]+")) {
            if (raw.isEmpty()) continue;
            double v;
            try {
                p.field().apply(TrainingSettings.defaults(), raw);
                v = Double.parseDouble(raw);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(Messages.get("search.invalidValue", p.label(), raw,
                        Messages.get("training." + p.field().key() + ".help")));
            }
            if (list.contains(v)) throw new IllegalArgumentException(Messages.get("search.duplicate", p.label(), raw));
            list.add(v);
        }
        return list;
    }

    // --- state --------------------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }

    public State state() { return state.get(); }

    public boolean isRunning() { return state.get() != State.IDLE; }

    /** 0 to 1 over every setting and fold of the search. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** Which setting and fold is training, in words. */
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }

    /** How the last search went, or why one could not start. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** The columns of the results: set when a search starts. */
    public ReadOnlyObjectProperty<Layout> layoutProperty() { return layout.getReadOnlyProperty(); }

    /** One row per finished setting, in the grid's order. */
    public ObservableList<SearchResult.SettingResult> results() { return results; }

    /** The setting with the best mean so far (highest accuracy or lowest loss); null before one succeeded. */
    public ReadOnlyObjectProperty<SearchResult.SettingResult> bestProperty() { return best.getReadOnlyProperty(); }

    public boolean isBest(SearchResult.SettingResult r) {
        SearchResult.SettingResult b = best.get();
        return b != null && b.index() == r.index();
    }

    /** Milliseconds from pressing Stop until the search had ended, for the last stopped search; -1 if none. */
    public long stopReturnedMillis() { return stopReturnedMillis; }

    // --- running ------------------------------------------------------------------------------------------------

    /** Starts the search in the background with the project as it is now; says why when it cannot. */
    public void start() {
        if (isRunning()) return;
        if (!designer.analysis().isValid() || designer.graph().isEmpty()) {
            message.set(Messages.get("training.blocked", designer.validityText()));
            return;
        }
        SearchGrid grid;
        try {
            grid = grid();
        } catch (IllegalArgumentException e) {
            message.set(e.getMessage());
            return;
        }
        int k = crossValidation.get() ? folds.get() : GridSearch.HOLD_OUT;
        if (crossValidation.get() && k < 2) {
            message.set(Messages.get("search.foldsInvalid", k));
            return;
        }
        Project project = designer.snapshot();
        if (k == GridSearch.HOLD_OUT && project.training().validationSplit() <= 0) {
            message.set(Messages.get("search.noValidationSplit"));
            return;
        }
        Path file = designer.fileProperty().get();
        Path base = file != null && file.toAbsolutePath().getParent() != null ? file.toAbsolutePath().getParent()
                : Path.of("").toAbsolutePath();
        OptionalInt quick = limit.get() > 0 ? OptionalInt.of(limit.get()) : OptionalInt.empty();
        List<Parameter> varied = grid.values().keySet().stream().map(Parameter::of).toList();
        layout.set(new Layout(varied, k, GridSearch.metricFor(project.data().target())));
        results.clear();
        best.set(null);
        events.clear();
        settingsTotal = grid.size();
        setting = 0;
        fold = 0;
        progress.set(0);
        stopWanted = false;
        stopReturnedMillis = -1;
        message.set("");
        progressText.set(Messages.get("training.loading"));
        state.set(State.LOADING);
        BackgroundThread.start("perceptrix-search", () -> {
            work(project, base, grid, k, quick);
            return null;
        });
    }

    private void work(Project project, Path base, SearchGrid grid, int k, OptionalInt quick) {
        try {
            DataLoader.LoadedData data = loader.apply(project, base);
            TrainingJob job = ProjectTraining.job(project, data,
                    new ProjectTraining.Options(OptionalInt.empty(), quick, Optional.empty()));
            if (k > job.examples().size()) {
                fx.execute(() -> refused(Messages.get("search.tooFewExamples", k, job.examples().size())));
                return;
            }
            GridSearch search = new GridSearch(job, grid, k, events::add);
            current = search;
            if (stopWanted) search.stop();
            fx.execute(() -> {
                if (state.get() == State.LOADING) state.set(State.RUNNING);
            });
            SearchResult result = search.run();
            fx.execute(() -> finished(result));
        } catch (RuntimeException e) {
            LOG.warn("Grid search of project '{}' failed", project.name(), e);
            fx.execute(() -> refused(Messages.get("search.failed", e.getMessage())));
        } finally {
            current = null;
        }
    }

    /** Asks the search to stop after the current mini-batch; the settings finished so far are kept. */
    public void stop() {
        State s = state.get();
        if (s != State.RUNNING && s != State.LOADING) return;
        stopWanted = true;
        stopRequestedAt = System.nanoTime();
        state.set(State.STOPPING);
        GridSearch g = current;
        if (g != null) g.stop();
    }

    /** Applies the events the search thread queued; on the FX thread, ten times a second while a search runs. */
    public void flush() {
        SearchEvent e;
        while ((e = events.poll()) != null) {
            if (e instanceof SearchEvent.FoldStarted) {
                SearchEvent.FoldStarted s = (SearchEvent.FoldStarted) e;
                setting = s.setting();
                fold = s.fold();
                settingsTotal = s.settings();
                progress(0);
                String which = SearchGrid.describe(s.values());
                progressText.set(s.folds() == GridSearch.HOLD_OUT
                        ? Messages.get("search.progressHoldOut", s.setting() + 1, s.settings(), which)
                        : Messages.get("search.progress", s.setting() + 1, s.settings(), which, s.fold() + 1, s.folds()));
            } else if (e instanceof SearchEvent.FoldProgress) {
                TrainingEvent t = ((SearchEvent.FoldProgress) e).event();
                if (t instanceof TrainingEvent.Iteration) {
                    TrainingEvent.Iteration it = (TrainingEvent.Iteration) t;
                    long planned = (long) it.epochs() * it.examplesPerEpoch();
                    long done = (long) (it.epoch() - 1) * it.examplesPerEpoch() + it.examplesSeen();
                    progress(planned == 0 ? 0 : (double) done / planned);
                }
            } else if (e instanceof SearchEvent.SettingEnded) {
                results.add(((SearchEvent.SettingEnded) e).result());
                Layout l = layout.get();
                best.set(new SearchResult(SearchResult.Outcome.FINISHED, l.metric(), l.folds(), results).best()
                        .orElse(null));
            } else if (e instanceof SearchEvent.Ended) {
                if (state.get() == State.STOPPING) stopReturnedMillis = (System.nanoTime() - stopRequestedAt) / 1_000_000;
            }
        }
    }

    private void progress(double withinFold) {
        int k = layout.get().folds();
        progress.set(settingsTotal == 0 ? 0 : (setting * k + fold + withinFold) / ((double) settingsTotal * k));
    }

    private void finished(SearchResult result) {
        flush();
        state.set(State.IDLE);
        Optional<SearchResult.SettingResult> b = result.best();
        if (b.isEmpty()) {
            message.set(result.outcome() == SearchResult.Outcome.CANCELLED && result.settings().isEmpty()
                    ? Messages.get("search.stoppedEmpty")
                    : Messages.get("search.nothingWorked", result.firstFailure()));
        } else {
            String text = Messages.get("search.bestIs", SearchGrid.describe(b.get().values()),
                    metricText(result.metric(), b.get().mean()), metricText(result.metric(), b.get().std()));
            message.set(result.outcome() == SearchResult.Outcome.CANCELLED
                    ? Messages.get("search.stopped", result.settings().size(), settingsTotal, text)
                    : Messages.get("search.finished", text));
            progress.set(1);
        }
        progressText.set("");
    }

    private void refused(String why) {
        flush();
        state.set(State.IDLE);
        message.set(why);
        progressText.set("");
    }

    // --- apply best ---------------------------------------------------------------------------------------------

    /**
     * Puts the best setting's values into the project's training settings, as one undoable step. The project's
     * other settings stay (a quick search's limit is not a setting).
     */
    public void applyBest() {
        SearchResult.SettingResult b = best.get();
        if (b == null) return;
        designer.changeTraining(SearchGrid.apply(designer.training(), b.values()), Messages.get("search.applyWhat"));
        message.set(Messages.get("search.applied", SearchGrid.describe(b.values())));
    }

    /** A validation metric as the table shows it: accuracy in percent, loss with four decimals. */
    public static String metricText(SearchResult.Metric metric, double v) {
        if (Double.isNaN(v)) return "—";
        return metric == SearchResult.Metric.ACCURACY ? String.format(Locale.ROOT, "%.2f%%", 100 * v)
                : String.format(Locale.ROOT, "%.4f", v);
    }
}
