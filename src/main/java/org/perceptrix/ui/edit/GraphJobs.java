package org.perceptrix.ui.edit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.perceptrix.graph.Edge;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.i18n.Messages;

/** The edits a student makes to a network, each an undoable {@link Job}. */
public final class GraphJobs {
    private GraphJobs() {
    }

    /** Adds a new node of a type with default properties and a fresh name. */
    public static final class AddNode implements Job {
        private final NetworkGraph graph;
        private final LayerType type;
        private final double x;
        private final double y;
        private NodeSnapshot added;

        public AddNode(NetworkGraph graph, LayerType type, double x, double y) {
            this.graph = graph;
            this.type = type;
            this.x = x;
            this.y = y;
        }

        @Override
        public void execute() { added = NodeSnapshot.of(graph.addNode(type, x, y)); }

        @Override
        public void undo() { graph.removeNode(added.id()); }

        @Override
        public void redo() { added.addTo(graph); }

        /** The id of the node added; valid after execute. */
        public String nodeId() { return added.id(); }

        @Override
        public String description() { return Messages.get("job.add", type.id()); }
    }

    /** Puts a node from a snapshot (clipboard, duplicate) into the graph. */
    public static final class PutNode implements Job {
        private final NetworkGraph graph;
        private final NodeSnapshot node;

        public PutNode(NetworkGraph graph, NodeSnapshot node) {
            this.graph = graph;
            this.node = node;
        }

        @Override
        public void execute() { node.addTo(graph); }

        @Override
        public void undo() { graph.removeNode(node.id()); }

        @Override
        public String description() { return Messages.get("job.add", node.type().id()); }
    }

    /** Removes a node and its edges; undo puts the edges back at their former places in the edge list. */
    public static final class RemoveNode implements Job {
        private final NetworkGraph graph;
        private final String id;
        private NodeSnapshot node;
        private int index;
        private final Map<Integer, Edge> edges = new LinkedHashMap<>();

        public RemoveNode(NetworkGraph graph, String id) {
            this.graph = graph;
            this.id = id;
        }

        @Override
        public void execute() {
            node = NodeSnapshot.of(graph.require(id));
            index = graph.indexOf(id);
            edges.clear();
            List<Edge> all = graph.edges();
            for (int i = 0; i < all.size(); i++) {
                Edge e = all.get(i);
                if (e.from().equals(id) || e.to().equals(id)) edges.put(i, e);
            }
            graph.removeNode(id);
        }

        @Override
        public void undo() {
            node.addTo(graph, index);
            edges.forEach(graph::insertEdge); // ascending indices restore the exact order
        }

        @Override
        public String description() { return Messages.get("job.delete", node.name()); }
    }

    /** Connects two nodes. */
    public static final class Connect implements Job {
        private final NetworkGraph graph;
        private final Edge edge;
        private int index;

        public Connect(NetworkGraph graph, Edge edge) {
            this.graph = graph;
            this.edge = edge;
        }

        @Override
        public void execute() {
            index = graph.edges().size();
            graph.insertEdge(index, edge);
        }

        @Override
        public void undo() { graph.disconnect(edge); }

        @Override
        public void redo() { graph.insertEdge(index, edge); }

        @Override
        public String description() { return Messages.get("job.connect"); }
    }

    /** Removes one edge. */
    public static final class Disconnect implements Job {
        private final NetworkGraph graph;
        private final Edge edge;
        private int index;

        public Disconnect(NetworkGraph graph, Edge edge) {
            this.graph = graph;
            this.edge = edge;
        }

        @Override
        public void execute() { index = graph.disconnect(edge); }

        @Override
        public void undo() {
            if (index >= 0) graph.insertEdge(index, edge);
        }

        @Override
        public String description() { return Messages.get("job.disconnect"); }
    }

    /** Where a node was and where it goes. */
    public record Move(String id, double fromX, double fromY, double toX, double toY) {
    }

    /** Moves one or more nodes; consecutive nudges of the same nodes merge into one step. */
    public static final class MoveNodes implements Job {
        private final NetworkGraph graph;
        private final List<Move> moves;
        private final boolean nudge;

        public MoveNodes(NetworkGraph graph, List<Move> moves, boolean nudge) {
            this.graph = graph;
            this.moves = new ArrayList<>(moves);
            this.nudge = nudge;
        }

        @Override
        public void execute() {
            for (Move m : moves) graph.move(m.id(), m.toX(), m.toY());
        }

        @Override
        public void undo() {
            for (Move m : moves) graph.move(m.id(), m.fromX(), m.fromY());
        }

        @Override
        public boolean mergeWith(Job next) {
            if (!(nudge && next instanceof MoveNodes other && other.nudge && other.moves.size() == moves.size())) {
                return false;
            }
            for (int i = 0; i < moves.size(); i++) {
                if (!moves.get(i).id().equals(other.moves.get(i).id())) return false;
            }
            for (int i = 0; i < moves.size(); i++) {
                Move a = moves.get(i);
                Move b = other.moves.get(i);
                moves.set(i, new Move(a.id(), a.fromX(), a.fromY(), b.toX(), b.toY()));
            }
            return true;
        }

        @Override
        public String description() { return Messages.get("job.move"); }
    }

    /** Sets one property; a following edit of the same property of the same node merges with it. */
    public static final class SetProperty implements Job {
        private final NetworkGraph graph;
        private final String id;
        private final String key;
        private Object oldValue;
        private Object newValue;

        public SetProperty(NetworkGraph graph, String id, String key, Object value) {
            this.graph = graph;
            this.id = id;
            this.key = key;
            this.newValue = value;
        }

        @Override
        public void execute() {
            Object previous = graph.setProperty(id, key, newValue);
            if (oldValue == null) oldValue = previous;
            newValue = graph.require(id).property(key);
        }

        @Override
        public void undo() { graph.setProperty(id, key, oldValue); }

        @Override
        public boolean mergeWith(Job next) {
            if (next instanceof SetProperty o && o.id.equals(id) && o.key.equals(key)) {
                newValue = o.newValue;
                return true;
            }
            return false;
        }

        @Override
        public String description() { return Messages.get("job.property", key); }
    }

    /** Renames a node. */
    public static final class Rename implements Job {
        private final NetworkGraph graph;
        private final String id;
        private final String newName;
        private String oldName;

        public Rename(NetworkGraph graph, String id, String newName) {
            this.graph = graph;
            this.id = id;
            this.newName = Objects.requireNonNull(newName);
        }

        @Override
        public void execute() {
            oldName = graph.require(id).name();
            graph.rename(id, newName);
        }

        @Override
        public void undo() { graph.rename(id, oldName); }

        @Override
        public String description() { return Messages.get("job.rename", newName.strip()); }
    }
}
