package org.perceptrix.ui;

import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.nio.file.Path;

import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

import org.perceptrix.graph.Edge;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.Problem;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.i18n.Messages;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.project.Project;
import org.perceptrix.project.RunRecord;
import org.perceptrix.project.ProjectFiles;
import org.perceptrix.ui.edit.BatchJob;
import org.perceptrix.ui.edit.GraphJobs;
import org.perceptrix.ui.edit.Job;
import org.perceptrix.ui.edit.JobManager;
import org.perceptrix.ui.edit.NodeSnapshot;

/**
 * The designer's state and every edit a student can make, with no controls in sight: the graph, its analysis after
 * each edit, the selection, undo and redo, and the texts of the title and status bar. Runs without the FX thread.
 */
public final class DesignerViewModel {
    /** Grid spacing of the canvas, in canvas units. */
    public static final double GRID = 20;
    /** Offset of pasted and duplicated nodes from their originals. */
    private static final double PASTE_OFFSET = 40;

    private NetworkGraph graph;
    /** The project's parts the designer does not edit (data, scaling, training, runs), kept for saving. */
    private Project base;
    private final TaskRunner tasks;
    private final javafx.beans.property.ObjectProperty<Path> file =
            new javafx.beans.property.SimpleObjectProperty<>(this, "file");
    private final javafx.beans.property.BooleanProperty busy = new SimpleBooleanProperty(this, "busy");
    private Consumer<Path> fileUsed = p -> { };
    private long autosavedRevision = -1;
    private final JobManager jobs = new JobManager();
    private final ReadOnlyObjectWrapper<GraphAnalysis> analysis = new ReadOnlyObjectWrapper<>(this, "analysis");
    private final ObservableSet<String> selection = FXCollections.observableSet(new LinkedHashSet<>());
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    private final StringProperty projectName = new SimpleStringProperty(this, "projectName", "");
    private final StringBinding title;
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper(this, "message", "");
    private final BooleanProperty snapToGrid = new SimpleBooleanProperty(this, "snapToGrid", true);
    private final javafx.beans.property.ObjectProperty<Edge> selectedEdge =
            new javafx.beans.property.SimpleObjectProperty<>(this, "selectedEdge");
    private final ReadOnlyObjectWrapper<String> revealRequest = new ReadOnlyObjectWrapper<>(this, "revealRequest");
    private final ReadOnlyObjectWrapper<TrainingSettings> training = new ReadOnlyObjectWrapper<>(this, "training");
    private final ObservableList<RunRecord> runs = FXCollections.observableArrayList();
    private List<NodeSnapshot> clipboardNodes = List.of();
    private List<Edge> clipboardEdges = List.of();

    /** A view model on a bare graph (tests, a new network), with file work done synchronously. */
    public DesignerViewModel(NetworkGraph graph, String projectName) {
        this(withGraph(Project.empty(projectName), graph), null, TaskRunner.synchronous());
    }

    /** A view model on a project, opened from {@code file} (null for a template or a new project). */
    public DesignerViewModel(Project project, Path file, TaskRunner tasks) {
        this.tasks = tasks;
        this.base = project;
        this.graph = project.graph();
        this.file.set(file);
        this.projectName.set(project.name());
        this.training.set(project.training());
        this.runs.setAll(project.runs());
        title = Bindings.createStringBinding(
                () -> Messages.get("window.title", this.projectName.get()) + (jobs.isDirty() ? " *" : ""),
                this.projectName, jobs.dirtyProperty());
        jobs.revisionProperty().addListener((o, a, b) -> refresh());
        refresh();
    }

    // --- state -------------------------------------------------------------------------------------------------

    public NetworkGraph graph() { return graph; }

    public JobManager jobs() { return jobs; }

    public ReadOnlyObjectProperty<GraphAnalysis> analysisProperty() { return analysis.getReadOnlyProperty(); }

    public GraphAnalysis analysis() { return analysis.get(); }

    public ObservableSet<String> selection() { return selection; }

    public ObservableList<Problem> problems() { return problems; }

    public StringProperty projectNameProperty() { return projectName; }

    /** {@code Perceptrix — name}, with {@code *} while there are unsaved changes. */
    public StringBinding titleProperty() { return title; }

    /** Texts are looked up again after the language changed. */
    public void languageChanged() {
        title.invalidate();
        refresh();
    }

