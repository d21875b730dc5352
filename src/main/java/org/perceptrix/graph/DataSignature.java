package org.perceptrix.graph;

/**
 * What a data source offers a network: values per example, number of classes, and whether the network
 * learns the labels or reconstructs its input (an autoencoder).
 */
public record DataSignature(long features, int classes, Target target) {

    /** What the Output layer is trained to produce. */
    public enum Target { LABELS, INPUT }

    public DataSignature {
        if (features <= 0) throw new IllegalArgumentException("features must be positive");
        if (classes <= 0) throw new IllegalArgumentException("classes must be positive");
    }
}
