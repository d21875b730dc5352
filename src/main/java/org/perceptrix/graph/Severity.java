package org.perceptrix.graph;

/** How serious a problem is: errors stop compiling and training, warnings do not. */
public enum Severity { ERROR, WARNING }
