package org.perceptrix.ui.training;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.compile.WeightInit;
import org.perceptrix.data.DataLoader;
import org.perceptrix.i18n.Messages;
import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectTraining;
import org.perceptrix.project.RunRecord;
import org.perceptrix.train.EpochMetrics;
import org.perceptrix.train.Notice;
import org.perceptrix.train.TrainingDiagnostics;
import org.perceptrix.train.TrainingEvent;
import org.perceptrix.ui.DesignerViewModel;
import org.perceptrix.ui.TaskRunner;
import org.perceptrix.ui.UiSettings;

/**
 * The training panel's state without controls: the settings form (every change an undoable edit of the project),
 * starting, pausing, resuming and stopping a run through {@link ProjectTraining} on a background thread, the
 * recorded curves, progress, the run history and which past runs are overlaid.
 * <p>
 * The training thread only queues events; {@link #flush()} applies them on the FX thread twice a second (the view
 * calls it from a {@link org.perceptrix.ui.FxTicker}), so a fast network never floods the FX thread with one update
 * per iteration.
 */
public final class TrainingViewModel {
    /** Where a run is; every state but {@code IDLE} means a run is under way. */
    public enum State { IDLE, LOADING, TRAINING, PAUSED, STOPPING, EVALUATING }

    /** Weight of the past in the smoothed loss (an exponential moving average with bias correction). */
    public static final double SMOOTHING = 0.95;

    /** A past run's curves for overlaying: loss over fractional epochs, validation loss and accuracy per epoch. */
    public record RunCurves(Series loss, Series validationLoss, Series validationAccuracy) {
    }

    private final DesignerViewModel designer;
    private final BiFunction<Project, Path, DataLoader.LoadedData> loader;
    private final Executor fx;
    private final TaskRunner tasks;
    private final Queue<TrainingEvent> events = new ConcurrentLinkedQueue<>();
    private final Queue<Notice> pendingNotices = new ConcurrentLinkedQueue<>();
    /** Watches the current run's events on the training thread; replaced (on the FX thread) before each run. */
    private volatile TrainingDiagnostics diagnostics = new TrainingDiagnostics(pendingNotices::add);
    private volatile ProjectTraining current;
    private volatile boolean stopWanted;

    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(this, "state", State.IDLE);
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(this, "progress");
    private final ReadOnlyStringWrapper progressText = new ReadOnlyStringWrapper(this, "progressText", "");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final ReadOnlyIntegerWrapper iterations = new ReadOnlyIntegerWrapper(this, "iterations");
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final IntegerProperty limit = new SimpleIntegerProperty(this, "limit", 0);
    private final ObservableList<RunRecord> overlay = FXCollections.observableArrayList();
    private final ObservableList<Notice> notices = FXCollections.observableArrayList();
    private final BooleanBinding canTrain;
    private final StringBinding blockedReason;

    private final Series loss = new Series();
    private final Series smoothed = new Series();
    private final Series learningRate = new Series();
    private final Series trainLossPerEpoch = new Series();
    private final Series validationLoss = new Series();
    private final Series validationAccuracy = new Series();
    private final Map<RunRecord, Series> sessionCurves = new HashMap<>();
    private double ema;
    private TrainingSettings runSettings = TrainingSettings.defaults();
    private long activeNanos;
    private long activeSince;
    private long examplesDone;
    private long stopRequestedAt;
    private long stopReturnedMillis = -1;

    /**
     * @param loader reads a project's data relative to its folder (on the training thread)
     * @param fx     runs work on the FX thread ({@code Platform::runLater}; tests may pass {@code Runnable::run})
     */
    public TrainingViewModel(DesignerViewModel designer, BiFunction<Project, Path, DataLoader.LoadedData> loader,
                             Executor fx, TaskRunner tasks) {
        this.designer = designer;
        this.loader = loader;
        this.fx = fx;
        this.tasks = tasks;
        canTrain = Bindings.createBooleanBinding(
                () -> state.get() == State.IDLE && networkReady(), state, designer.analysisProperty());
        blockedReason = Bindings.createStringBinding(
                () -> networkReady() ? "" : Messages.get("training.blocked", designer.validityText()),
                designer.analysisProperty());
    }

