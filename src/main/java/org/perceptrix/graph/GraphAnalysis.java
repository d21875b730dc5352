package org.perceptrix.graph;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result of {@link ShapeInference}: per-node shapes and costs, the problems found, and the totals the status bar
 * shows. Immutable; computed on every edit.
 */
public record GraphAnalysis(Map<String, NodeInfo> nodes, List<Problem> problems, List<String> topologicalOrder,
                            long totalParameters, long totalMultiplyAdds, long activationValues) {

    public GraphAnalysis {
        nodes = Collections.unmodifiableMap(nodes);
        problems = List.copyOf(problems);
        topologicalOrder = List.copyOf(topologicalOrder);
    }

    /** True when there are no errors (warnings allowed). */
    public boolean isValid() { return problems.stream().noneMatch(Problem::isError); }

    public NodeInfo info(String nodeId) { return nodes.getOrDefault(nodeId, NodeInfo.UNKNOWN); }

    public Optional<Shape> shapeOf(String nodeId) { return info(nodeId).output(); }

    public List<Problem> problemsOf(String nodeId) {
        return problems.stream().filter(p -> p.nodeId().equals(nodeId)).toList();
    }

    public List<Problem> errors() { return problems.stream().filter(Problem::isError).toList(); }

    /**
     * Rough memory for training with a batch size, in bytes: float parameters with gradients and two optimizer
     * moments, plus forward activations and their gradients for the batch.
     */
    public long estimatedTrainingBytes(int batchSize) {
        return 4L * (4L * totalParameters + 2L * activationValues * batchSize);
    }
}
