package org.perceptrix.data;

import java.util.Locale;

/** How raw feature values are scaled before training; fitted on the training split only. */
public enum Scaling {
    /** Values as they are. */
    NONE,
    /** Min-max scaling to [0, 1] with the training data's smallest and largest value (pixels: ÷ 255). */
    MIN_MAX,
    /** Z-score: subtract the training data's mean and divide by its standard deviation. */
    STANDARDIZE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Scaling fromId(String id) {
        for (Scaling s : values()) {
            if (s.id().equalsIgnoreCase(id)) return s;
        }
        throw new IllegalArgumentException("unknown scaling '" + id + "' (known: none, min_max, standardize)");
    }
}
