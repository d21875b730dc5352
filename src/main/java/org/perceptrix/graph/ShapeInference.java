package org.perceptrix.graph;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Validates a network graph and infers every node's output shape, parameter count and multiply-adds.
 * Pure and fast (linear in nodes and edges), so it runs on every edit. Never throws for any graph.
 */
public final class ShapeInference {
    /** Beyond this a network cannot be trained here (and DL4J indexes parameters with ints). */
    static final long MAX_PARAMETERS = Integer.MAX_VALUE;

    private ShapeInference() {
    }

    public static GraphAnalysis analyze(NetworkGraph graph) {
        return new Run(graph, Optional.empty()).analyze();
    }

    /** Also checks the network against what the data offers (inputs, classes). */
    public static GraphAnalysis analyze(NetworkGraph graph, DataSignature data) {
        return new Run(graph, Optional.of(data)).analyze();
    }

    private static final class Run {
        private final NetworkGraph graph;
        private final Optional<DataSignature> data;
        private final Map<String, List<String>> inputs = new HashMap<>();
        private final Map<String, List<String>> outputs = new HashMap<>();
        private final Map<String, NodeInfo> infos = new LinkedHashMap<>();
        private final List<Problem> problems = new ArrayList<>();

        Run(NetworkGraph graph, Optional<DataSignature> data) {
            this.graph = graph;
            this.data = data;
            for (LayerNode n : graph.nodes()) {
                inputs.put(n.id(), new ArrayList<>());
                outputs.put(n.id(), new ArrayList<>());
            }
            for (Edge e : graph.edges()) {
                inputs.get(e.to()).add(e.from());
                outputs.get(e.from()).add(e.to());
            }
        }

        GraphAnalysis analyze() {
            checkGraphWide();
            List<String> order = topologicalOrder();
            for (LayerNode n : graph.nodes()) checkWiring(n);
            Set<String> ordered = new HashSet<>(order);
            long params = 0;
            long macs = 0;
            long activations = 0;
            for (String id : order) {
                NodeInfo info = infer(graph.require(id));
                infos.put(id, info);
                params = saturatingAdd(params, info.parameters());
                macs = saturatingAdd(macs, info.multiplyAdds());
                activations = saturatingAdd(activations, info.output().map(Shape::elementCount).orElse(0L));
            }
            for (LayerNode n : graph.nodes()) {
                if (!ordered.contains(n.id())) infos.put(n.id(), NodeInfo.UNKNOWN);
            }
            checkReachesOutput(ordered);
            data.ifPresent(this::checkData);
            if (params > MAX_PARAMETERS) problems.add(Problem.error("", "tooManyParameters", params));
            return new GraphAnalysis(infos, problems, order, params, macs, activations);
        }

        private void checkGraphWide() {
            if (graph.nodes().stream().noneMatch(n -> n.type().isInput())) problems.add(Problem.error("", "noInput"));
            if (graph.nodes().stream().noneMatch(n -> n.type().isOutput())) problems.add(Problem.error("", "noOutput"));
            Map<String, String> byName = new HashMap<>();
            for (LayerNode n : graph.nodes()) {
                String first = byName.putIfAbsent(n.name(), n.id());
                if (first != null) problems.add(Problem.error(n.id(), "duplicateName", n.name()));
            }
        }

        /** Kahn's algorithm; nodes left over lie on or behind a cycle, which is reported once with its path. */
        private List<String> topologicalOrder() {
            Map<String, Integer> indegree = new HashMap<>();
            Deque<String> ready = new ArrayDeque<>();
            for (LayerNode n : graph.nodes()) {
                int d = inputs.get(n.id()).size();
                indegree.put(n.id(), d);
                if (d == 0) ready.add(n.id());
            }
            List<String> order = new ArrayList<>();
            while (!ready.isEmpty()) {
                String id = ready.poll();
                order.add(id);
                for (String next : outputs.get(id)) {
                    if (indegree.merge(next, -1, Integer::sum) == 0) ready.add(next);
                }
            }
            if (order.size() < graph.size()) reportCycle(new HashSet<>(order));
            return order;
        }

