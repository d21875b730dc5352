package org.perceptrix.compile;

import java.util.List;
import java.util.Map;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.perceptrix.graph.GraphAnalysis;

/**
 * A graph compiled to DL4J: the configuration, the DL4J names of its inputs and outputs with their layouts, and
 * which DL4J vertex holds each node's parameters.
 */
public record CompiledNetwork(ComputationGraphConfiguration configuration, List<String> inputNames,
                              List<InputLayout> inputLayouts, List<String> outputNames,
                              Map<String, String> vertexOfNode, GraphAnalysis analysis) {

    public CompiledNetwork {
        inputNames = List.copyOf(inputNames);
        inputLayouts = List.copyOf(inputLayouts);
        outputNames = List.copyOf(outputNames);
        vertexOfNode = Map.copyOf(vertexOfNode);
    }

    /** A freshly initialized network (weights drawn from the configuration's seed). */
    public ComputationGraph newNetwork() {
        ComputationGraph net = new ComputationGraph(configuration.clone());
        net.init();
        return net;
    }

    /** The layout of the single input; most data sources feed one. */
    public InputLayout inputLayout() { return inputLayouts.get(0); }
}
