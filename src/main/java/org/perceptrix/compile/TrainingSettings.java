package org.perceptrix.compile;

import java.util.Objects;

/**
 * How a network is trained. {@code dropout} is a probability of dropping applied to every Dense and Conv2D layer's
 * input on top of explicit Dropout layers (0 = off); {@code earlyStoppingPatience} is the number of epochs without a
 * better validation loss before training stops (0 = off); {@code validationSplit} is the fraction of the training
 * examples held out for validation. The learning rate follows {@code schedule}: step and exponential schedules
 * multiply it by {@code decayRate} every {@code decayEpochs} epochs.
 */
public record TrainingSettings(Optimizer optimizer, double learningRate, double momentum, int batchSize, int epochs,
                               double l1, double l2, double dropout, WeightInit weightInit, long seed,
                               double validationSplit, int earlyStoppingPatience, LearningRateSchedule schedule,
                               double decayRate, int decayEpochs) {

    /** The same settings with a fixed learning rate (the schedule's defaults). */
    public TrainingSettings(Optimizer optimizer, double learningRate, double momentum, int batchSize, int epochs,
                            double l1, double l2, double dropout, WeightInit weightInit, long seed,
                            double validationSplit, int earlyStoppingPatience) {
        this(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, dropout, weightInit, seed, validationSplit,
                earlyStoppingPatience, LearningRateSchedule.FIXED, 0.5, 2);
    }

    public TrainingSettings {
        Objects.requireNonNull(optimizer);
        Objects.requireNonNull(weightInit);
        Objects.requireNonNull(schedule);
        check(learningRate > 0 && learningRate <= 10, "learning rate must be above 0 and at most 10, not " + learningRate);
        check(momentum >= 0 && momentum < 1, "momentum must be at least 0 and below 1, not " + momentum);
        check(batchSize >= 1 && batchSize <= 65_536, "batch size must be between 1 and 65536, not " + batchSize);
        check(epochs >= 1 && epochs <= 100_000, "epochs must be between 1 and 100000, not " + epochs);
        check(l1 >= 0 && l1 <= 1, "L1 must be between 0 and 1, not " + l1);
        check(l2 >= 0 && l2 <= 1, "L2 must be between 0 and 1, not " + l2);
        check(dropout >= 0 && dropout < 1, "dropout must be at least 0 and below 1, not " + dropout);
        check(validationSplit >= 0 && validationSplit < 1, "validation split must be at least 0 and below 1, not " + validationSplit);
        check(earlyStoppingPatience >= 0, "early-stopping patience cannot be negative, not " + earlyStoppingPatience);
        check(decayRate > 0 && decayRate <= 1, "decay rate must be above 0 and at most 1, not " + decayRate);
        check(decayEpochs >= 1 && decayEpochs <= 100_000, "decay epochs must be between 1 and 100000, not " + decayEpochs);
    }

    private static void check(boolean ok, String message) {
        if (!ok) throw new IllegalArgumentException(message);
    }

    /** Adam at 0.001, batch 64, 5 epochs, He init, seed 42, 10% validation, no regularization or early stopping. */
    public static TrainingSettings defaults() {
        return new TrainingSettings(Optimizer.ADAM, 0.001, 0.9, 64, 5, 0, 0, 0, WeightInit.RELU, 42, 0.1, 0);
    }

    public TrainingSettings withEpochs(int n) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, n, l1, l2, dropout, weightInit, seed,
                validationSplit, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withLearningRate(double lr) {
        return new TrainingSettings(optimizer, lr, momentum, batchSize, epochs, l1, l2, dropout, weightInit, seed,
                validationSplit, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withBatchSize(int b) {
        return new TrainingSettings(optimizer, learningRate, momentum, b, epochs, l1, l2, dropout, weightInit, seed,
                validationSplit, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withSchedule(LearningRateSchedule newSchedule, double newDecayRate, int newDecayEpochs) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, dropout, weightInit,
                seed, validationSplit, earlyStoppingPatience, newSchedule, newDecayRate, newDecayEpochs);
    }

    public TrainingSettings withDropout(double d) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, d, weightInit, seed,
                validationSplit, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withEarlyStoppingPatience(int p) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, dropout, weightInit,
                seed, validationSplit, p, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withMomentum(double m) {
        return new TrainingSettings(optimizer, learningRate, m, batchSize, epochs, l1, l2, dropout, weightInit, seed,
                validationSplit, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withL1(double v) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, epochs, v, l2, dropout, weightInit, seed,
                validationSplit, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withL2(double v) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, epochs, l1, v, dropout, weightInit, seed,
                validationSplit, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }

    public TrainingSettings withDecayRate(double r) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, dropout, weightInit,
                seed, validationSplit, earlyStoppingPatience, schedule, r, decayEpochs);
    }

    public TrainingSettings withValidationSplit(double fraction) {
        return new TrainingSettings(optimizer, learningRate, momentum, batchSize, epochs, l1, l2, dropout, weightInit,
                seed, fraction, earlyStoppingPatience, schedule, decayRate, decayEpochs);
    }
}
