package org.perceptrix.graph;

import java.util.Arrays;
import java.util.List;

/** The activation + loss pairs an Output layer offers. */
public enum OutputLoss {
    SOFTMAX_CROSS_ENTROPY("softmax_cross_entropy", Activation.SOFTMAX, true),
    SIGMOID_BINARY_CROSS_ENTROPY("sigmoid_binary_cross_entropy", Activation.SIGMOID, true),
    IDENTITY_MSE("identity_mse", Activation.IDENTITY, false);

    private final String id;
    private final Activation activation;
    private final boolean classification;

    OutputLoss(String id, Activation activation, boolean classification) {
        this.id = id;
        this.activation = activation;
        this.classification = classification;
    }

    public String id() { return id; }

    public Activation activation() { return activation; }

    /** True when the targets are class labels, false when they are values (regression, reconstruction). */
    public boolean isClassification() { return classification; }

    public static List<String> ids() { return Arrays.stream(values()).map(OutputLoss::id).toList(); }

    public static OutputLoss fromId(String id) {
        for (OutputLoss l : values()) {
            if (l.id.equalsIgnoreCase(id)) return l;
        }
        throw new IllegalArgumentException("unknown loss '" + id + "' (known: " + String.join(", ", ids()) + ")");
    }
}
