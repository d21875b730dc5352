package org.perceptrix.train;

import org.perceptrix.compile.TrainingSettings;
import java.util.Objects;
import java.util.Optional;

import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.NetworkGraph;

/**
 * Everything one training run needs: the network (a private copy is taken), the raw training examples, how to scale
 * them, what to learn and how. The session validates on {@code validation} when it is given (a cross-validation
 * fold); otherwise it cuts the settings' validation split from the examples.
 */
public record TrainingJob(String name, NetworkGraph graph, ExampleSet examples, Scaling scaling,
                          DataSignature.Target target, TrainingSettings settings, Optional<ExampleSet> validation) {

    public TrainingJob {
        Objects.requireNonNull(name);
        graph = graph.copy();
        Objects.requireNonNull(examples);
        Objects.requireNonNull(scaling);
        Objects.requireNonNull(target);
        Objects.requireNonNull(settings);
        Objects.requireNonNull(validation);
    }

    /** A job that cuts its validation set from {@code examples} by the settings' validation split. */
    public TrainingJob(String name, NetworkGraph graph, ExampleSet examples, Scaling scaling,
                       DataSignature.Target target, TrainingSettings settings) {
        this(name, graph, examples, scaling, target, settings, Optional.empty());
    }

    public TrainingJob withSettings(TrainingSettings s) {
        return new TrainingJob(name, graph, examples, scaling, target, s, validation);
    }

    public TrainingJob withExamples(ExampleSet e) {
        return new TrainingJob(name, graph, e, scaling, target, settings, validation);
    }

    /** Trains on all of {@code train} and validates on exactly {@code held}, ignoring the validation split. */
    public TrainingJob withFold(ExampleSet train, ExampleSet held) {
        return new TrainingJob(name, graph, train, scaling, target, settings, Optional.of(held));
    }
}
