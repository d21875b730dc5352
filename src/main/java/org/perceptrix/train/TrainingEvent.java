package org.perceptrix.train;

/** What a training session reports while it runs, on its own thread. */
public sealed interface TrainingEvent
        permits TrainingEvent.Iteration, TrainingEvent.EpochEnded, TrainingEvent.Ended {

    /** One mini-batch was learned; {@code iteration} counts from 1 across epochs, {@code epochs} is the planned total. */
    record Iteration(int epoch, int epochs, int iteration, double loss, int examplesSeen, int examplesPerEpoch)
            implements TrainingEvent {
    }

    /** An epoch finished and was validated. */
    record EpochEnded(EpochMetrics metrics) implements TrainingEvent {
    }

    /** The session ended (finished, stopped early, cancelled or failed); always the last event. */
    record Ended(TrainingResult result) implements TrainingEvent {
    }
}
