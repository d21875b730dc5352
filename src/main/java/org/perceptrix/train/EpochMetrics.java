package org.perceptrix.train;

/**
 * What one finished epoch measured. Losses are means over the epoch; {@code validationAccuracy} is NaN for
 * networks that do not classify (autoencoders) and both validation values are NaN without a validation split.
 */
public record EpochMetrics(int epoch, double trainLoss, double validationLoss, double validationAccuracy,
                           double examplesPerSecond, long elapsedMillis) {
}
