package org.perceptrix.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.graph.DataSignature;

/**
 * The tutorial's case study: trains the job's network once per combination of a {@link SearchGrid} and per fold,
 * each with a fresh {@link TrainingSession}, and compares the settings by their mean validation metric. With
 * {@code folds} ≥ 2 it cross-validates (every example is validated once per setting, the same folds for every
 * setting); with {@link #HOLD_OUT} it validates on the settings' validation split. Like a session it runs on the
 * calling thread ({@link #run()}) or a new one ({@link #start()}), and {@link #stop()} ends it after the current
 * mini-batch.
 */
public final class GridSearch {
    /** {@code folds} value for a single hold-out split instead of cross-validation. */
    public static final int HOLD_OUT = 1;

    private final TrainingJob job;
    private final SearchGrid grid;
    private final int folds;
    private final Consumer<SearchEvent> listener;
    private volatile boolean stopRequested;
    private volatile TrainingSession current;

    /**
     * @param job    the network, examples and base settings; the grid's values replace the base settings' ones
     * @param folds  {@link #HOLD_OUT} or the number of cross-validation folds (at least 2)
     * @throws IllegalArgumentException when the folds do not fit the examples or hold-out has no validation split
     */
    public GridSearch(TrainingJob job, SearchGrid grid, int folds, Consumer<SearchEvent> listener) {
        this.job = job;
        this.grid = grid;
        this.folds = folds;
        this.listener = listener;
        if (folds < HOLD_OUT) throw new IllegalArgumentException("folds must be at least 2 (or 1 for hold-out), not " + folds);
        if (folds == HOLD_OUT && job.settings().validationSplit() <= 0) {
            throw new IllegalArgumentException("hold-out validation needs a validation split above 0; "
                    + "set one in the training settings or use cross-validation folds");
        }
        if (folds > job.examples().size()) {
            throw new IllegalArgumentException("cannot make " + folds + " folds of " + job.examples().size() + " examples");
        }
    }

    /** What is compared for a target: accuracy for classifiers, loss for reconstructions. */
    public static SearchResult.Metric metricFor(DataSignature.Target target) {
        return target == DataSignature.Target.LABELS ? SearchResult.Metric.ACCURACY : SearchResult.Metric.LOSS;
    }

    /** Runs the search on a new daemon thread; the future completes with the result after the last event. */
    public CompletableFuture<SearchResult> start() {
        return BackgroundThread.start("perceptrix-search", this::run);
    }

    /** Asks the search to stop after the current mini-batch; finished settings are kept. */
    public void stop() {
        stopRequested = true;
        TrainingSession s = current;
        if (s != null) s.stop();
    }

    /** Runs every combination and fold on the calling thread; training failures are recorded, not thrown. */
    public SearchResult run() {
        SearchResult.Metric metric = metricFor(job.target());
        List<ExampleSet.Split> splits = folds == HOLD_OUT ? null : job.examples().folds(folds, job.settings().seed());
        List<Map<String, Double>> combinations = grid.combinations();
        List<SearchResult.SettingResult> done = new ArrayList<>();
        SearchResult.Outcome outcome = SearchResult.Outcome.FINISHED;
        settings:
        for (int i = 0; i < combinations.size(); i++) {
            Map<String, Double> values = combinations.get(i);
            TrainingSettings settings = SearchGrid.apply(job.settings(), values);
            List<SearchResult.FoldResult> foldResults = new ArrayList<>();
            for (int f = 0; f < folds; f++) {
                if (stopRequested) {
                    outcome = SearchResult.Outcome.CANCELLED;
                    break settings;
                }
                TrainingJob foldJob = splits == null ? job.withSettings(settings)
                        : job.withSettings(settings).withFold(splits.get(f).train(), splits.get(f).validation());
                listener.accept(new SearchEvent.FoldStarted(i, combinations.size(), values, f, folds));
                int setting = i;
                int fold = f;
                TrainingSession session = new TrainingSession(foldJob,
                        e -> listener.accept(new SearchEvent.FoldProgress(setting, fold, e)));
                current = session;
                if (stopRequested) session.stop(); // a stop between the check above and here
                TrainingResult r = session.run();
                current = null;
                if (r.outcome() == TrainingResult.Outcome.CANCELLED) {
                    outcome = SearchResult.Outcome.CANCELLED;
                    break settings;
                }
                SearchResult.FoldResult fr = new SearchResult.FoldResult(f, r.outcome(), kept(r, metric), r.epochs(),
                        r.message());
                foldResults.add(fr);
                listener.accept(new SearchEvent.FoldEnded(i, fr));
            }
            SearchResult.SettingResult sr = SearchResult.SettingResult.of(i, values, settings, foldResults);
            done.add(sr);
            listener.accept(new SearchEvent.SettingEnded(sr));
        }
        SearchResult result = new SearchResult(outcome, metric, folds, done);
        listener.accept(new SearchEvent.Ended(result));
        return result;
    }

    /** The validation metric of the epoch whose model the session kept (the best one under early stopping). */
    private static double kept(TrainingResult r, SearchResult.Metric metric) {
        if (!r.succeeded() || r.epochs().isEmpty()) return Double.NaN;
        EpochMetrics m = r.outcome() == TrainingResult.Outcome.STOPPED_EARLY
                ? r.epochs().stream().min(Comparator.comparingDouble(EpochMetrics::validationLoss)).orElseThrow()
                : r.epochs().get(r.epochs().size() - 1);
        if (!Double.isFinite(m.validationLoss())) return Double.NaN; // diverged: its accuracy means nothing
        return metric == SearchResult.Metric.ACCURACY ? m.validationAccuracy() : m.validationLoss();
    }
}
