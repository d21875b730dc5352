package org.perceptrix.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

class NetworkGraphTest {

    @Test
    void deletedNodeCanBePutBackWhereItWasWithItsEdges() {
        NetworkGraph g = GraphSketch.start(LayerType.VECTOR_INPUT).then(LayerType.DENSE).then(LayerType.OUTPUT).graph();
        LayerNode dense = g.nodeNamed("dense1").orElseThrow();
        List<String> before = g.nodes().stream().map(LayerNode::id).toList();
        int index = g.indexOf(dense.id());
        List<Edge> edgesBefore = List.copyOf(g.edges());

        List<Edge> removed = g.removeNode(dense.id());
        g.addNode(index, dense.id(), dense.type(), dense.name(), dense.x(), dense.y());
        for (Edge e : removed) g.insertEdge(edgesBefore.indexOf(e), e);

        assertThat(g.nodes()).extracting(LayerNode::id).containsExactlyElementsOf(before);
        assertThat(g.edges()).containsExactlyElementsOf(edgesBefore);
    }

    @Test
    void reachesFollowsEdgesForwardOnly() {
        NetworkGraph g = GraphSketch.start(LayerType.VECTOR_INPUT).then(LayerType.DENSE).then(LayerType.OUTPUT).graph();
        String in = g.nodeNamed("input1").orElseThrow().id();
        String dense = g.nodeNamed("dense1").orElseThrow().id();
        String out = g.nodeNamed("out1").orElseThrow().id();

        assertThat(g.reaches(in, out)).isTrue();
        assertThat(g.reaches(dense, dense)).isTrue();
        assertThat(g.reaches(out, in)).isFalse();
        assertThat(g.reaches(dense, in)).isFalse();
    }

    @Test
    void refusesSelfLoopsDuplicateEdgesAndDuplicateIds() {
        NetworkGraph g = GraphSketch.start(LayerType.VECTOR_INPUT).then(LayerType.OUTPUT).graph();
        String in = g.nodeNamed("input1").orElseThrow().id();
        String out = g.nodeNamed("out1").orElseThrow().id();

        assertThatThrownBy(() -> g.connect(in, in)).hasMessage("a layer cannot be connected to itself");
        assertThatThrownBy(() -> g.connect(in, out)).hasMessage("these layers are already connected");
        assertThatThrownBy(() -> g.addNode(in, LayerType.DENSE, "x", 0, 0)).hasMessageContaining("already exists");
    }

    @Test
    void everyChangeRaisesTheRevisionAndTellsListeners() {
        NetworkGraph g = new NetworkGraph();
        int[] calls = {0};
        g.addListener(() -> calls[0]++);

        LayerNode n = g.addNode(LayerType.DENSE, 1, 2);
        g.move(n.id(), 3, 4);
        g.setProperty(n.id(), "units", 7);
        g.rename(n.id(), "hidden");

        assertThat(calls[0]).isEqualTo(4);
        assertThat(g.revision()).isEqualTo(4);
        assertThat(n.name()).isEqualTo("hidden");
        assertThat(n.intProperty("units")).isEqualTo(7);
    }

    @Test
    void freshNamesAndIdsNeverCollide() {
        NetworkGraph g = new NetworkGraph();
        g.addNode("n7", LayerType.DENSE, "dense1", 0, 0);

        LayerNode next = g.addNode(LayerType.DENSE, 0, 0);

        assertThat(next.id()).isEqualTo("n8");
        assertThat(next.name()).isEqualTo("dense2");
    }
}