        private void reportCycle(Set<String> acyclic) {
            // Walk backwards from any leftover node; every leftover node has a leftover predecessor, so we must
            // revisit a node, and the stretch between the two visits is a cycle.
            String start = graph.nodes().stream().map(LayerNode::id).filter(id -> !acyclic.contains(id))
                    .findFirst().orElseThrow();
            List<String> path = new ArrayList<>();
            Map<String, Integer> seenAt = new HashMap<>();
            String current = start;
            while (!seenAt.containsKey(current)) {
                seenAt.put(current, path.size());
                path.add(current);
                current = inputs.get(current).stream().filter(id -> !acyclic.contains(id)).findFirst().orElseThrow();
            }
            List<String> cycle = new ArrayList<>(path.subList(seenAt.get(current), path.size()));
            java.util.Collections.reverse(cycle);
            // Start the path at the node added first, so the message is the same whichever node we began from.
            List<String> graphOrder = graph.nodes().stream().map(LayerNode::id).toList();
            String first = cycle.stream().min(java.util.Comparator.comparingInt(graphOrder::indexOf)).orElseThrow();
            java.util.Collections.rotate(cycle, -cycle.indexOf(first));
            StringBuilder names = new StringBuilder();
            for (String id : cycle) names.append(graph.require(id).name()).append(" → ");
            names.append(graph.require(cycle.get(0)).name());
            problems.add(Problem.error(cycle.get(0), "cycle", names.toString()));
        }

        private void checkWiring(LayerNode n) {
            int in = inputs.get(n.id()).size();
            LayerType t = n.type();
            if (t.isInput()) {
                if (in > 0) problems.add(Problem.error(n.id(), "inputHasInputs", n.label()));
            } else if (in == 0) {
                problems.add(Problem.error(n.id(), "noInputs", n.label()));
            } else if (t.isMerge() && in < 2) {
                problems.add(Problem.error(n.id(), "mergeNeedsTwo", n.label()));
            } else if (!t.isMerge() && in > 1) {
                problems.add(Problem.error(n.id(), "tooManyInputs", n.label(), in));
            }
            if (t.isOutput() && !outputs.get(n.id()).isEmpty()) {
                problems.add(Problem.error(n.id(), "outputHasOutputs", n.label()));
            }
        }

        private void checkReachesOutput(Set<String> ordered) {
            if (graph.nodes().stream().noneMatch(n -> n.type().isOutput())) return;
            Set<String> reaches = graph.nodesLeadingToOutputs();
            for (LayerNode n : graph.nodes()) {
                if (!reaches.contains(n.id()) && ordered.contains(n.id())) {
                    problems.add(Problem.warning(n.id(), "notConnectedToOutput", n.label()));
                }
            }
        }

        private void checkData(DataSignature sig) {
            List<LayerNode> ins = graph.nodes().stream().filter(n -> n.type().isInput()).toList();
            List<LayerNode> outs = graph.nodes().stream().filter(n -> n.type().isOutput()).toList();
            if (ins.size() > 1) problems.add(Problem.error("", "dataFeedsOneInput", ins.size()));
            if (outs.size() > 1) problems.add(Problem.error("", "dataFeedsOneOutput", outs.size()));
            for (LayerNode in : ins) {
                Shape s = infos.get(in.id()).output().orElseThrow();
                if (s.elementCount() != sig.features()) {
                    problems.add(Problem.error(in.id(), "inputMismatch", in.label(), s.display(), s.elementCount(),
                            sig.features()));
                }
            }
            for (LayerNode out : outs) {
                int units = out.intProperty("units");
                Optional<Shape> shape = infos.getOrDefault(out.id(), NodeInfo.UNKNOWN).output();
                if (shape.isPresent() && shape.get() instanceof Shape.Sequence) {
                    problems.add(Problem.error(out.id(), "outputIsSequence", out.label()));
                }
                if (sig.target() == DataSignature.Target.LABELS && units != sig.classes()) {
                    problems.add(Problem.error(out.id(), "classMismatch", out.label(), units, sig.classes()));
                }
                if (sig.target() == DataSignature.Target.INPUT && units != sig.features()) {
                    problems.add(Problem.error(out.id(), "reconstructionMismatch", out.label(), units, sig.features()));
                }
            }
        }

        private NodeInfo infer(LayerNode n) {
            List<Shape> in = new ArrayList<>();
            for (String id : inputs.get(n.id())) {
                Optional<Shape> s = infos.getOrDefault(id, NodeInfo.UNKNOWN).output();
                if (s.isEmpty()) return NodeInfo.UNKNOWN; // the cause is reported on the earlier node
                in.add(s.get());
            }
            LayerType t = n.type();
            if (t.isInput()) return inferInput(n);
            if (in.isEmpty()) return NodeInfo.UNKNOWN;
            if (t.isMerge()) return in.size() < 2 ? NodeInfo.UNKNOWN : inferMerge(n, in);
            if (in.size() > 1) return NodeInfo.UNKNOWN;
            return inferSingle(n, in.get(0));
        }

