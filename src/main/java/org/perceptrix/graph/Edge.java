package org.perceptrix.graph;

import java.util.Objects;

/** A connection carrying the output of node {@code from} into node {@code to}. */
public record Edge(String from, String to) {
    public Edge {
        Objects.requireNonNull(from);
        Objects.requireNonNull(to);
    }
}