    /** The app's view model: the project's own data, results handed to the FX thread. */
    public static TrainingViewModel forApp(DesignerViewModel designer, Executor fx, TaskRunner tasks) {
        return new TrainingViewModel(designer, (p, base) -> DataLoader.load(p.data(), base), fx, tasks);
    }

    private boolean networkReady() {
        return designer.analysis().isValid() && !designer.graph().isEmpty();
    }

    // --- state --------------------------------------------------------------------------------------------------

    public DesignerViewModel designer() { return designer; }

    public ReadOnlyObjectProperty<State> stateProperty() { return state.getReadOnlyProperty(); }

    public State state() { return state.get(); }

    /** 0 to 1 over all planned examples of the run. */
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }

    /** Epoch, iteration, examples per second and time left, in words. */
    public ReadOnlyStringProperty progressTextProperty() { return progressText.getReadOnlyProperty(); }

    /** How the last run went, or why one could not start. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    /** Mini-batches learned in the current run so far. */
    public ReadOnlyIntegerProperty iterationsProperty() { return iterations.getReadOnlyProperty(); }

    /** Increases whenever the curves changed (new points, a new run, another overlay): the charts redraw. */
    public ReadOnlyLongProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    /** Train on only the first N examples (and test on the first N test examples); 0 trains on all. */
    public IntegerProperty limitProperty() { return limit; }

    public BooleanBinding canTrainProperty() { return canTrain; }

    /** Why Train is disabled (the network is empty or has problems); empty when it is not. */
    public StringBinding blockedReasonProperty() { return blockedReason; }

    /** Past runs whose curves are drawn with the current one. */
    public ObservableList<RunRecord> overlay() { return overlay; }

    public ObservableList<RunRecord> runs() { return designer.runs(); }

    /**
     * What the diagnostics noticed in the current (or last) run, newest first: NaN or exploding loss, a loss that
     * does not go down, overfitting, a learning rate far off. Kept after the run ends; cleared when the next starts.
     */
    public ObservableList<Notice> notices() { return notices; }

    public boolean isRunning() { return state.get() != State.IDLE; }

    /** Milliseconds from pressing Stop until training had ended, for the last stopped run; -1 if none. */
    public long stopReturnedMillis() { return stopReturnedMillis; }

    // --- the curves ---------------------------------------------------------------------------------------------

    /** Training loss per iteration, x in fractional epochs (1.5 = half-way through the second epoch). */
    public Series loss() { return loss; }

    public Series smoothedLoss() { return smoothed; }

    public Series learningRate() { return learningRate; }

    public Series trainLossPerEpoch() { return trainLossPerEpoch; }

    public Series validationLoss() { return validationLoss; }

    public Series validationAccuracy() { return validationAccuracy; }

    /**
     * A past run's curves: its smoothed loss per iteration when it ran in this session, else its mean training
     * loss per epoch from the project file.
     */
    public RunCurves curves(RunRecord run) {
        Series l = sessionCurves.get(run);
        Series vl = new Series();
        Series va = new Series();
        Series perEpoch = new Series();
        for (EpochMetrics m : run.epochs()) {
            perEpoch.add(m.epoch(), m.trainLoss());
            if (!Double.isNaN(m.validationLoss())) vl.add(m.epoch(), m.validationLoss());
            if (!Double.isNaN(m.validationAccuracy())) va.add(m.epoch(), m.validationAccuracy());
        }
        return new RunCurves(l != null ? l : perEpoch, vl, va);
    }

    // --- settings form ------------------------------------------------------------------------------------------

    public TrainingSettings settings() { return designer.training(); }

    /** Sets a numeric setting from typed text; returns the reason when the text is refused (nothing changes then). */
    public Optional<String> set(SettingField field, String text) {
        TrainingSettings next;
        try {
            next = field.apply(settings(), text);
        } catch (IllegalArgumentException e) {
            return Optional.of(Messages.get("training.invalid", Messages.get("training." + field.key()), text.strip(),
                    Messages.get("training." + field.key() + ".help")));
        }
        designer.changeTraining(next, Messages.get("training." + field.key()));
        return Optional.empty();
    }

    public void setOptimizer(Optimizer o) {
        TrainingSettings s = settings();
        designer.changeTraining(new TrainingSettings(o, s.learningRate(), s.momentum(), s.batchSize(), s.epochs(), s.l1(),
                s.l2(), s.dropout(), s.weightInit(), s.seed(), s.validationSplit(), s.earlyStoppingPatience(),
                s.schedule(), s.decayRate(), s.decayEpochs()), Messages.get("training.optimizer"));
    }

    public void setWeightInit(WeightInit w) {
        TrainingSettings s = settings();
        designer.changeTraining(new TrainingSettings(s.optimizer(), s.learningRate(), s.momentum(), s.batchSize(),
                s.epochs(), s.l1(), s.l2(), s.dropout(), w, s.seed(), s.validationSplit(), s.earlyStoppingPatience(),
                s.schedule(), s.decayRate(), s.decayEpochs()), Messages.get("training.weightInit"));
    }

    public void setSchedule(LearningRateSchedule schedule) {
        TrainingSettings s = settings();
        designer.changeTraining(s.withSchedule(schedule, s.decayRate(), s.decayEpochs()),
                Messages.get("training.schedule"));
    }

    /** Puts a past run's settings back, as one undoable step. */
    public void restore(RunRecord run) {
        designer.changeTraining(run.settings(), Messages.get("training.restoreWhat"));
        message.set(Messages.get("training.restored", run.startedAt()));
    }

    // --- running ------------------------------------------------------------------------------------------------

    /** Starts a run in the background with the project as it is now; does nothing while one runs or when invalid. */
    public void train() {
        if (!canTrain.get()) {
            if (!networkReady()) message.set(blockedReason.get());
            return;
        }
        Project project = designer.snapshot();
        Path file = designer.fileProperty().get();
        Path base = file != null && file.toAbsolutePath().getParent() != null ? file.toAbsolutePath().getParent()
                : Path.of("").toAbsolutePath();
        Path modelFile = modelFile(file, project.name());
        OptionalInt quick = limit.get() > 0 ? OptionalInt.of(limit.get()) : OptionalInt.empty();
        clearCurves();
        events.clear();
        pendingNotices.clear();
        notices.clear();
        diagnostics = new TrainingDiagnostics(pendingNotices::add);
        runSettings = project.training();
        stopWanted = false;
        stopReturnedMillis = -1;
        message.set("");
        state.set(State.LOADING);
        progressText.set(Messages.get("training.loading"));
        // BackgroundThread frees the thread's ND4J workspaces when the run ends (one thread per run).
        org.perceptrix.train.BackgroundThread.start("perceptrix-training", () -> {
            work(project, base, modelFile, quick);
            return null;
        });
    }

    private void work(Project project, Path base, Path modelFile, OptionalInt quick) {
        try {
            DataLoader.LoadedData data = loader.apply(project, base);
            // A quick run also tests on a slice, so trying a network stays quick.
            if (quick.isPresent()) data = new DataLoader.LoadedData(data.train(), data.test().head(quick.getAsInt()));
            ProjectTraining training = new ProjectTraining(project, data, base,
                    new ProjectTraining.Options(OptionalInt.empty(), quick, Optional.of(modelFile)), this::accept);
            current = training;
            if (stopWanted) training.stop();
            fx.execute(() -> {
                if (state.get() == State.LOADING) {
                    state.set(State.TRAINING);
                    activeSince = System.nanoTime();
                }
            });
            ProjectTraining.Outcome outcome = training.run();
            fx.execute(() -> finished(outcome));
        } catch (RuntimeException e) {
            fx.execute(() -> failed(e));
        } finally {
            current = null;
        }
    }

    public void pause() {
        ProjectTraining t = current;
        if (state.get() != State.TRAINING || t == null) return;
        t.pause();
        activeNanos += System.nanoTime() - activeSince;
        state.set(State.PAUSED);
        progressText.set(Messages.get("training.paused", progressText.get()));
    }

    public void resume() {
        ProjectTraining t = current;
        if (state.get() != State.PAUSED || t == null) return;
        activeSince = System.nanoTime();
        state.set(State.TRAINING);
        t.resume();
    }

    /** Asks the run to stop after its current mini-batch; it keeps its model and is still scored and saved. */
    public void stop() {
        State s = state.get();
        if (s != State.TRAINING && s != State.PAUSED && s != State.LOADING) return;
        stopWanted = true;
        stopRequestedAt = System.nanoTime();
        if (s == State.TRAINING) activeNanos += System.nanoTime() - activeSince;
        state.set(State.STOPPING);
        ProjectTraining t = current;
        if (t != null) t.stop();
    }

    /**
     * Queues an event from the training thread; it shows at the next {@link #flush()}. The diagnostics look at it
     * here, on the training thread, so the FX thread only receives the notices they raise.
     */
    void accept(TrainingEvent e) {
        diagnostics.accept(e);
        events.add(e);
    }

    /** Applies the events the training thread queued; on the FX thread, twice a second while a run is under way. */
    public void flush() {
        boolean changed = false;
        TrainingEvent e;
        while ((e = events.poll()) != null) {
            changed = true;
            if (e instanceof TrainingEvent.Iteration) {
                iteration((TrainingEvent.Iteration) e);
            } else if (e instanceof TrainingEvent.EpochEnded) {
                EpochMetrics m = ((TrainingEvent.EpochEnded) e).metrics();
                trainLossPerEpoch.add(m.epoch(), m.trainLoss());
                if (!Double.isNaN(m.validationLoss())) validationLoss.add(m.epoch(), m.validationLoss());
                if (!Double.isNaN(m.validationAccuracy())) validationAccuracy.add(m.epoch(), m.validationAccuracy());
            } else if (e instanceof TrainingEvent.Ended) {
                if (state.get() == State.STOPPING) stopReturnedMillis = (System.nanoTime() - stopRequestedAt) / 1_000_000;
                if (state.get() == State.TRAINING) activeNanos += System.nanoTime() - activeSince;
                state.set(State.EVALUATING);
                progressText.set(Messages.get("training.evaluating"));
            }
        }
        Notice n;
        while ((n = pendingNotices.poll()) != null) notices.add(0, n);
        if (changed) revision.set(revision.get() + 1);
    }

    private void iteration(TrainingEvent.Iteration it) {
        double x = it.epoch() - 1 + (double) it.examplesSeen() / it.examplesPerEpoch();
        int n = loss.size() + 1;
        ema = SMOOTHING * ema + (1 - SMOOTHING) * it.loss();
        loss.add(x, it.loss());
        smoothed.add(x, ema / (1 - Math.pow(SMOOTHING, n)));
        learningRate.add(x, LearningRates.at(runSettings, it.epoch()));
        iterations.set(it.iteration());
        examplesDone = (long) (it.epoch() - 1) * it.examplesPerEpoch() + it.examplesSeen();
        long planned = (long) it.epochs() * it.examplesPerEpoch();
        progress.set(planned == 0 ? 0 : (double) examplesDone / planned);
        double seconds = (activeNanos + (state.get() == State.TRAINING ? System.nanoTime() - activeSince : 0)) / 1e9;
        double rate = seconds > 0 ? examplesDone / seconds : 0;
        long left = rate > 0 ? Math.round((planned - examplesDone) / rate) : 0;
        String text = Messages.get("training.progress", it.epoch(), it.epochs(), it.iteration(), Math.round(rate),
                String.format(Locale.ROOT, "%d:%02d", left / 60, left % 60));
        progressText.set(state.get() == State.PAUSED ? Messages.get("training.paused", text) : text);
    }

    private void finished(ProjectTraining.Outcome outcome) {
        flush();
        RunRecord run = outcome.run();
        sessionCurves.put(run, smoothed.copy());
        designer.addRun(run);
        state.set(State.IDLE);
        if (outcome.training().succeeded()) {
            progress.set(1);
            message.set(run.hasTestAccuracy()
                    ? Messages.get("training.doneAccuracy", run.status(), run.testAccuracy() * 100)
                    : Messages.get("training.done", run.status()));
        } else {
            message.set(Messages.get("training.failed", outcome.training().message()));
        }
        progressText.set(message.get());
        revision.set(revision.get() + 1);
    }

    private void failed(RuntimeException e) {
        flush();
        state.set(State.IDLE);
        message.set(Messages.get("training.failed", e.getMessage()));
        progressText.set(message.get());
    }

    private void clearCurves() {
        loss.clear();
        smoothed.clear();
        learningRate.clear();
        trainLossPerEpoch.clear();
        validationLoss.clear();
        validationAccuracy.clear();
        ema = 0;
        activeNanos = 0;
        examplesDone = 0;
        iterations.set(0);
        progress.set(0);
        revision.set(revision.get() + 1);
    }

    /** A new model file beside the project ({@code models/}), or in the Perceptrix home for an unsaved project. */
    static Path modelFile(Path projectFile, String projectName) {
        Path folder = projectFile != null && projectFile.toAbsolutePath().getParent() != null
                ? projectFile.toAbsolutePath().getParent().resolve("models")
                : UiSettings.home().resolve("models");
        String stem = projectName.replaceAll("[^\\p{L}\\p{N}._-]+", "-") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path file = folder.resolve(stem + ".zip");
        for (int i = 2; Files.exists(file); i++) file = folder.resolve(stem + "-" + i + ".zip");
        return file;
    }

    // --- export -------------------------------------------------------------------------------------------------

    /**
     * The current run's metrics as CSV, one row per recorded value: {@code series,iteration,epoch,value}; the
     * iteration is empty for per-epoch series.
     */
    public String metricsCsv() {
        StringBuilder b = new StringBuilder("series,iteration,epoch,value\n");
        rows(b, "loss", loss, true);
        rows(b, "smoothed_loss", smoothed, true);
        rows(b, "learning_rate", learningRate, true);
        rows(b, "epoch_training_loss", trainLossPerEpoch, false);
        rows(b, "validation_loss", validationLoss, false);
        rows(b, "validation_accuracy", validationAccuracy, false);
        return b.toString();
    }

    private static void rows(StringBuilder b, String name, Series s, boolean perIteration) {
        for (int i = 0; i < s.size(); i++) {
            b.append(name).append(',').append(perIteration ? Integer.toString(i + 1) : "").append(',')
                    .append(String.format(Locale.ROOT, "%.6f", s.x(i))).append(',')
                    .append(String.format(Locale.ROOT, "%.8g", s.y(i))).append('\n');
        }
    }

    /** Writes {@link #metricsCsv()} in the background. */
    public void exportCsv(Path file) {
        String csv = metricsCsv();
        tasks.run(() -> {
            try {
                Files.writeString(file, csv, StandardCharsets.UTF_8);
                return file;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }, f -> message.set(Messages.get("training.exported", f.getFileName())),
                e -> message.set(Messages.get("training.exportFailed", e.getMessage())));
    }

    /** Reports a chart written by the view, or why it was not. */
    public void chartExported(Path file, Optional<String> error) {
        message.set(error.isPresent() ? Messages.get("training.exportFailed", error.get())
                : Messages.get("training.exported", file.getFileName()));
    }

    /** For the history table: the last epoch's validation accuracy of a run, NaN without one. */
    public static double lastValidationAccuracy(RunRecord run) {
        List<EpochMetrics> e = run.epochs();
        return e.isEmpty() ? Double.NaN : e.get(e.size() - 1).validationAccuracy();
    }
}
