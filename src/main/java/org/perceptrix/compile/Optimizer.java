package org.perceptrix.compile;

import java.util.Locale;

/** The optimizers a student can choose, as in the tutorial: plain SGD, SGD with (Nesterov) momentum, up to Adam. */
public enum Optimizer {
    SGD, NESTEROV, ADAM, ADAGRAD, RMSPROP;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static Optimizer fromId(String id) {
        for (Optimizer o : values()) {
            if (o.id().equalsIgnoreCase(id)) return o;
        }
        throw new IllegalArgumentException("unknown optimizer '" + id + "' (known: sgd, nesterov, adam, adagrad, rmsprop)");
    }
}
