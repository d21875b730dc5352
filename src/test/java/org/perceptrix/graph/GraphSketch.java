package org.perceptrix.graph;

import java.util.Map;

/** A small fluent way for tests to sketch graphs: {@code GraphSketch.start(VECTOR_INPUT, "size", 20).then(DENSE)}. */
public final class GraphSketch {
    private final NetworkGraph graph;
    private String last;

    private GraphSketch(NetworkGraph graph, String last) {
        this.graph = graph;
        this.last = last;
    }

    public static GraphSketch start(LayerType type, Object... props) {
        NetworkGraph g = new NetworkGraph();
        LayerNode n = g.addNode(type, 0, 0);
        set(g, n, props);
        return new GraphSketch(g, n.id());
    }

    /** Adds a node fed by the last one and makes it the last one. */
    public GraphSketch then(LayerType type, Object... props) {
        LayerNode n = graph.addNode(type, 0, 0);
        set(graph, n, props);
        graph.connect(last, n.id());
        last = n.id();
        return this;
    }

    /** Adds a node fed by the given nodes (by name) and makes it the last one. */
    public GraphSketch merge(LayerType type, String... fromNames) {
        LayerNode n = graph.addNode(type, 0, 0);
        for (String from : fromNames) graph.connect(graph.nodeNamed(from).orElseThrow().id(), n.id());
        last = n.id();
        return this;
    }

    /** Continues from an earlier node, to start a branch. */
    public GraphSketch from(String name) {
        last = graph.nodeNamed(name).orElseThrow().id();
        return this;
    }

    public String lastId() { return last; }

    public NetworkGraph graph() { return graph; }

    public static Map<String, Object> props(Object... kv) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    private static void set(NetworkGraph g, LayerNode n, Object[] props) {
        props(props).forEach((k, v) -> g.setProperty(n.id(), k, v));
    }
}