    /** The latest feedback for the student (a refused connection, a bad value), shown in the status bar. */
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }

    public void showMessage(String text) { message.set(text); }

    public BooleanProperty snapToGridProperty() { return snapToGrid; }

    /** Replaces the whole network with a new empty project. */
    public void replaceGraph(NetworkGraph newGraph, String name) {
        replaceProject(withGraph(Project.empty(name), newGraph), null);
    }

    /** Replaces the whole project (new, open, template, recovery): history and selection start afresh. */
    public void replaceProject(Project project, Path from) {
        base = project;
        graph = project.graph();
        file.set(from);
        selection.clear();
        selectedEdge.set(null);
        projectName.set(project.name());
        training.set(project.training());
        runs.setAll(project.runs());
        message.set("");
        autosavedRevision = -1;
        jobs.clear();
    }

    private static Project withGraph(Project p, NetworkGraph g) {
        return new Project(p.name(), g, p.data(), p.scaling(), p.training(), p.runs());
    }

    /** The project as it would be saved now; its graph is a copy, safe to hand to another thread. */
    public Project snapshot() {
        return new Project(projectName.get(), graph.copy(), base.data(), base.scaling(), training.get(), runs);
    }

    // --- files -------------------------------------------------------------------------------------------------

    /** The file the project was opened from or last saved to; null for one never saved. */
    public javafx.beans.property.ReadOnlyObjectProperty<Path> fileProperty() { return file; }

    /** True while a file is being read or written. */
    public javafx.beans.property.ReadOnlyBooleanProperty busyProperty() { return busy; }

    /** Told of every file opened or saved, for the recent-files list. */
    public void onFileUsed(Consumer<Path> listener) { fileUsed = listener; }

    /** Opens a project file in the background; a damaged file gives a message, and the current network stays. */
    public void open(Path path, Runnable done) {
        busy.set(true);
        tasks.run(() -> ProjectFiles.read(path), p -> {
            busy.set(false);
            replaceProject(p, path);
            fileUsed.accept(path);
            done.run();
        }, e -> {
            busy.set(false);
            message.set(Messages.get("file.openFailed", e.getMessage()));
        });
    }

    /** Saves to a file in the background; the title loses its {@code *} if nothing changed meanwhile. */
    public void saveAs(Path path, Runnable done) {
        Path target = path.getFileName().toString().endsWith(ProjectFiles.EXTENSION) ? path
                : path.resolveSibling(path.getFileName() + ProjectFiles.EXTENSION);
        Project snap = snapshot();
        long state = jobs.currentState();
        busy.set(true);
        tasks.run(() -> {
            ProjectFiles.write(snap, target);
            return target;
        }, saved -> {
            busy.set(false);
            file.set(saved);
            jobs.markSaved(state);
            message.set(Messages.get("file.saved", saved.getFileName()));
            fileUsed.accept(saved);
            done.run();
        }, e -> {
            busy.set(false);
            message.set(Messages.get("file.saveFailed", e.getMessage()));
        });
    }

    /** Saves to the current file; false when there is none yet (the caller asks for one). */
    public boolean save(Runnable done) {
        if (file.get() == null) return false;
        saveAs(file.get(), done);
        return true;
    }

    /** Writes a recovery copy when there are unsaved changes not yet written; never touches the project's file. */
    public void autosave(Path recoveryFile) {
        long revision = jobs.revisionProperty().get();
        if (!jobs.isDirty() || revision == autosavedRevision) return;
        autosavedRevision = revision;
        Project snap = snapshot();
        tasks.run(() -> {
            ProjectFiles.write(snap, recoveryFile);
            return recoveryFile;
        }, p -> { }, e -> message.set(Messages.get("file.autosaveFailed", e.getMessage())));
    }

    /** Opens a recovery copy as an unsaved project (it keeps no file, so saving asks where). */
    public void recover(Project recovered) {
        replaceProject(recovered, null);
        // Mark as changed so the title shows * and closing asks before losing it again.
        jobs.markSaved(-1);
    }

    /** Re-analyses the graph; called after every job, undo and redo. */
    private void refresh() {
        GraphAnalysis a = ShapeInference.analyze(graph);
        selection.removeIf(id -> graph.node(id).isEmpty());
        if (selectedEdge.get() != null && !graph.edges().contains(selectedEdge.get())) selectedEdge.set(null);
        analysis.set(a);
        problems.setAll(a.problems());
    }

    // --- status bar ---------------------------------------------------------------------------------------------

    public String parametersText() {
        return Messages.get("status.parameters", NumberFormat.getIntegerInstance(Messages.locale())
                .format(analysis().totalParameters()));
    }

    public String multiplyAddsText() { return Messages.get("status.multiplyAdds", humanCount(analysis().totalMultiplyAdds())); }

    /** Estimated training memory at the project's own batch size. */
    public String memoryText() {
        int batch = training.get().batchSize();
        return Messages.get("status.memory", humanBytes(analysis().estimatedTrainingBytes(batch)), batch);
    }

    public String validityText() {
        GraphAnalysis a = analysis();
        if (graph.isEmpty()) return Messages.get("status.empty");
        return a.isValid() ? Messages.get("status.valid") : Messages.get("status.invalid", a.errors().size());
    }

    static String humanCount(long n) {
        if (n >= 1_000_000_000L) return String.format(Messages.locale(), "%.2f G", n / 1e9);
        if (n >= 1_000_000L) return String.format(Messages.locale(), "%.2f M", n / 1e6);
        if (n >= 10_000L) return String.format(Messages.locale(), "%.1f k", n / 1e3);
        return Long.toString(n);
    }

    static String humanBytes(long b) {
        if (b >= 1L << 30) return String.format(Messages.locale(), "%.2f GB", b / (double) (1L << 30));
        if (b >= 1L << 20) return String.format(Messages.locale(), "%.1f MB", b / (double) (1L << 20));
        if (b >= 1L << 10) return String.format(Messages.locale(), "%.1f KB", b / (double) (1L << 10));
        return b + " B";
    }

    /** The text on a node card: output shape, or a question mark when it cannot be inferred. */
    public String shapeText(String nodeId) {
        return analysis().shapeOf(nodeId).map(s -> s.display()).orElse("?");
    }

    public String parametersOf(String nodeId) {
        return Messages.get("node.parameters", humanCount(analysis().info(nodeId).parameters()));
    }

    /** Errors pinned to a node, one per line; empty when it is fine. */
    public Optional<String> nodeTrouble(String nodeId) {
        List<String> lines = analysis().problemsOf(nodeId).stream().map(Problem::message).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }

    public boolean hasError(String nodeId) {
        return analysis().problemsOf(nodeId).stream().anyMatch(Problem::isError);
    }

    /** An edge is drawn red when the node it feeds has an error (a wrong shape, too many inputs). */
    public Optional<String> edgeTrouble(Edge e) {
        List<String> lines = analysis().problemsOf(e.to()).stream().filter(Problem::isError).map(Problem::message).toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", lines));
    }

    /** The edge clicked last (deleted with Delete), or null. */
    public javafx.beans.property.ObjectProperty<Edge> selectedEdgeProperty() { return selectedEdge; }

    /** The node the canvas should scroll to; set by {@link #reveal}. */
    public ReadOnlyObjectProperty<String> revealRequestProperty() { return revealRequest.getReadOnlyProperty(); }

    /** Selects a node and asks the canvas to centre it (a click in the problems list). */
    public void reveal(String nodeId) {
        if (graph.node(nodeId).isEmpty()) return;
        select(nodeId);
        revealRequest.set(null);
        revealRequest.set(nodeId);
    }

    /** Deletes the selected edge if there is one, else the selected nodes. */
    public void deleteSelected() {
        Edge e = selectedEdge.get();
        if (e != null && graph.edges().contains(e)) {
            selectedEdge.set(null);
            disconnect(e);
        } else {
            deleteSelection();
        }
    }

    // --- selection ---------------------------------------------------------------------------------------------

    public void select(String id) {
        selectedEdge.set(null);
        selection.retainAll(Set.of(id));
        selection.add(id);
    }

    public void toggleSelected(String id) {
        if (!selection.remove(id)) selection.add(id);
    }

    public void selectOnly(Collection<String> ids) {
        selection.retainAll(new HashSet<>(ids));
        selection.addAll(ids);
    }

    public void selectAll() { selectOnly(graph.nodes().stream().map(LayerNode::id).toList()); }

    public void clearSelection() { selection.clear(); }

    /** The one selected node, if exactly one is selected. */
    public Optional<LayerNode> singleSelection() {
        return selection.size() == 1 ? graph.node(selection.iterator().next()) : Optional.empty();
    }

    // --- edits -------------------------------------------------------------------------------------------------

    private void run(Job job) {
        message.set("");
        jobs.push(job);
    }

    /** Adds a layer at a canvas position (snapped when the grid is on) and selects it; returns its id. */
    public String addNode(LayerType type, double x, double y) {
        GraphJobs.AddNode job = new GraphJobs.AddNode(graph, type, snap(x), snap(y));
        run(job);
        select(job.nodeId());
        return job.nodeId();
    }

    /** Why connecting {@code from} → {@code to} is refused, or empty when it is allowed. */
    public Optional<String> connectionRefusal(String from, String to) {
        Optional<LayerNode> a = graph.node(from);
        Optional<LayerNode> b = graph.node(to);
        if (a.isEmpty() || b.isEmpty()) return Optional.of(Messages.get("connect.unknown"));
        if (from.equals(to)) return Optional.of(Messages.get("connect.self"));
        if (graph.edges().contains(new Edge(from, to))) return Optional.of(Messages.get("connect.duplicate"));
        if (b.get().type().isInput()) return Optional.of(Messages.get("problem.inputHasInputs", b.get().label()));
        if (a.get().type().isOutput()) return Optional.of(Messages.get("problem.outputHasOutputs", a.get().label()));
        if (!b.get().type().isMerge() && !graph.inputsOf(to).isEmpty()) {
            return Optional.of(Messages.get("connect.taken", b.get().label()));
        }
        if (graph.reaches(to, from)) return Optional.of(Messages.get("connect.cycle", b.get().name(), a.get().name()));
        return Optional.empty();
    }


    /** Connects two nodes, or says why not in the message; returns whether it connected. */
    public boolean connect(String from, String to) {
        Optional<String> refusal = connectionRefusal(from, to);
        if (refusal.isPresent()) {
            message.set(refusal.get());
            return false;
        }
        run(new GraphJobs.Connect(graph, new Edge(from, to)));
        return true;
    }

    public void disconnect(Edge edge) { run(new GraphJobs.Disconnect(graph, edge)); }

    /** Deletes the selected nodes (and their edges) as one step. */
    public void deleteSelection() {
        if (selection.isEmpty()) return;
        List<Job> steps = new ArrayList<>();
        for (String id : List.copyOf(selection)) steps.add(new GraphJobs.RemoveNode(graph, id));
        run(new BatchJob(Messages.get("job.deleteMany", steps.size()), steps));
    }

    /** Moves nodes to new positions as one step (the end of a drag); the grid applies when on. */
    public void moveNodes(Map<String, double[]> targets) {
        List<GraphJobs.Move> moves = new ArrayList<>();
        targets.forEach((id, p) -> graph.node(id).ifPresent(n -> {
            double x = snap(p[0]);
            double y = snap(p[1]);
            if (x != n.x() || y != n.y()) moves.add(new GraphJobs.Move(id, n.x(), n.y(), x, y));
        }));
        if (!moves.isEmpty()) run(new GraphJobs.MoveNodes(graph, moves, false));
    }

    /** Moves the selection by a step (arrow keys); repeated nudges undo as one. */
    public void nudgeSelection(double dx, double dy) {
        List<GraphJobs.Move> moves = new ArrayList<>();
        for (String id : selection) {
            LayerNode n = graph.require(id);
            moves.add(new GraphJobs.Move(id, n.x(), n.y(), n.x() + dx, n.y() + dy));
        }
        if (!moves.isEmpty()) run(new GraphJobs.MoveNodes(graph, moves, true));
    }

    /** Sets a property from what the student typed; returns the reason when the value is refused. */
    public Optional<String> setProperty(String id, String key, Object raw) {
        LayerNode n = graph.require(id);
        Object value;
        try {
            value = n.type().property(key).orElseThrow().coerce(raw);
        } catch (IllegalArgumentException e) {
            String reason = Messages.get("inspector.badValue", key, e.getMessage());
            message.set(reason);
            return Optional.of(reason);
        }
        if (!value.equals(n.property(key))) run(new GraphJobs.SetProperty(graph, id, key, value));
        return Optional.empty();
    }

    public Optional<String> rename(String id, String name) {
        if (name.isBlank()) {
            String reason = Messages.get("inspector.emptyName");
            message.set(reason);
            return Optional.of(reason);
        }
        Optional<LayerNode> other = graph.nodeNamed(name.strip());
        if (other.isPresent() && !other.get().id().equals(id)) {
            String reason = Messages.get("inspector.nameTaken", name.strip());
            message.set(reason);
            return Optional.of(reason);
        }
        if (!graph.require(id).name().equals(name.strip())) run(new GraphJobs.Rename(graph, id, name));
        return Optional.empty();
    }

    /** Renames the project (what the title shows), as an undoable step. */
    public void renameProject(String name) {
        String wanted = name.strip();
        String old = projectName.get();
        if (wanted.isEmpty() || wanted.equals(old)) return;
        run(new Job() {
            @Override
            public void execute() { projectName.set(wanted); }

            @Override
            public void undo() { projectName.set(old); }

            @Override
            public String description() { return Messages.get("job.renameProject", wanted); }
        });
    }

    // --- training settings and runs ------------------------------------------------------------------------------

    /** The project's training settings; changed only through {@link #changeTraining}, so every change can be undone. */
    public ReadOnlyObjectProperty<TrainingSettings> trainingProperty() { return training.getReadOnlyProperty(); }

    public TrainingSettings training() { return training.get(); }

    /** Replaces the training settings as one undoable step described by {@code what} (already translated). */
    public void changeTraining(TrainingSettings next, String what) {
        TrainingSettings old = training.get();
        if (next.equals(old)) return;
        run(new Job() {
            @Override
            public void execute() { training.set(next); }

            @Override
            public void undo() { training.set(old); }

            @Override
            public String description() { return Messages.get("job.training", what); }
        });
    }

    /** The runs trained so far, oldest first; read-only for views. */
    public ObservableList<RunRecord> runs() { return FXCollections.unmodifiableObservableList(runs); }

    /**
     * Keeps a finished run in the project. Not an undoable edit (a run happened), but the project now has unsaved
     * changes.
     */
    public void addRun(RunRecord run) {
        runs.add(run);
        jobs.markSaved(-1);
    }

    public boolean canPaste() { return !clipboardNodes.isEmpty(); }

    /** Copies the selected nodes and the edges among them. */
    public void copySelection() {
        if (selection.isEmpty()) return;
        clipboardNodes = selection.stream().map(id -> NodeSnapshot.of(graph.require(id))).toList();
        Set<String> ids = new HashSet<>(selection);
        clipboardEdges = graph.edges().stream().filter(e -> ids.contains(e.from()) && ids.contains(e.to())).toList();
    }

    public void cutSelection() {
        copySelection();
        deleteSelection();
    }

    /** Pastes the clipboard beside the originals with fresh ids and names, selects the copies. */
    public void paste() {
        if (clipboardNodes.isEmpty()) return;
        Map<String, String> newIds = new HashMap<>();
        List<Job> steps = new ArrayList<>();
        // Fresh ids and names are picked on a scratch copy, so they do not collide with each other.
        NetworkGraph scratch = graph.copy();
        for (NodeSnapshot s : clipboardNodes) {
            String id = scratch.freshId();
            String name = scratch.freshName(s.type().namePrefix());
            scratch.addNode(id, s.type(), name, 0, 0);
            newIds.put(s.id(), id);
            steps.add(new GraphJobs.PutNode(graph,
                    new NodeSnapshot(id, s.type(), name, s.x() + PASTE_OFFSET, s.y() + PASTE_OFFSET, s.properties())));
        }
        for (Edge e : clipboardEdges) {
            steps.add(new GraphJobs.Connect(graph, new Edge(newIds.get(e.from()), newIds.get(e.to()))));
        }
        run(new BatchJob(Messages.get("job.paste", clipboardNodes.size()), steps));
        selectOnly(new ArrayList<>(newIds.values()));
        // A second paste lands further along, not on top of the first.
        clipboardNodes = clipboardNodes.stream().map(s -> new NodeSnapshot(s.id(), s.type(), s.name(),
                s.x() + PASTE_OFFSET, s.y() + PASTE_OFFSET, s.properties())).toList();
    }

    public void duplicateSelection() {
        List<NodeSnapshot> keptNodes = clipboardNodes;
        List<Edge> keptEdges = clipboardEdges;
        copySelection();
        paste();
        clipboardNodes = keptNodes;
        clipboardEdges = keptEdges;
    }

    /** Lays the graph out left to right by depth, wrapping long networks into bands, as one step. */
    public void autoLayout() {
        if (!graph.isEmpty()) moveNodes(AutoLayout.positions(graph));
    }

    public void undo() {
        message.set("");
        jobs.undo();
    }

    public void redo() {
        message.set("");
        jobs.redo();
    }

    private double snap(double v) { return snapToGrid.get() ? Math.round(v / GRID) * GRID : v; }
}
