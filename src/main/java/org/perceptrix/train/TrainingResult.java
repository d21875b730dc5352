package org.perceptrix.train;

import java.util.List;
import java.util.Optional;

/**
 * How a session ended, its per-epoch metrics and the model it kept (the best by validation loss when early stopping
 * is on). {@code message} explains a failure in plain words; it is empty otherwise.
 */
public record TrainingResult(Outcome outcome, List<EpochMetrics> epochs, Optional<TrainedModel> model,
                             String message) {

    /** The ways a session can end. */
    public enum Outcome { FINISHED, STOPPED_EARLY, CANCELLED, FAILED }

    public TrainingResult {
        epochs = List.copyOf(epochs);
    }

    public boolean succeeded() { return outcome != Outcome.FAILED; }
}
