package org.perceptrix.ui.edit;

import java.util.LinkedHashMap;
import java.util.Map;

import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;

/** Everything needed to put a node back: for undoing a delete, for the clipboard. */
public record NodeSnapshot(String id, LayerType type, String name, double x, double y, Map<String, Object> properties) {

    public NodeSnapshot {
        properties = Map.copyOf(properties);
    }

    public static NodeSnapshot of(LayerNode n) {
        return new NodeSnapshot(n.id(), n.type(), n.name(), n.x(), n.y(), new LinkedHashMap<>(n.properties()));
    }

    /** Adds this node to a graph with its id, name, position and properties. */
    public void addTo(NetworkGraph graph) {
        addTo(graph, graph.size());
    }

    /** Adds this node at a place in the graph's node order (undoing a delete puts it back where it was). */
    public void addTo(NetworkGraph graph, int index) {
        graph.addNode(index, id, type, name, x, y);
        for (var p : type.properties()) {
            Object v = properties.get(p.key());
            if (v != null && !v.equals(p.defaultValue())) graph.setProperty(id, p.key(), v);
        }
    }
}
