package org.perceptrix.project;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.perceptrix.data.DataSource;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.compile.TrainingSettings;

/**
 * Everything a student saves in one project file: the network, where its data comes from, how the data is scaled,
 * how it is trained, and the runs trained so far.
 * The graph is mutable and held by reference, so two projects are equal only when they share the same graph.
 */
public record Project(String name, NetworkGraph graph, DataSource data, Scaling scaling, TrainingSettings training,
                      List<RunRecord> runs) {

    public Project {
        Objects.requireNonNull(name);
        Objects.requireNonNull(graph);
        Objects.requireNonNull(data);
        Objects.requireNonNull(scaling);
        Objects.requireNonNull(training);
        runs = List.copyOf(runs);
    }

    /** An empty network on the bundled MNIST digits, min-max scaled, with the default training settings. */
    public static Project empty(String name) {
        return new Project(name, new NetworkGraph(), DataSource.mnist(), Scaling.MIN_MAX, TrainingSettings.defaults(),
                List.of());
    }

    public Project withName(String newName) {
        return new Project(newName, graph, data, scaling, training, runs);
    }

    public Project withTraining(TrainingSettings newTraining) {
        return new Project(name, graph, data, scaling, newTraining, runs);
    }

    /** This project trained again as {@code run} was: its settings restored ("restore this run"). */
    public Project withTrainingOf(RunRecord run) {
        return withTraining(run.settings());
    }

    /** This project with {@code run} appended to its runs. */
    public Project withRun(RunRecord run) {
        List<RunRecord> more = new ArrayList<>(runs);
        more.add(run);
        return new Project(name, graph, data, scaling, training, more);
    }
}
