package org.perceptrix.data;

import java.util.Objects;

import org.perceptrix.graph.DataSignature;

/**
 * Where a project's examples come from. {@code MNIST} is the bundled set (10,000 training and the official 10,000
 * test digits); {@code IDX} names an image/label file pair for training and one for testing, relative to the project
 * file or absolute. {@code target} says whether the network learns the labels or reconstructs its input.
 */
public record DataSource(Kind kind, String trainImages, String trainLabels, String testImages, String testLabels,
                         DataSignature.Target target) {

    /** The kinds of data source. */
    public enum Kind { MNIST, IDX }

    public DataSource {
        Objects.requireNonNull(kind);
        Objects.requireNonNull(trainImages);
        Objects.requireNonNull(trainLabels);
        Objects.requireNonNull(testImages);
        Objects.requireNonNull(testLabels);
        Objects.requireNonNull(target);
    }

    /** The bundled MNIST digits, learning their labels. */
    public static DataSource mnist() {
        return new DataSource(Kind.MNIST, "", "", "", "", DataSignature.Target.LABELS);
    }

    public DataSource withTarget(DataSignature.Target newTarget) {
        return new DataSource(kind, trainImages, trainLabels, testImages, testLabels, newTarget);
    }
}
