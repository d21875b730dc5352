package org.perceptrix.graph;

import static org.perceptrix.graph.LayerType.*;

import java.util.ArrayList;
import java.util.List;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Random graphs for property tests. jqwik draws a {@link Script} of small numbers; {@link #build} reads it as a
 * mostly fitting chain input → layers → Output, then applies random edits of every kind the editor offers. Sizes stay
 * tiny so a valid graph trains in milliseconds. Shrinking a script shortens it and turns its numbers towards 0, which
 * the builder reads as "the first choice", so failures shrink to short chains of default-ish layers.
 */
public final class RandomGraphs {

    /** One step: numbers the builder consumes one by one as "pick one of n". */
    public record Step(List<Integer> picks) {
    }

    /** What jqwik draws: the kind of input, the input's and Output's properties, the chain between, then edits. */
    public record Script(int input, Step ends, List<Step> chain, List<Step> edits) {
    }

    /** Names a student might type, including duplicates of automatic names and characters outside [a-z0-9]. */
    private static final List<String> NAMES = List.of("input1", "dense1", "out1", "conv1", "layer", "my layer", "层",
            "x-1", "a.b", "Dense1");
    private static final List<Double> RATES = List.of(0.0, 0.1, 0.5, 0.95);

    private RandomGraphs() {
    }

    public static Arbitrary<Script> scripts() {
        Arbitrary<Step> step = Arbitraries.integers().between(0, 999).list().ofSize(12).map(Step::new);
        return Combinators.combine(Arbitraries.integers().between(0, 2), step, step.list().ofMaxSize(6),
                step.list().ofMaxSize(4)).as(Script::new);
    }

    /** Builds the graph a script describes; the only exception it lets through is a bug. */
    public static NetworkGraph build(Script script) {
        NetworkGraph g = new NetworkGraph();
        Picks ends = new Picks(script.ends().picks());
        LayerNode input = addSmall(g, List.of(IMAGE_INPUT, VECTOR_INPUT, SEQUENCE_INPUT).get(script.input()), ends);
        String last = input.id();
        Kind kind = Kind.of(input.type());
        for (Step step : script.chain()) {
            Picks p = new Picks(step.picks());
            LayerType type = p.chance(8) ? p.oneOf(List.of(LayerType.values())) : p.oneOf(kind.fittingLayers());
            LayerNode n = addSmall(g, type, p);
            g.connect(last, n.id());
            last = n.id();
            kind = kind.after(n);
        }
        LayerNode out = addSmall(g, OUTPUT, ends);
        g.connect(last, out.id());
        for (Step step : script.edits()) edit(g, new Picks(step.picks()));
        return g;
    }

    /** Applies one random edit, as the editor could. */
    public static void edit(NetworkGraph g, Picks p) {
        int op = p.of(10);
        if (g.isEmpty() && op != 0) return;
        List<LayerNode> nodes = List.copyOf(g.nodes());
        switch (op) {
            case 0 -> {
                LayerNode n = addSmall(g, p.oneOf(List.of(LayerType.values())), p);
                if (!nodes.isEmpty() && p.chance(70)) tryConnect(g, p.oneOf(nodes).id(), n.id());
            }
            case 1 -> tryConnect(g, p.oneOf(nodes).id(), p.oneOf(nodes).id());
            case 2 -> {
                if (!g.edges().isEmpty()) g.disconnect(p.oneOf(g.edges()));
            }
            case 3 -> g.removeNode(p.oneOf(nodes).id());
            case 4 -> {
                LayerNode n = p.oneOf(nodes);
                if (!n.type().properties().isEmpty()) {
                    PropertySpec spec = p.oneOf(n.type().properties());
                    g.setProperty(n.id(), spec.key(), smallValue(n.type(), spec, p));
                }
            }
            case 5 -> g.rename(p.oneOf(nodes).id(), p.chance(50) ? p.oneOf(nodes).name() : p.oneOf(NAMES));
            case 6, 7 -> mergeBeforeAnOutput(g, p);
            case 8 -> {
                LayerNode from = p.oneOf(nodes);
                LayerNode out = addSmall(g, OUTPUT, p);
                tryConnect(g, from.id(), out.id());
            }
            case 9 -> g.move(p.oneOf(nodes).id(), p.of(1000), p.of(1000));
            default -> throw new AssertionError(op);
        }
    }

    /** Puts a Concatenate or Add between an Output and its input, merging in another node or a new input. */
    private static void mergeBeforeAnOutput(NetworkGraph g, Picks p) {
        List<LayerNode> outputs = g.nodes().stream().filter(n -> n.type().isOutput()).toList();
        if (outputs.isEmpty()) return;
        LayerNode out = p.oneOf(outputs);
        List<String> feeding = g.inputsOf(out.id());
        if (feeding.size() != 1) return;
        String before = feeding.get(0);
        String other;
        if (p.chance(50)) {
            LayerType inputType = p.oneOf(List.of(IMAGE_INPUT, VECTOR_INPUT, SEQUENCE_INPUT));
            other = addSmall(g, inputType, p).id();
        } else {
            other = p.oneOf(List.copyOf(g.nodes())).id();
        }
        if (other.equals(before) || other.equals(out.id())) return;
        LayerNode merge = addSmall(g, p.chance(70) ? CONCATENATE : ADD, p);
        g.disconnect(new Edge(before, out.id()));
        g.connect(before, merge.id());
        g.connect(other, merge.id());
        g.connect(merge.id(), out.id());
    }

    /** Connects two nodes; a self-loop or a duplicate edge is refused with IllegalArgumentException, as documented. */
    private static void tryConnect(NetworkGraph g, String from, String to) {
        try {
            g.connect(from, to);
        } catch (IllegalArgumentException refused) {
            // NetworkGraph refuses exactly these two edits; everything else goes in, cycles included
        }
    }

    private static LayerNode addSmall(NetworkGraph g, LayerType type, Picks p) {
        LayerNode n = g.addNode(type, p.of(1000), p.of(1000));
        randomizeProperties(g, n, p);
        return n;
    }

    private static void randomizeProperties(NetworkGraph g, LayerNode n, Picks p) {
        for (PropertySpec spec : n.type().properties()) {
            g.setProperty(n.id(), spec.key(), smallValue(n.type(), spec, p));
        }
    }

    /** A valid value for a property, kept small so that DL4J trains fast. */
    public static Object smallValue(LayerType type, PropertySpec spec, Picks p) {
        return switch (spec.kind()) {
            case BOOLEAN -> p.chance(50);
            case CHOICE -> p.oneOf(spec.choices());
            case DOUBLE -> p.oneOf(RATES);
            case INT -> {
                int max = smallMax(type, spec.key());
                yield (int) spec.min() + p.of(max - (int) spec.min() + 1);
            }
        };
    }

    private static int smallMax(LayerType type, String key) {
        return switch (key) {
            case "height", "width" -> 12;
            case "channels", "stride" -> 3;
            case "size" -> type == VECTOR_INPUT ? 32 : 5;
            case "steps" -> 6;
            case "features", "kernel" -> 5;
            case "units", "filters" -> 8;
            default -> throw new IllegalArgumentException("no small range for " + type.id() + "." + key);
        };
    }

    /** What flows out of the chain so far, to pick layers that mostly fit. */
    private enum Kind {
        IMAGE, VECTOR, SEQUENCE;

        static Kind of(LayerType input) {
            return input == IMAGE_INPUT ? IMAGE : input == VECTOR_INPUT ? VECTOR : SEQUENCE;
        }

        List<LayerType> fittingLayers() {
            return switch (this) {
                case IMAGE -> List.of(CONV2D, CONV2D, MAX_POOL, AVG_POOL, BATCH_NORM, DROPOUT, ACTIVATION, FLATTEN,
                        GLOBAL_POOL, DENSE);
                case VECTOR -> List.of(DENSE, DENSE, BATCH_NORM, DROPOUT, ACTIVATION, FLATTEN);
                case SEQUENCE -> List.of(SIMPLE_RNN, LSTM, LSTM, DENSE, DROPOUT, ACTIVATION, GLOBAL_POOL);
            };
        }

        Kind after(LayerNode n) {
            return switch (n.type()) {
                case FLATTEN, GLOBAL_POOL -> VECTOR;
                case DENSE -> this == SEQUENCE ? SEQUENCE : VECTOR;
                case SIMPLE_RNN, LSTM -> n.boolProperty("returnSequences") ? SEQUENCE : VECTOR;
                case IMAGE_INPUT, VECTOR_INPUT, SEQUENCE_INPUT -> of(n.type());
                default -> this;
            };
        }
    }

    /** Hands out a step's numbers one at a time; past the end every pick is the first choice. */
    public static final class Picks {
        private final List<Integer> values;
        private int next;

        public Picks(List<Integer> values) { this.values = new ArrayList<>(values); }

        public int of(int n) {
            int v = next < values.size() ? values.get(next++) : 0;
            return v % n;
        }

        public boolean chance(int percent) { return of(100) < percent; }

        public <T> T oneOf(List<T> options) { return options.get(of(options.size())); }
    }
}