        private NodeInfo inferInput(LayerNode n) {
            Shape s = switch (n.type()) {
                case IMAGE_INPUT -> new Shape.Image(n.intProperty("height"), n.intProperty("width"),
                        n.intProperty("channels"));
                case VECTOR_INPUT -> new Shape.Vector(n.intProperty("size"));
                case SEQUENCE_INPUT -> new Shape.Sequence(n.intProperty("steps"), n.intProperty("features"));
                default -> throw new AssertionError(n.type());
            };
            return ok(s, 0, 0);
        }

        private NodeInfo inferSingle(LayerNode n, Shape in) {
            return switch (n.type()) {
                case DENSE, OUTPUT -> dense(n, in);
                case DROPOUT, ACTIVATION -> ok(in, 0, 0);
                case BATCH_NORM -> batchNorm(n, in);
                case FLATTEN -> flatten(n, in);
                case CONV2D -> conv(n, in);
                case MAX_POOL, AVG_POOL -> pool(n, in);
                case GLOBAL_POOL -> globalPool(n, in);
                case SIMPLE_RNN, LSTM -> recurrent(n, in);
                default -> throw new AssertionError(n.type());
            };
        }

        /** Dense and Output: images are flattened first; sequences get the layer applied at every time step. */
        private NodeInfo dense(LayerNode n, Shape in) {
            int units = n.intProperty("units");
            if (n.type().isOutput() && units == 1 && n.loss() == OutputLoss.SOFTMAX_CROSS_ENTROPY) {
                // An error, not a warning: DL4J refuses to build such an output layer.
                problems.add(Problem.error(n.id(), "softmaxOneUnit", n.label()));
            }
            long nIn = in instanceof Shape.Sequence s ? s.features() : in.elementCount();
            long params = nIn * units + units;
            if (in instanceof Shape.Sequence s) return ok(new Shape.Sequence(s.steps(), units), params, s.steps() * nIn * units);
            return ok(new Shape.Vector(units), params, nIn * units);
        }

        private NodeInfo batchNorm(LayerNode n, Shape in) {
            // DL4J keeps gamma, beta and the running mean and variance: four values per channel or feature.
            if (in instanceof Shape.Image i) return ok(in, 4L * i.channels(), 2 * in.elementCount());
            if (in instanceof Shape.Vector v) return ok(in, 4L * v.size(), 2 * in.elementCount());
            return fail(n, "batchNormSequence", n.label());
        }

        private NodeInfo flatten(LayerNode n, Shape in) {
            if (in instanceof Shape.Image i) return ok(new Shape.Vector(toInt(i.elementCount())), 0, 0);
            if (in instanceof Shape.Vector) {
                problems.add(Problem.warning(n.id(), "flattenVector", n.label()));
                return ok(in, 0, 0);
            }
            return fail(n, "flattenSequence", n.label());
        }

        private NodeInfo conv(LayerNode n, Shape in) {
            if (!(in instanceof Shape.Image img)) return fail(n, "needsImage", n.label(), describe(in));
            int k = n.intProperty("kernel");
            int filters = n.intProperty("filters");
            Optional<int[]> out = spatial(n, img, k, "kernelTooLarge");
            if (out.isEmpty()) return NodeInfo.UNKNOWN;
            int oh = out.get()[0];
            int ow = out.get()[1];
            long params = (long) k * k * img.channels() * filters + filters;
            long macs = (long) oh * ow * k * k * img.channels() * filters;
            return ok(new Shape.Image(oh, ow, filters), params, macs);
        }

        private NodeInfo pool(LayerNode n, Shape in) {
            if (!(in instanceof Shape.Image img)) return fail(n, "needsImage", n.label(), describe(in));
            int k = n.intProperty("size");
            Optional<int[]> out = spatial(n, img, k, "poolTooLarge");
            if (out.isEmpty()) return NodeInfo.UNKNOWN;
            int oh = out.get()[0];
            int ow = out.get()[1];
            return ok(new Shape.Image(oh, ow, img.channels()), 0, (long) oh * ow * img.channels() * k * k);
        }

