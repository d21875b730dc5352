package org.perceptrix.train;

/** What a training session reports while it runs, on its own thread. */
public sealed interface TrainingEvent
        permits TrainingEvent.Iteration, TrainingEvent.EpochEnded, TrainingEvent.Ended {

    /**
     * One mini-batch was learned; {@code iteration} counts from 1 across epochs, {@code epochs} is the planned total.
     * {@code learningRate} is the rate this batch was learned with (it follows the schedule). {@code updateRatio} is
     * ‖Δθ‖/‖θ‖, how far this batch moved the parameters relative to their size (healthy: about 1e-3); it is measured
     * every {@link TrainingSession#UPDATE_RATIO_INTERVAL} iterations and NaN in between. The loss is NaN or infinite
     * only in the last Iteration of a session that then fails because its loss diverged.
     */
    record Iteration(int epoch, int epochs, int iteration, double loss, int examplesSeen, int examplesPerEpoch,
                     double learningRate, double updateRatio) implements TrainingEvent {

        /** An iteration without a known learning rate or update ratio (both NaN). */
        public Iteration(int epoch, int epochs, int iteration, double loss, int examplesSeen, int examplesPerEpoch) {
            this(epoch, epochs, iteration, loss, examplesSeen, examplesPerEpoch, Double.NaN, Double.NaN);
        }

        public boolean hasUpdateRatio() { return !Double.isNaN(updateRatio); }
    }

    /** An epoch finished and was validated. */
    record EpochEnded(EpochMetrics metrics) implements TrainingEvent {
    }

    /** The session ended (finished, stopped early, cancelled or failed); always the last event. */
    record Ended(TrainingResult result) implements TrainingEvent {
    }
}
