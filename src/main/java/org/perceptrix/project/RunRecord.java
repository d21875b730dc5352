package org.perceptrix.project;

import java.util.List;
import java.util.Objects;

import org.perceptrix.train.EpochMetrics;
import org.perceptrix.train.TrainingSettings;

/**
 * One training run kept in a project: when it started, the settings it used, what each epoch measured, how it ended
 * and where its model was saved. {@code testAccuracy} is NaN when the run was not evaluated on the test set,
 * {@code modelFile} is empty when no model was saved, and {@code status} is e.g. {@code finished}, {@code stopped} or
 * {@code failed: <reason>}.
 */
public record RunRecord(String id, String startedAt, TrainingSettings settings, List<EpochMetrics> epochs,
                        double testAccuracy, String modelFile, String status) {

    public RunRecord {
        Objects.requireNonNull(id);
        Objects.requireNonNull(startedAt);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(modelFile);
        Objects.requireNonNull(status);
        epochs = List.copyOf(epochs);
    }

    public boolean hasTestAccuracy() { return !Double.isNaN(testAccuracy); }

    public boolean hasModelFile() { return !modelFile.isEmpty(); }
}
