package org.perceptrix.ui;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.Shape;
import org.perceptrix.i18n.Messages;

/**
 * The teaching card of the inspector for one layer: what it computes, when to use it, and its formulas worked out
 * with the layer's own numbers (the convolution size formula, the parameter count).
 */
public record HelpCard(String summary, String formula, String use, List<String> worked) {

    public static HelpCard of(NetworkGraph graph, GraphAnalysis analysis, LayerNode node) {
        String id = node.type().id();
        List<String> worked = new ArrayList<>();
        List<String> inputs = graph.inputsOf(node.id());
        Optional<Shape> in = inputs.size() == 1 ? analysis.shapeOf(inputs.get(0)) : Optional.empty();
        LayerType t = node.type();
        if (in.isPresent() && in.get() instanceof Shape.Image img
                && (t == LayerType.CONV2D || t == LayerType.MAX_POOL || t == LayerType.AVG_POOL)) {
            int k = node.intProperty(t == LayerType.CONV2D ? "kernel" : "size");
            int s = node.intProperty("stride");
            boolean same = "same".equals(node.stringProperty("padding"));
            worked.add(size(Messages.get("help.height"), img.height(), k, s, same));
            worked.add(size(Messages.get("help.width"), img.width(), k, s, same));
            if (t == LayerType.CONV2D && analysis.shapeOf(node.id()).isPresent()) {
                int f = node.intProperty("filters");
                worked.add(Messages.get("help.convParams", k, img.channels(), f,
                        analysis.info(node.id()).parameters()));
            }
        }
        if (in.isPresent() && analysis.shapeOf(node.id()).isPresent() && (t == LayerType.DENSE || t == LayerType.OUTPUT)) {
            long nIn = in.get() instanceof Shape.Sequence q ? q.features() : in.get().elementCount();
            worked.add(Messages.get("help.denseParams", nIn, node.intProperty("units"),
                    analysis.info(node.id()).parameters()));
        }
        if (node.properties().containsKey("activation")) {
            worked.add(Messages.get("activation." + node.stringProperty("activation")));
        }
        if (t == LayerType.OUTPUT) {
            worked.add(Messages.get("loss." + node.stringProperty("loss")));
        }
        return new HelpCard(Messages.get("layer." + id + ".summary"), Messages.get("layer." + id + ".formula"),
                Messages.get("layer." + id + ".use"), worked);
    }

    private static String size(String dim, int in, int k, int s, boolean same) {
        if (same) return Messages.get("help.sizeSame", dim, in, s, (in + s - 1) / s);
        if (k > in) return Messages.get("help.sizeTooSmall", dim, in, k);
        return Messages.get("help.sizeValid", dim, in, k, s, (in - k) / s + 1);
    }
}
