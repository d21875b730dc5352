package org.perceptrix.train;

import org.perceptrix.compile.TrainingSettings;
import java.util.Objects;

import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.NetworkGraph;

/**
 * Everything one training run needs: the network (a private copy is taken), the raw training examples (the
 * validation split is cut from them), how to scale them, what to learn and how.
 */
public record TrainingJob(String name, NetworkGraph graph, ExampleSet examples, Scaling scaling,
                          DataSignature.Target target, TrainingSettings settings) {

    public TrainingJob {
        Objects.requireNonNull(name);
        graph = graph.copy();
        Objects.requireNonNull(examples);
        Objects.requireNonNull(scaling);
        Objects.requireNonNull(target);
        Objects.requireNonNull(settings);
    }

    public TrainingJob withSettings(TrainingSettings s) {
        return new TrainingJob(name, graph, examples, scaling, target, s);
    }

    public TrainingJob withExamples(ExampleSet e) {
        return new TrainingJob(name, graph, e, scaling, target, settings);
    }
}
