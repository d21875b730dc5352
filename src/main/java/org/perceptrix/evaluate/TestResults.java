package org.perceptrix.evaluate;

import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.function.BooleanSupplier;
import java.util.function.DoubleConsumer;

import org.perceptrix.data.ExampleSet;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.train.TrainedModel;

/**
 * What a trained model did with each example of a test set, for looking at them one by one: a classifier's
 * {@link TestPredictions} or an autoencoder's {@link TestReconstructions}.
 */
public sealed interface TestResults permits TestPredictions, TestReconstructions {

    /** The raw test examples the results are about, in their order. */
    ExampleSet test();

    /**
     * Runs {@code model} over every example of {@code test} in batches (see {@link Evaluator#outputs}).
     *
     * @throws IllegalArgumentException when the model does not fit the examples; the message is {@link #unsuitable}'s
     * @throws CancellationException    when {@code cancelled} says so between two batches
     */
    static TestResults compute(TrainedModel model, ExampleSet test, DoubleConsumer progress, BooleanSupplier cancelled) {
        Optional<String> problem = unsuitable(model, test);
        if (problem.isPresent()) throw new IllegalArgumentException(problem.get());
        float[] outputs = Evaluator.outputs(model, test, progress, cancelled);
        if (model.target() == DataSignature.Target.LABELS) {
            return TestPredictions.of(test, outputs, model.classNames());
        }
        return TestReconstructions.of(test, model.scaling(), outputs);
    }

    /** Why {@code model} cannot be run over {@code test} example by example, if it cannot (in one line). */
    static Optional<String> unsuitable(TrainedModel model, ExampleSet test) {
        if (test.isEmpty()) return Optional.of("the test set has no examples");
        if (model.input().featureCount() != test.featureCount()) {
            return Optional.of("the model takes " + model.input().featureCount() + " values per example but its test "
                    + "examples have " + test.featureCount() + " (" + test.height() + "×" + test.width() + "×"
                    + test.channels() + ")");
        }
        if (model.target() == DataSignature.Target.LABELS) {
            if (model.outputCount() != model.classNames().size()) {
                return Optional.of("the model has " + model.outputCount() + " outputs but "
                        + model.classNames().size() + " class names");
            }
            if (model.outputCount() != test.numClasses()) {
                return Optional.of("the model tells " + model.outputCount() + " classes apart but its test set has "
                        + test.numClasses());
            }
        } else if (model.outputCount() != test.featureCount()) {
            return Optional.of("the autoencoder outputs " + model.outputCount() + " values but its examples have "
                    + test.featureCount());
        }
        return Optional.empty();
    }
}
