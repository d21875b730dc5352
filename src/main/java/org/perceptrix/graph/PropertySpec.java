package org.perceptrix.graph;

import java.util.List;
import java.util.Locale;

/**
 * One editable property of a layer type: its key, kind, default and allowed range or choices.
 * Values are held as {@code Integer}, {@code Double}, {@code Boolean} or {@code String} (for choices).
 */
public record PropertySpec(String key, Kind kind, Object defaultValue, double min, double max, List<String> choices) {

    /** The value kinds a property can have. */
    public enum Kind { INT, DOUBLE, BOOLEAN, CHOICE }

    public PropertySpec {
        choices = List.copyOf(choices);
    }

    public static PropertySpec integer(String key, int def, int min, int max) {
        return new PropertySpec(key, Kind.INT, def, min, max, List.of());
    }

    public static PropertySpec decimal(String key, double def, double min, double max) {
        return new PropertySpec(key, Kind.DOUBLE, def, min, max, List.of());
    }

    public static PropertySpec bool(String key, boolean def) {
        return new PropertySpec(key, Kind.BOOLEAN, def, 0, 1, List.of());
    }

    public static PropertySpec choice(String key, String def, List<String> choices) {
        return new PropertySpec(key, Kind.CHOICE, def, 0, 0, choices);
    }

    /**
     * Converts a raw value (from JSON or a text field) to this property's type.
     *
     * @throws IllegalArgumentException with a message a student understands when it does not fit
     */
    public Object coerce(Object raw) {
        switch (kind) {
            case INT -> {
                long v;
                if (raw instanceof Number n) {
                    double d = n.doubleValue();
                    if (d != Math.rint(d)) throw new IllegalArgumentException(key + " must be a whole number, not " + raw);
                    v = (long) d;
                } else if (raw instanceof String s) {
                    try { v = Long.parseLong(s.trim()); }
                    catch (NumberFormatException e) { throw new IllegalArgumentException(key + " must be a whole number, not '" + s + "'"); }
                } else {
                    throw new IllegalArgumentException(key + " must be a whole number, not " + raw);
                }
                if (v < min || v > max) throw new IllegalArgumentException(key + " must be between " + (long) min + " and " + (long) max + ", not " + v);
                return (int) v;
            }
            case DOUBLE -> {
                double v;
                if (raw instanceof Number n) v = n.doubleValue();
                else if (raw instanceof String s) {
                    try { v = Double.parseDouble(s.trim()); }
                    catch (NumberFormatException e) { throw new IllegalArgumentException(key + " must be a number, not '" + s + "'"); }
                } else throw new IllegalArgumentException(key + " must be a number, not " + raw);
                if (Double.isNaN(v) || v < min || v > max) throw new IllegalArgumentException(key + " must be between " + min + " and " + max + ", not " + v);
                return v;
            }
            case BOOLEAN -> {
                if (raw instanceof Boolean b) return b;
                if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) return Boolean.parseBoolean(s);
                throw new IllegalArgumentException(key + " must be true or false, not " + raw);
            }
            case CHOICE -> {
                String s = String.valueOf(raw).toLowerCase(Locale.ROOT);
                if (!choices.contains(s)) throw new IllegalArgumentException(key + " must be one of " + String.join(", ", choices) + ", not '" + raw + "'");
                return s;
            }
            default -> throw new AssertionError(kind);
        }
    }
}
