package org.perceptrix.evaluate;

import java.util.Comparator;
import java.util.stream.IntStream;

import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.FittedScaling;

/**
 * An autoencoder's reconstruction of every example of its test set, back in raw units (pixels) so it can be shown
 * beside its input, and each example's reconstruction error (mean squared error in scaled units, as training saw it).
 */
public final class TestReconstructions implements TestResults {
    private final ExampleSet test;
    private final float[] reconstructed;
    private final double[] errors;

    private TestReconstructions(ExampleSet test, float[] reconstructed, double[] errors) {
        this.test = test;
        this.reconstructed = reconstructed;
        this.errors = errors;
    }

    /** From an autoencoder's outputs (scaled units, one row per example of {@code test}); takes the array. */
    public static TestReconstructions of(ExampleSet test, FittedScaling scaling, float[] outputs) {
        int f = test.featureCount();
        if ((long) test.size() * f != outputs.length) {
            throw new IllegalArgumentException(outputs.length + " outputs do not make " + test.size() + " rows of " + f);
        }
        float[] inputs = scaling.apply(test).features();
        double[] errors = new double[test.size()];
        for (int i = 0; i < errors.length; i++) {
            double sum = 0;
            for (int j = i * f; j < i * f + f; j++) {
                double d = outputs[j] - inputs[j];
                sum += d * d;
            }
            errors[i] = sum / f;
        }
        return new TestReconstructions(test, scaling.restore(outputs), errors);
    }

    @Override
    public ExampleSet test() { return test; }

    public int size() { return errors.length; }

    /** Example {@code i}'s reconstruction error: mean squared error over its values, in scaled units. */
    public double error(int i) { return errors[i]; }

    /** The mean error over the test set; equals {@link Evaluator#reconstructionError}. */
    public double meanError() { return IntStream.range(0, size()).mapToDouble(i -> errors[i]).average().orElse(0); }

    /** A copy of the reconstruction of example {@code i}, in raw units like {@link ExampleSet#copyFeatures}. */
    public float[] reconstruction(int i) {
        int f = test.featureCount();
        return java.util.Arrays.copyOfRange(reconstructed, i * f, i * f + f);
    }

    /** Indices of the examples of class {@code actual} ({@link TestPredictions.Filter#ANY}: all), worst first. */
    public int[] worstFirst(int actual) {
        return IntStream.range(0, size()).filter(i -> actual == TestPredictions.Filter.ANY || test.label(i) == actual)
                .boxed().sorted(Comparator.comparingDouble((Integer i) -> errors[i]).reversed())
                .mapToInt(Integer::intValue).toArray();
    }
}
