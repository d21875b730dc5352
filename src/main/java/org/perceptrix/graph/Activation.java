package org.perceptrix.graph;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Activation functions a layer can apply, named as they appear in project files. */
public enum Activation {
    RELU("relu"), SIGMOID("sigmoid"), TANH("tanh"), LEAKY_RELU("leaky_relu"), ELU("elu"), SOFTMAX("softmax"),
    IDENTITY("identity");

    private final String id;

    Activation(String id) { this.id = id; }

    /** The name used in project files and the inspector. */
    public String id() { return id; }

    public static List<String> ids() { return Arrays.stream(values()).map(Activation::id).toList(); }

    public static Activation fromId(String id) {
        String wanted = id.toLowerCase(Locale.ROOT);
        for (Activation a : values()) {
            if (a.id.equals(wanted)) return a;
        }
        throw new IllegalArgumentException("unknown activation '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }
}
