package org.perceptrix.evaluate;

import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.perceptrix.data.ExampleSet;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.train.TrainedModel;

/** Runs a trained model over a raw test set and scores it. */
public final class Evaluator {
    private static final int BATCH = 512;

    private Evaluator() {
    }

    /** Predicted class (argmax of the outputs) for every example. */
    public static int[] predictedClasses(TrainedModel model, ExampleSet raw) {
        float[] out = model.outputs(raw, BATCH);
        int k = model.outputCount();
        int[] predicted = new int[raw.size()];
        for (int i = 0; i < predicted.length; i++) predicted[i] = argMax(out, i * k, k);
        return predicted;
    }

    /** The classification report of a classifier on a test set. */
    public static ClassificationReport classify(TrainedModel model, ExampleSet raw) {
        if (model.target() != DataSignature.Target.LABELS) {
            throw new IllegalArgumentException("'" + model.name() + "' reconstructs its input; it has no classes to score");
        }
        return ClassificationReport.of(raw.labels(), predictedClasses(model, raw), model.classNames());
    }

    /** Mean squared reconstruction error of an autoencoder over a test set (in scaled units). */
    public static double reconstructionError(TrainedModel model, ExampleSet raw) {
        float[] out = model.outputs(raw, BATCH);
        float[] target = model.scaling().apply(raw).features();
        double sum = 0;
        for (int i = 0; i < out.length; i++) {
            double d = out[i] - target[i];
            sum += d * d;
        }
        return sum / out.length;
    }

    /**
     * The model's outputs for every example (row-major, size × outputCount), computed in batches; after each batch
     * {@code progress} gets the fraction done, and {@code cancelled} is asked whether to go on.
     *
     * @throws CancellationException when {@code cancelled} says so between two batches
     */
    public static float[] outputs(TrainedModel model, ExampleSet raw, DoubleConsumer progress, BooleanSupplier cancelled) {
        int n = raw.size();
        int k = model.outputCount();
        float[] result = new float[Math.multiplyExact(n, k)];
        for (int from = 0; from < n; from += BATCH) {
            if (cancelled.getAsBoolean()) throw new CancellationException("evaluation of '" + model.name() + "' cancelled");
            int count = Math.min(BATCH, n - from);
            int[] rows = new int[count];
            for (int j = 0; j < count; j++) rows[j] = from + j;
            float[] out = model.outputs(raw.subset(rows), count);
            System.arraycopy(out, 0, result, from * k, count * k);
            progress.accept((double) (from + count) / n);
        }
        return result;
    }

    static int argMax(float[] values, int from, int count) {
        int best = 0;
        for (int j = 1; j < count; j++) {
            if (values[from + j] > values[from + best]) best = j;
        }
        return best;
    }
}
