package org.perceptrix.compile;

import java.util.Locale;

/** How weights start: Xavier/Glorot suits sigmoid and tanh, He (relu) suits ReLU. */
public enum WeightInit {
    XAVIER, RELU, NORMAL, UNIFORM;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static WeightInit fromId(String id) {
        for (WeightInit w : values()) {
            if (w.id().equalsIgnoreCase(id)) return w;
        }
        throw new IllegalArgumentException("unknown weight init '" + id + "' (known: xavier, relu, normal, uniform)");
    }
}
