package org.perceptrix.compile;

import java.util.Locale;

/**
 * How the learning rate changes epoch by epoch. {@code STEP} multiplies it by the decay rate every
 * {@code decayEpochs} epochs; {@code EXPONENTIAL} does the same smoothly, a little every epoch; {@code COSINE} lowers it
 * along half a cosine wave from the initial rate towards zero over all the epochs.
 */
public enum LearningRateSchedule {
    FIXED, STEP, EXPONENTIAL, COSINE;

    public String id() { return name().toLowerCase(Locale.ROOT); }

    public static LearningRateSchedule fromId(String id) {
        for (LearningRateSchedule s : values()) {
            if (s.id().equalsIgnoreCase(id)) return s;
        }
        throw new IllegalArgumentException("unknown learning-rate schedule '" + id
                + "' (known: fixed, step, exponential, cosine)");
    }
}
