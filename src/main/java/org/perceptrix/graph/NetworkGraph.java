package org.perceptrix.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The network a student draws: layer nodes and the edges between them, any directed graph.
 * It accepts any wiring (cycles included) so that editing never gets stuck; {@link ShapeInference} says what is wrong.
 * Not thread-safe: edit it from one thread and hand copies to others.
 */
public final class NetworkGraph {
    private final Map<String, LayerNode> nodes = new LinkedHashMap<>();
    private final List<Edge> edges = new ArrayList<>();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private long revision;

    public Collection<LayerNode> nodes() { return Collections.unmodifiableCollection(nodes.values()); }

    public List<Edge> edges() { return Collections.unmodifiableList(edges); }

    public Optional<LayerNode> node(String id) { return Optional.ofNullable(nodes.get(id)); }

    public LayerNode require(String id) {
        LayerNode n = nodes.get(id);
        if (n == null) throw new IllegalArgumentException("no layer with id '" + id + "'");
        return n;
    }

    public Optional<LayerNode> nodeNamed(String name) {
        return nodes.values().stream().filter(n -> n.name().equals(name)).findFirst();
    }

    public int size() { return nodes.size(); }

    public boolean isEmpty() { return nodes.isEmpty(); }

    /** Increases on every change; views compare it to know when to redraw. */
    public long revision() { return revision; }

    /** Called after every change, on the thread that made it. */
    public void addListener(Runnable listener) { listeners.add(listener); }

    public void removeListener(Runnable listener) { listeners.remove(listener); }

    /** Adds a node of the given type with default properties, a fresh id and a fresh name like {@code dense2}. */
    public LayerNode addNode(LayerType type, double x, double y) {
        return addNode(freshId(), type, freshName(type.namePrefix()), x, y);
    }

    /** Adds a node with a known id and name (loading a file, undoing a delete). */
    public LayerNode addNode(String id, LayerType type, String name, double x, double y) {
        if (nodes.containsKey(id)) throw new IllegalArgumentException("a layer with id '" + id + "' already exists");
        LayerNode node = new LayerNode(id, type, name, x, y);
        nodes.put(id, node);
        changed();
        return node;
    }

    /**
     * Adds a node at a position in the node order (undoing a delete puts it back where it was, so problem lists,
     * cycle paths and the order of several inputs stay as they were).
     */
    public LayerNode addNode(int index, String id, LayerType type, String name, double x, double y) {
        if (nodes.containsKey(id)) throw new IllegalArgumentException("a layer with id '" + id + "' already exists");
        LayerNode node = new LayerNode(id, type, name, x, y);
        List<LayerNode> ordered = new ArrayList<>(nodes.values());
        ordered.add(Math.max(0, Math.min(index, ordered.size())), node);
        nodes.clear();
        for (LayerNode n : ordered) nodes.put(n.id(), n);
        changed();
        return node;
    }

    /** The node's position in the node order, or -1. */
    public int indexOf(String id) {
        int i = 0;
        for (String key : nodes.keySet()) {
            if (key.equals(id)) return i;
            i++;
        }
        return -1;
    }

    /** Removes a node and every edge touching it; returns those edges in their former order. */
    public List<Edge> removeNode(String id) {
        require(id);
        List<Edge> removed = new ArrayList<>();
        edges.removeIf(e -> {
            boolean touches = e.from().equals(id) || e.to().equals(id);
            if (touches) removed.add(e);
            return touches;
        });
        nodes.remove(id);
        changed();
        return removed;
    }

    /**
     * Connects {@code from}'s output to {@code to}'s input, appended after {@code to}'s existing inputs.
     *
     * @throws IllegalArgumentException for unknown nodes, a node connected to itself, or an existing edge
     */
    public Edge connect(String from, String to) {
        return insertEdge(edges.size(), new Edge(from, to));
    }

    /** Inserts an edge at a position in the edge list (which orders a merge layer's inputs); used by undo. */
    public Edge insertEdge(int index, Edge edge) {
        require(edge.from());
        require(edge.to());
        if (edge.from().equals(edge.to())) throw new IllegalArgumentException("a layer cannot be connected to itself");
        if (edges.contains(edge)) throw new IllegalArgumentException("these layers are already connected");
        edges.add(Math.max(0, Math.min(index, edges.size())), edge);
        changed();
        return edge;
    }

