package org.perceptrix.data;

import java.util.Objects;

/**
 * A {@link Scaling} with its numbers fitted to a training set: each value x becomes (x − offset) / scale.
 *
 * <p>It is fitted on the training split only, never on validation or test examples: those stand in for data the network
 * has not seen, and letting their minimum, mean or spread shape the inputs would leak them into training and make the
 * scores look better than they are. The same fitted numbers must then scale everything the network sees later
 * (validation, test, a digit drawn on the pad), so they are saved with the model.
 */
public record FittedScaling(Scaling scaling, double offset, double scale) {

    public FittedScaling {
        Objects.requireNonNull(scaling);
        if (!Double.isFinite(offset)) throw new IllegalArgumentException("scaling offset must be finite, not " + offset);
        if (!(Double.isFinite(scale) && scale > 0)) {
            throw new IllegalArgumentException("scaling factor must be positive and finite, not " + scale);
        }
    }

    /** Leaves values as they are. */
    public static FittedScaling none() {
        return new FittedScaling(Scaling.NONE, 0, 1);
    }

    /**
     * Fits {@code scaling} to the training examples: NONE keeps values; MIN_MAX maps the smallest value to 0 and the
     * largest to 1 (pixels 0..255: ÷ 255); STANDARDIZE subtracts the mean and divides by the standard deviation. Both
     * are taken over all feature values together, as for pixels that share one meaning. A set whose values are all
     * equal keeps a factor of 1 rather than dividing by 0.
     */
    public static FittedScaling fit(Scaling scaling, ExampleSet train) {
        int[] all = new int[train.size()];
        for (int i = 0; i < all.length; i++) all[i] = i;
        return fit(scaling, train, all);
    }

    /**
     * Fits {@code scaling} to the examples at {@code rows} of {@code examples} (a training split's indices): the same
     * numbers as fitting {@code examples.subset(rows)}, without copying the feature values.
     */
    public static FittedScaling fit(Scaling scaling, ExampleSet examples, int[] rows) {
        Objects.requireNonNull(scaling);
        if (scaling == Scaling.NONE) return none();
        if (rows.length == 0 || examples.featureCount() == 0) {
            throw new IllegalArgumentException("cannot fit " + scaling.id() + " scaling to an empty training set");
        }
        for (int r : rows) {
            if (r < 0 || r >= examples.size()) {
                throw new IllegalArgumentException("index " + r + " is outside 0.." + (examples.size() - 1));
            }
        }
        return switch (scaling) {
            case NONE -> none();
            case MIN_MAX -> fitMinMax(examples.features(), examples.featureCount(), rows);
            case STANDARDIZE -> fitStandardize(examples.features(), examples.featureCount(), rows);
        };
    }

    private static FittedScaling fitMinMax(float[] values, int width, int[] rows) {
        float min = Float.POSITIVE_INFINITY;
        float max = Float.NEGATIVE_INFINITY;
        for (int r : rows) {
            for (int i = r * width, end = i + width; i < end; i++) {
                float v = values[i];
                if (v < min) min = v;
                if (v > max) max = v;
            }
        }
        double range = (double) max - min;
        return new FittedScaling(Scaling.MIN_MAX, min, range > 0 ? range : 1);
    }

    // Two passes in double: a single-pass sum of squares loses digits over millions of values.
    private static FittedScaling fitStandardize(float[] values, int width, int[] rows) {
        double sum = 0;
        for (int r : rows) {
            for (int i = r * width, end = i + width; i < end; i++) sum += values[i];
        }
        long count = (long) rows.length * width;
        double mean = sum / count;
        double squares = 0;
        for (int r : rows) {
            for (int i = r * width, end = i + width; i < end; i++) {
                double d = values[i] - mean;
                squares += d * d;
            }
        }
        double std = Math.sqrt(squares / count);
        return new FittedScaling(Scaling.STANDARDIZE, mean, std > 0 ? std : 1);
    }

    /** A new example set with every feature value scaled; labels, shape and classes stay the same. */
    public ExampleSet apply(ExampleSet examples) {
        if (isIdentity()) return examples;
        float[] scaled = examples.features().clone();
        apply(scaled);
        return examples.withFeatures(scaled);
    }

    /** Scales {@code values} in place, e.g. one drawn digit before asking the network; returns the same array. */
    public float[] apply(float[] values) {
        if (isIdentity()) return values;
        for (int i = 0; i < values.length; i++) values[i] = (float) ((values[i] - offset) / scale);
        return values;
    }

    /** Undoes {@link #apply(float[])} in place, e.g. to show an autoencoder's output as pixels; returns the same array. */
    public float[] restore(float[] values) {
        if (isIdentity()) return values;
        for (int i = 0; i < values.length; i++) values[i] = (float) (values[i] * scale + offset);
        return values;
    }

    private boolean isIdentity() {
        return offset == 0 && scale == 1;
    }
}
