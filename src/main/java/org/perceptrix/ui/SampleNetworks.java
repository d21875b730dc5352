package org.perceptrix.ui;

import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;

/** The network the window opens on until the project package's templates are merged. */
final class SampleNetworks {
    private SampleNetworks() {
    }

    /** LeNet for MNIST: conv 20 5×5, pool, conv 50 5×5, pool, dense 500, softmax 10. */
    static NetworkGraph lenet() {
        NetworkGraph g = new NetworkGraph();
        // Two rows, so the network reads at a comfortable zoom in a 1280×800 window.
        double y = 80;
        double y2 = 300;
        LayerNode in = g.addNode(LayerType.IMAGE_INPUT, 40, y);
        LayerNode c1 = g.addNode(LayerType.CONV2D, 280, y);
        g.setProperty(c1.id(), "filters", 20);
        g.setProperty(c1.id(), "kernel", 5);
        LayerNode p1 = g.addNode(LayerType.MAX_POOL, 520, y);
        LayerNode c2 = g.addNode(LayerType.CONV2D, 760, y);
        g.setProperty(c2.id(), "filters", 50);
        g.setProperty(c2.id(), "kernel", 5);
        LayerNode p2 = g.addNode(LayerType.MAX_POOL, 280, y2);
        LayerNode d = g.addNode(LayerType.DENSE, 520, y2);
        g.setProperty(d.id(), "units", 500);
        LayerNode out = g.addNode(LayerType.OUTPUT, 760, y2);
        g.connect(in.id(), c1.id());
        g.connect(c1.id(), p1.id());
        g.connect(p1.id(), c2.id());
        g.connect(c2.id(), p2.id());
        g.connect(p2.id(), d.id());
        g.connect(d.id(), out.id());
        return g;
    }
}
