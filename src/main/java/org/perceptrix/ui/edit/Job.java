package org.perceptrix.ui.edit;

/**
 * One undoable edit of the network, in the manner of Scene Builder's jobs: run once with {@link #execute()}, then
 * {@link #undo()} and {@link #redo()} any number of times, alternately.
 */
public interface Job {
    void execute();

    void undo();

    /** Redoes the job after an undo; by default the same as executing it again. */
    default void redo() { execute(); }

    /** A short text for the Undo/Redo menu items, already in the user's language. */
    String description();

    /**
     * Folds a later job into this one (repeated arrow nudges, typing into one property) so that they undo as one step.
     * Called after {@code next} has been executed; returns false when the two must stay separate.
     */
    default boolean mergeWith(Job next) { return false; }
}