        /** Output height and width of a sliding window: valid = floor((in − k) / s) + 1, same = ceil(in / s). */
        private Optional<int[]> spatial(LayerNode n, Shape.Image img, int k, String tooLargeKey) {
            int s = n.intProperty("stride");
            boolean same = "same".equals(n.stringProperty("padding"));
            if (same) {
                int oh = ceilDiv(img.height(), s);
                int ow = ceilDiv(img.width(), s);
                // DL4J pads (out − 1)·s + k − in in total, half before; it refuses when that half is negative,
                // which happens when a window smaller than the stride would skip the input's end.
                if (((oh - 1) * s + k - img.height()) / 2 < 0 || ((ow - 1) * s + k - img.width()) / 2 < 0) {
                    problems.add(Problem.error(n.id(), "sameStrideSkips", n.label(), k, s, img.height(), img.width()));
                    return Optional.empty();
                }
                return Optional.of(new int[] {oh, ow});
            }
            if (k > img.height() || k > img.width()) {
                problems.add(Problem.error(n.id(), tooLargeKey, n.label(), k, img.height(), img.width()));
                return Optional.empty();
            }
            return Optional.of(new int[] {(img.height() - k) / s + 1, (img.width() - k) / s + 1});
        }

        private NodeInfo globalPool(LayerNode n, Shape in) {
            if (in instanceof Shape.Image i) return ok(new Shape.Vector(i.channels()), 0, i.elementCount());
            if (in instanceof Shape.Sequence s) return ok(new Shape.Vector(s.features()), 0, s.elementCount());
            return fail(n, "globalPoolVector", n.label(), describe(in));
        }

        private NodeInfo recurrent(LayerNode n, Shape in) {
            if (!(in instanceof Shape.Sequence seq)) return fail(n, "needsSequence", n.label(), describe(in));
            long u = n.intProperty("units");
            long f = seq.features();
            long params = n.type() == LayerType.LSTM ? 4 * u * (f + u) + 4 * u : u * (f + u) + u;
            long macs = seq.steps() * (n.type() == LayerType.LSTM ? 4 * u * (f + u) : u * (f + u));
            Shape out = n.boolProperty("returnSequences") ? new Shape.Sequence(seq.steps(), (int) u) : new Shape.Vector((int) u);
            return ok(out, params, macs);
        }

        private NodeInfo inferMerge(LayerNode n, List<Shape> in) {
            Shape first = in.get(0);
            for (Shape s : in) {
                if (s.getClass() != first.getClass()) {
                    return fail(n, "mergeKinds", n.label(), describe(first), describe(s));
                }
            }
            if (n.type() == LayerType.ADD) {
                for (Shape s : in) {
                    if (!s.equals(first)) return fail(n, "addShapes", n.label(), first.display(), s.display());
                }
                return ok(first, 0, 0);
            }
            long total = 0;
            for (Shape s : in) {
                if (s instanceof Shape.Vector v) {
                    total += v.size();
                } else if (s instanceof Shape.Image i) {
                    Shape.Image f = (Shape.Image) first;
                    if (i.height() != f.height() || i.width() != f.width()) {
                        return fail(n, "concatImageSize", n.label(), f.display(), i.display());
                    }
                    total += i.channels();
                } else if (s instanceof Shape.Sequence q) {
                    Shape.Sequence f = (Shape.Sequence) first;
                    if (q.steps() != f.steps()) return fail(n, "concatSequenceSteps", n.label(), f.display(), q.display());
                    total += q.features();
                }
            }
            int t = toInt(total);
            Shape out;
            if (first instanceof Shape.Image i) out = new Shape.Image(i.height(), i.width(), t);
            else if (first instanceof Shape.Sequence q) out = new Shape.Sequence(q.steps(), t);
            else out = new Shape.Vector(t);
            return ok(out, 0, 0);
        }

        private NodeInfo ok(Shape s, long params, long macs) { return new NodeInfo(Optional.of(s), params, macs); }

        private NodeInfo fail(LayerNode n, String key, Object... args) {
            problems.add(Problem.error(n.id(), key, args));
            return NodeInfo.UNKNOWN;
        }

        /** "an image 24×24×20" / "a vector 784" / "a sequence 28×28", in the message bundle's words. */
        private static String describe(Shape s) {
            String kind = s instanceof Shape.Image ? "image" : s instanceof Shape.Sequence ? "sequence" : "vector";
            return org.perceptrix.i18n.Messages.get("shape." + kind, s.display());
        }
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }

    private static int toInt(long v) { return (int) Math.min(v, Integer.MAX_VALUE); }

    private static long saturatingAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }
}
