package org.perceptrix.ui.edit;

import java.util.ArrayDeque;
import java.util.Deque;

import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * Keeps the undo and redo stacks (bounded), and a revision that increases on every push, undo and redo.
 * Whether the project has unsaved changes is told by comparing the current state with the one marked saved.
 * Plain JavaFX beans, no controls: usable and testable without the FX thread.
 */
public final class JobManager {
    /** Enough for a long session; the oldest steps fall off. */
    public static final int DEFAULT_LIMIT = 500;

    private final int limit;
    private final Deque<Entry> undo = new ArrayDeque<>();
    private final Deque<Entry> redo = new ArrayDeque<>();
    private final ReadOnlyLongWrapper revision = new ReadOnlyLongWrapper(this, "revision");
    private final ReadOnlyBooleanWrapper canUndo = new ReadOnlyBooleanWrapper(this, "canUndo");
    private final ReadOnlyBooleanWrapper canRedo = new ReadOnlyBooleanWrapper(this, "canRedo");
    private final ReadOnlyBooleanWrapper dirty = new ReadOnlyBooleanWrapper(this, "dirty");
    private long nextState = 1;
    /** The state (0 = nothing done) that was last saved; -1 when it is no longer reachable. */
    private long savedState;

    private record Entry(Job job, long state) {
    }

    public JobManager() { this(DEFAULT_LIMIT); }

    public JobManager(int limit) { this.limit = limit; }

    /** Executes a job and records it, unless it merges into the previous one. */
    public void push(Job job) {
        job.execute();
        redo.clear();
        Entry top = undo.peek();
        if (top != null && top.state() != savedState && top.job().mergeWith(job)) {
            undo.pop();
            undo.push(new Entry(top.job(), nextState++));
        } else {
            undo.push(new Entry(job, nextState++));
            if (undo.size() > limit) undo.removeLast();
        }
        changed();
    }

    public void undo() {
        if (undo.isEmpty()) return;
        Entry e = undo.pop();
        e.job().undo();
        redo.push(e);
        changed();
    }

    public void redo() {
        if (redo.isEmpty()) return;
        Entry e = redo.pop();
        e.job().redo();
        undo.push(e);
        changed();
    }

    /** Forgets all history (a new or opened project). */
    public void clear() {
        undo.clear();
        redo.clear();
        savedState = 0;
        changed();
    }

    /** Marks the current state as saved. */
    public void markSaved() { markSaved(currentState()); }

    /** Marks a state taken earlier with {@link #currentState()} as saved (a save that ran in the background). */
    public void markSaved(long state) {
        savedState = state;
        changed();
    }

    /** A token for the present state: equal tokens mean the same point in the history. */
    public long currentState() { return undo.isEmpty() ? 0 : undo.peek().state(); }

    public String undoDescription() { return undo.isEmpty() ? "" : undo.peek().job().description(); }

    public String redoDescription() { return redo.isEmpty() ? "" : redo.peek().job().description(); }

    public ReadOnlyLongProperty revisionProperty() { return revision.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canUndoProperty() { return canUndo.getReadOnlyProperty(); }

    public ReadOnlyBooleanProperty canRedoProperty() { return canRedo.getReadOnlyProperty(); }

    /** True while the network differs from the saved one. */
    public ReadOnlyBooleanProperty dirtyProperty() { return dirty.getReadOnlyProperty(); }

    public boolean isDirty() { return dirty.get(); }

    public int undoSize() { return undo.size(); }

    public int redoSize() { return redo.size(); }

    private void changed() {
        canUndo.set(!undo.isEmpty());
        canRedo.set(!redo.isEmpty());
        dirty.set(currentState() != savedState);
        revision.set(revision.get() + 1);
    }
}
