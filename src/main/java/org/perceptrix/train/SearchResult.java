package org.perceptrix.train;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.perceptrix.compile.TrainingSettings;

/**
 * What a grid search found: per setting the validation metric of every fold and their mean ± standard deviation
 * (population, as scikit-learn reports it). Only settings whose folds all ran are listed; a cancelled search keeps
 * the settings it finished. The best setting has the highest mean accuracy (classifiers) or lowest mean loss.
 */
public record SearchResult(Outcome outcome, Metric metric, int folds, List<SettingResult> settings) {

    /** How the search ended. */
    public enum Outcome { FINISHED, CANCELLED }

    /** What is compared: validation accuracy for classifiers, validation loss otherwise. */
    public enum Metric {
        ACCURACY, LOSS;

        public boolean higherIsBetter() { return this == ACCURACY; }

        public String id() { return this == ACCURACY ? "accuracy" : "loss"; }
    }

    /**
     * One fold of one setting: how its training ended, the validation metric of the model it kept (NaN when it
     * failed) and its epochs; {@code message} says why it failed.
     */
    public record FoldResult(int fold, TrainingResult.Outcome outcome, double metric, List<EpochMetrics> epochs,
                             String message) {
        public FoldResult {
            epochs = List.copyOf(epochs);
        }

        public boolean succeeded() { return Double.isFinite(metric); }
    }

    /** One combination of the grid with its folds; {@code index} counts from 0 in the grid's order. */
    public record SettingResult(int index, Map<String, Double> values, TrainingSettings settings,
                                List<FoldResult> folds, double mean, double std) {
        public SettingResult {
            values = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(values));
            folds = List.copyOf(folds);
        }

        /** A result for these folds, with their mean and population standard deviation (NaN if one failed). */
        public static SettingResult of(int index, Map<String, Double> values, TrainingSettings settings,
                                       List<FoldResult> folds) {
            double[] m = folds.stream().mapToDouble(FoldResult::metric).toArray();
            double mean = java.util.Arrays.stream(m).average().orElse(Double.NaN);
            double var = java.util.Arrays.stream(m).map(v -> (v - mean) * (v - mean)).average().orElse(Double.NaN);
            return new SettingResult(index, values, settings, folds, mean, Math.sqrt(var));
        }

        public boolean succeeded() { return Double.isFinite(mean); }
    }

    public SearchResult {
        settings = List.copyOf(settings);
    }

    /** The setting with the best mean, if any setting succeeded; ties go to the earlier one. */
    public Optional<SettingResult> best() {
        Comparator<SettingResult> byMean = Comparator.comparingDouble(SettingResult::mean);
        if (metric.higherIsBetter()) byMean = byMean.reversed();
        return settings.stream().filter(SettingResult::succeeded).min(byMean.thenComparingInt(SettingResult::index));
    }

    public boolean isBest(SettingResult s) {
        return best().map(b -> b.index() == s.index()).orElse(false);
    }

    /**
     * The training settings the best setting trained with: the job's settings with the grid's values. When the job
     * carried overrides (a quick run's fewer epochs), apply {@code SearchGrid.apply(project settings, best().values())}
     * to the project instead.
     */
    public Optional<TrainingSettings> bestSettings() { return best().map(SettingResult::settings); }

    /** The first failure message among the folds, for explaining a search where nothing succeeded. */
    public String firstFailure() {
        return settings.stream().flatMap(s -> s.folds().stream()).filter(f -> !f.succeeded()).map(FoldResult::message)
                .filter(m -> !m.isEmpty()).findFirst().orElse("");
    }
}
