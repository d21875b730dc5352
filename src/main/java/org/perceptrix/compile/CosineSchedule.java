package org.perceptrix.compile;

import org.nd4j.linalg.schedule.ISchedule;
import org.nd4j.shade.jackson.annotation.JsonProperty;

/**
 * Cosine annealing by epoch: {@code initial · ½(1 + cos(π · epoch / epochs))}. DL4J 1.0.0-M2.1 has no cosine
 * schedule; this one is public with a no-argument constructor and JSON properties so model files restore it.
 */
public class CosineSchedule implements ISchedule {
    private static final long serialVersionUID = 1L;

    @JsonProperty("initialValue")
    private double initialValue;
    @JsonProperty("epochs")
    private int epochs;

    public CosineSchedule() {
    }

    public CosineSchedule(double initialValue, int epochs) {
        this.initialValue = initialValue;
        this.epochs = epochs;
    }

    @Override
    public double valueAt(int iteration, int epoch) {
        return initialValue * 0.5 * (1 + Math.cos(Math.PI * Math.min(epoch, epochs) / epochs));
    }

    @Override
    public ISchedule clone() {
        return new CosineSchedule(initialValue, epochs);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CosineSchedule c && c.initialValue == initialValue && c.epochs == epochs;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(initialValue) * 31 + epochs;
    }
}
