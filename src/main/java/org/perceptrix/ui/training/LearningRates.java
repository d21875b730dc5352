package org.perceptrix.ui.training;

import org.perceptrix.compile.TrainingSettings;

/** The learning rate a schedule gives in an epoch, worked out as the compiled DL4J schedule does, for the chart. */
final class LearningRates {
    private LearningRates() {
    }

    /** The rate during {@code epoch} (counted from 1); DL4J counts epochs from 0. */
    static double at(TrainingSettings s, int epoch) {
        int e = Math.max(0, epoch - 1);
        double lr = s.learningRate();
        switch (s.schedule()) {
            case STEP:
                return lr * Math.pow(s.decayRate(), Math.floor((double) e / s.decayEpochs()));
            case EXPONENTIAL:
                return lr * Math.pow(Math.pow(s.decayRate(), 1.0 / s.decayEpochs()), e);
            case COSINE:
                return lr * 0.5 * (1 + Math.cos(Math.PI * Math.min(e, s.epochs()) / s.epochs()));
            default:
                return lr;
        }
    }
}
