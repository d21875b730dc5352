package org.perceptrix.graph;

/** The shape of one example's tensor as it flows along an edge (the batch dimension is implicit). */
public sealed interface Shape permits Shape.Vector, Shape.Image, Shape.Sequence {

    /** Number of values per example. */
    long elementCount();

    /** Short text for canvas labels, e.g. {@code 24×24×20}, {@code 128}, {@code 28×28 seq}. */
    String display();

    /** A flat vector of {@code size} features. */
    record Vector(int size) implements Shape {
        @Override public long elementCount() { return size; }
        @Override public String display() { return Integer.toString(size); }
    }

    /** An image of height × width × channels. */
    record Image(int height, int width, int channels) implements Shape {
        @Override public long elementCount() { return (long) height * width * channels; }
        @Override public String display() { return height + "×" + width + "×" + channels; }
    }

    /** A sequence of {@code steps} time steps with {@code features} values each. */
    record Sequence(int steps, int features) implements Shape {
        @Override public long elementCount() { return (long) steps * features; }
        @Override public String display() { return steps + "×" + features + " seq"; }
    }
}
