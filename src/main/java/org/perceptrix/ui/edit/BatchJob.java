package org.perceptrix.ui.edit;

import java.util.ArrayList;
import java.util.List;

/** A compound gesture (delete a selection, paste, auto layout) that undoes and redoes as one step. */
public final class BatchJob implements Job {
    private final String description;
    private final List<Job> jobs;

    public BatchJob(String description, List<? extends Job> jobs) {
        this.description = description;
        this.jobs = new ArrayList<>(jobs);
    }

    public boolean isEmpty() { return jobs.isEmpty(); }

    @Override
    public void execute() {
        for (Job j : jobs) j.execute();
    }

    @Override
    public void undo() {
        for (int i = jobs.size() - 1; i >= 0; i--) jobs.get(i).undo();
    }

    @Override
    public void redo() {
        for (Job j : jobs) j.redo();
    }

    @Override
    public String description() { return description; }
}
