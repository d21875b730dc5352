package org.perceptrix.ui;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.ShapeInference;

/**
 * Left-to-right layout: each layer goes one column after its deepest input. Long networks wrap into bands of
 * {@link #COLUMNS} columns, read like lines of text, so LeNet stays legible in a 1280-pixel window.
 */
final class AutoLayout {
    static final int COLUMNS = 4;
    static final double DX = 240;
    static final double DY = 130;
    private static final double BAND_GAP = 90;
    private static final double LEFT = 40;
    private static final double TOP = 80;

    private AutoLayout() {
    }

    /** New top-left positions for every node. */
    static Map<String, double[]> positions(NetworkGraph graph) {
        List<String> order = new ArrayList<>(ShapeInference.analyze(graph).topologicalOrder());
        for (LayerNode n : graph.nodes()) {
            if (!order.contains(n.id())) order.add(n.id()); // nodes on a cycle go where they fall
        }
        Map<String, Integer> depth = new HashMap<>();
        for (String id : order) {
            int d = 0;
            for (String in : graph.inputsOf(id)) d = Math.max(d, depth.getOrDefault(in, 0) + 1);
            depth.put(id, d);
        }
        Map<Integer, Integer> perDepth = new HashMap<>();
        int tallest = 1;
        for (String id : order) tallest = Math.max(tallest, perDepth.merge(depth.get(id), 1, Integer::sum));
        double bandHeight = tallest * DY + BAND_GAP;
        Map<Integer, Integer> rows = new HashMap<>();
        Map<String, double[]> result = new LinkedHashMap<>();
        for (String id : order) {
            int d = depth.get(id);
            int row = rows.merge(d, 1, Integer::sum) - 1;
            int band = d / COLUMNS;
            int column = d % COLUMNS;
            result.put(id, new double[] {LEFT + column * DX, TOP + band * bandHeight + row * DY});
        }
        return result;
    }

    /** Moves the nodes of a graph that is not shown yet (a template being opened); not an undoable edit. */
    static NetworkGraph apply(NetworkGraph graph) {
        positions(graph).forEach((id, p) -> graph.move(id, p[0], p[1]));
        return graph;
    }
}