    /** Removes an edge; returns its former index, or -1 when it was not there. */
    public int disconnect(Edge edge) {
        int index = edges.indexOf(edge);
        if (index >= 0) {
            edges.remove(index);
            changed();
        }
        return index;
    }

    public void rename(String id, String name) {
        if (name.isBlank()) throw new IllegalArgumentException("a layer's name cannot be empty");
        require(id).setName(name.strip());
        changed();
    }

    public void move(String id, double x, double y) {
        require(id).moveTo(x, y);
        changed();
    }

    /** Sets a property (coerced to its type, range checked); returns the previous value. */
    public Object setProperty(String id, String key, Object value) {
        LayerNode node = require(id);
        Object old = node.property(key);
        node.setProperty(key, value);
        changed();
        return old;
    }

    /** The ids of the nodes feeding {@code id}, in edge order. */
    public List<String> inputsOf(String id) {
        List<String> result = new ArrayList<>();
        for (Edge e : edges) {
            if (e.to().equals(id)) result.add(e.from());
        }
        return result;
    }

    /** The ids of the nodes {@code id} feeds, in edge order. */
    public List<String> outputsOf(String id) {
        List<String> result = new ArrayList<>();
        for (Edge e : edges) {
            if (e.from().equals(id)) result.add(e.to());
        }
        return result;
    }

    /** Whether a path of edges leads from {@code start} to {@code target} (a node reaches itself). */
    public boolean reaches(String start, String target) {
        java.util.Deque<String> queue = new java.util.ArrayDeque<>(List.of(start));
        java.util.Set<String> seen = new java.util.HashSet<>();
        while (!queue.isEmpty()) {
            String id = queue.poll();
            if (id.equals(target)) return true;
            if (seen.add(id)) queue.addAll(outputsOf(id));
        }
        return false;
    }

    /** The ids of the Output nodes and of every node with a path to one: the layers that training reaches. */
    public java.util.Set<String> nodesLeadingToOutputs() {
        Map<String, List<String>> feeders = new java.util.HashMap<>();
        for (Edge e : edges) feeders.computeIfAbsent(e.to(), k -> new ArrayList<>()).add(e.from());
        java.util.Set<String> reached = new java.util.HashSet<>();
        java.util.Deque<String> queue = new java.util.ArrayDeque<>();
        for (LayerNode n : nodes.values()) {
            if (n.type().isOutput() && reached.add(n.id())) queue.add(n.id());
        }
        while (!queue.isEmpty()) {
            for (String prev : feeders.getOrDefault(queue.poll(), List.of())) {
                if (reached.add(prev)) queue.add(prev);
            }
        }
        return reached;
    }

    /** A deep copy with the same ids, names, positions, properties and edge order, and no listeners. */
    public NetworkGraph copy() {
        NetworkGraph c = new NetworkGraph();
        for (LayerNode n : nodes.values()) {
            LayerNode m = new LayerNode(n.id(), n.type(), n.name(), n.x(), n.y());
            n.properties().forEach(m::setProperty);
            c.nodes.put(m.id(), m);
        }
        c.edges.addAll(edges);
        return c;
    }

    /** A name like {@code dense3} that no node has yet. */
    public String freshName(String prefix) {
        for (int i = 1; ; i++) {
            String candidate = prefix + i;
            if (nodeNamed(candidate).isEmpty()) return candidate;
        }
    }

    /** An id like {@code n12}, larger than any {@code n<number>} id in the graph. */
    public String freshId() {
        int max = 0;
        for (String id : nodes.keySet()) {
            if (id.length() > 1 && id.charAt(0) == 'n') {
                try {
                    max = Math.max(max, Integer.parseInt(id.substring(1)));
                } catch (NumberFormatException ignored) {
                    // ids from elsewhere need not follow our pattern
                }
            }
        }
        return "n" + (max + 1);
    }

    private void changed() {
        revision++;
        for (Runnable l : listeners) l.run();
    }
}
