package org.perceptrix.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.statistics.Statistics;

/**
 * Properties of the analysis over thousands of random graphs and random edits (see {@link RandomGraphs}): it never
 * throws, pins every problem to a node of the graph, words it in both languages, and depends only on the graph.
 */
class GraphPropertiesTest {

    private static final int TRIES = 2000;

    @Provide
    Arbitrary<RandomGraphs.Script> scripts() { return RandomGraphs.scripts(); }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void everyProblemIsPinnedToANodeOfTheGraphOrToTheWholeGraph(@ForAll("scripts") RandomGraphs.Script script) {
        NetworkGraph g = RandomGraphs.build(script);

        GraphAnalysis a = ShapeInference.analyze(g);

        countValidity(a);
        for (Problem p : a.problems()) {
            assertThat(p.nodeId().isEmpty() || g.node(p.nodeId()).isPresent()).as("%s is pinned to a node", p).isTrue();
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void everyProblemReadsAsOneLineInEnglishAndChinese(@ForAll("scripts") RandomGraphs.Script script) {
        GraphAnalysis a = ShapeInference.analyze(RandomGraphs.build(script));

        for (Problem p : a.problems()) {
            for (Locale language : List.of(Locale.ENGLISH, Locale.SIMPLIFIED_CHINESE)) {
                String text = p.message(language);
                assertThat(text).as("%s in %s", p.key(), language)
                        .isNotBlank().doesNotContain("\n", "\r").doesNotStartWith("problem.");
            }
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void aGraphWithoutErrorsHasAShapeForEveryNodeThatLeadsToAnOutput(@ForAll("scripts") RandomGraphs.Script script) {
        NetworkGraph g = RandomGraphs.build(script);

        GraphAnalysis a = ShapeInference.analyze(g);

        countValidity(a);
        if (!a.isValid()) return;
        for (String id : g.nodesLeadingToOutputs()) {
            assertThat(a.shapeOf(id)).as("shape of %s", g.require(id)).isPresent();
        }
        assertThat(a.topologicalOrder()).containsExactlyInAnyOrderElementsOf(
                g.nodes().stream().map(LayerNode::id).toList());
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void totalsAreTheSumsOfTheNodeInfos(@ForAll("scripts") RandomGraphs.Script script) {
        NetworkGraph g = RandomGraphs.build(script);

        GraphAnalysis a = ShapeInference.analyze(g);

        assertThat(a.nodes().keySet()).containsExactlyInAnyOrderElementsOf(
                g.nodes().stream().map(LayerNode::id).toList());
        Map<String, NodeInfo> infos = a.nodes();
        assertThat(a.totalParameters()).isEqualTo(infos.values().stream().mapToLong(NodeInfo::parameters).sum());
        assertThat(a.totalMultiplyAdds()).isEqualTo(infos.values().stream().mapToLong(NodeInfo::multiplyAdds).sum());
        assertThat(a.activationValues()).isEqualTo(infos.values().stream()
                .mapToLong(i -> i.output().map(Shape::elementCount).orElse(0L)).sum());
        for (NodeInfo info : infos.values()) {
            assertThat(info.parameters()).isNotNegative();
            assertThat(info.multiplyAdds()).isNotNegative();
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void aCopyAnalyzesLikeTheOriginalAndEditingItLeavesTheOriginalAlone(
            @ForAll("scripts") RandomGraphs.Script script, @ForAll("scripts") RandomGraphs.Script edits) {
        NetworkGraph g = RandomGraphs.build(script);
        GraphAnalysis before = ShapeInference.analyze(g);

        NetworkGraph copy = g.copy();

        assertThat(ShapeInference.analyze(copy)).isEqualTo(before);
        for (RandomGraphs.Step step : edits.edits()) RandomGraphs.edit(copy, new RandomGraphs.Picks(step.picks()));
        assertThat(ShapeInference.analyze(g)).isEqualTo(before);
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.BOUNDED)
    void removingANodeAndPuttingItBackGivesTheSameAnalysis(@ForAll("scripts") RandomGraphs.Script script,
                                                            @ForAll @IntRange(min = 0, max = 999) int which) {
        NetworkGraph g = RandomGraphs.build(script);
        if (g.isEmpty()) return;
        GraphAnalysis before = ShapeInference.analyze(g);
        LayerNode n = List.copyOf(g.nodes()).get(which % g.size());
        Map<String, Object> properties = Map.copyOf(n.properties());
        List<Integer> indices = new ArrayList<>();
        for (int i = 0; i < g.edges().size(); i++) {
            Edge e = g.edges().get(i);
            if (e.from().equals(n.id()) || e.to().equals(n.id())) indices.add(i);
        }

        List<Edge> removed = g.removeNode(n.id());
        g.addNode(n.id(), n.type(), n.name(), n.x(), n.y());
        properties.forEach((key, value) -> g.setProperty(n.id(), key, value));
        for (int i = 0; i < removed.size(); i++) g.insertEdge(indices.get(i), removed.get(i)); // ascending: exact

        // The node comes back last in the graph's node order (as the editor's undo does it), so what follows that
        // order may differ: the order of lists, where a cycle's path starts and which of two same-named nodes is blamed.
        GraphAnalysis after = ShapeInference.analyze(g);
        assertThat(after.nodes()).isEqualTo(before.nodes());
        assertThat(after.problems().stream().map(GraphPropertiesTest::apartFromNodeOrder).toList())
                .containsExactlyInAnyOrderElementsOf(before.problems().stream()
                        .map(GraphPropertiesTest::apartFromNodeOrder).toList());
        assertThat(after.topologicalOrder()).containsExactlyInAnyOrderElementsOf(before.topologicalOrder());
        assertThat(List.of(after.totalParameters(), after.totalMultiplyAdds(), after.activationValues()))
                .isEqualTo(List.of(before.totalParameters(), before.totalMultiplyAdds(), before.activationValues()));
    }

    /** A problem as far as it does not depend on the order in which the graph holds its nodes. */
    private static String apartFromNodeOrder(Problem p) {
        if (p.key().equals("cycle") || p.key().equals("duplicateName")) return p.severity() + " " + p.key();
        return p.toString() + " @" + p.nodeId();
    }

    private static void countValidity(GraphAnalysis a) {
        Statistics.collect(a.isValid() ? "valid" : "invalid");
        Statistics.coverage(c -> c.check("valid").percentage(p -> p >= 10));
    }
}
