package org.perceptrix.compile;

import java.util.List;

import org.perceptrix.graph.Problem;

/** The graph cannot be turned into a DL4J network; the message says why in a student's words. */
public final class CompileException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient List<Problem> problems;

    public CompileException(String message, List<Problem> problems) {
        super(message);
        this.problems = List.copyOf(problems);
    }

    /** The graph problems behind this failure (empty when DL4J itself refused the configuration). */
    public List<Problem> problems() { return problems; }
}
