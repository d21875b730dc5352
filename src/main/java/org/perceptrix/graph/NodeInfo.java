package org.perceptrix.graph;

import java.util.Optional;

/** What inference found for one node: its output shape (when it could be inferred), parameters and multiply-adds. */
public record NodeInfo(Optional<Shape> output, long parameters, long multiplyAdds) {
    static final NodeInfo UNKNOWN = new NodeInfo(Optional.empty(), 0, 0);
}
