package org.perceptrix.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

import org.perceptrix.compile.TrainingSettings;

/**
 * The values to try for each numeric training setting, e.g. {@code lr=0.001,0.01;batch=32,64}. Names are
 * {@link #NAMES} (a few long forms such as {@code learningRate} are accepted too); the grid is every combination.
 */
public record SearchGrid(Map<String, List<Double>> values) {
    /** The settings a grid can vary, in the order they are shown. */
    public static final List<String> NAMES = List.of("lr", "batch", "epochs", "dropout", "l2", "l1", "momentum", "decay");
    /** More combinations than this are refused: each one trains the network once per fold. */
    public static final int MAX_COMBINATIONS = 1000;
    private static final Map<String, String> ALIASES = Map.of("learningrate", "lr", "learning_rate", "lr",
            "batchsize", "batch", "batch_size", "batch", "decayrate", "decay", "decay_rate", "decay");

    public SearchGrid {
        Map<String, List<Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(Objects.requireNonNull(k), List.copyOf(v)));
        values = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Reads the text form {@code name=v1,v2;name=v1,…}. Every value is checked against the settings' limits.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad part
     */
    public static SearchGrid parse(String text) {
        Map<String, List<Double>> grid = new LinkedHashMap<>();
        for (String rawPart : text.split(";", -1)) {
            String part = rawPart.strip();
            if (part.isEmpty()) continue;
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("grid part '" + part + "' needs the form name=value,value (e.g. lr=0.001,0.01)");
            }
            String given = part.substring(0, eq).strip();
            String name = canonical(given);
            if (name == null) {
                throw new IllegalArgumentException("unknown setting '" + given + "' in the grid (known: "
                        + String.join(", ", NAMES) + ")");
            }
            if (grid.containsKey(name)) throw new IllegalArgumentException("setting '" + name + "' appears twice in the grid");
            List<Double> list = new ArrayList<>();
            for (String rawValue : part.substring(eq + 1).split(",", -1)) {
                String value = rawValue.strip();
                if (value.isEmpty()) throw new IllegalArgumentException(part + ": a value is missing");
                double v;
                try {
                    v = Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException(part + ": '" + value + "' is not a number");
                }
                check(name, v, part);
                if (list.contains(v)) throw new IllegalArgumentException(part + ": " + value + " is listed twice");
                list.add(v);
            }
            grid.put(name, list);
        }
        if (grid.isEmpty()) {
            throw new IllegalArgumentException("the grid is empty: give values like lr=0.001,0.01;batch=32,64");
        }
        SearchGrid result = new SearchGrid(grid);
        if (result.size() > MAX_COMBINATIONS) {
            throw new IllegalArgumentException("the grid has " + result.size() + " combinations; at most "
                    + MAX_COMBINATIONS + " are allowed");
        }
        return result;
    }

    private static String canonical(String given) {
        String lower = given.toLowerCase(Locale.ROOT);
        if (NAMES.contains(lower)) return lower;
        return ALIASES.get(lower);
    }

    private static void check(String name, double v, String part) {
        if (isWhole(name) && (v != Math.rint(v) || Double.isInfinite(v))) {
            throw new IllegalArgumentException(part + ": " + name + " must be a whole number, not " + v);
        }
        try {
            apply(TrainingSettings.defaults(), Map.of(name, v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(part + ": " + e.getMessage());
        }
    }

    /** Settings counted in whole numbers (batch size, epochs). */
    public static boolean isWhole(String name) {
        return name.equals("batch") || name.equals("epochs");
    }

    /** A value as the user wrote it: {@code 32} for a batch size, {@code 0.001} for a learning rate. */
    public static String format(String name, double value) {
        return isWhole(name) ? Long.toString((long) value) : Double.toString(value);
    }

    /** How many combinations the grid has. */
    public int size() {
        int n = 1;
        for (List<Double> v : values.values()) n *= v.size();
        return n;
    }

    /** Every combination, the last setting varying fastest; each map keeps the grid's order of names. */
    public List<Map<String, Double>> combinations() {
        List<Map<String, Double>> result = new ArrayList<>();
        result.add(new LinkedHashMap<>());
        for (Map.Entry<String, List<Double>> e : values.entrySet()) {
            List<Map<String, Double>> next = new ArrayList<>();
            for (Map<String, Double> partial : result) {
                for (double v : e.getValue()) {
                    Map<String, Double> m = new LinkedHashMap<>(partial);
                    m.put(e.getKey(), v);
                    next.add(m);
                }
            }
            result = next;
        }
        List<Map<String, Double>> frozen = new ArrayList<>();
        for (Map<String, Double> m : result) frozen.add(java.util.Collections.unmodifiableMap(m));
        return List.copyOf(frozen);
    }

    /** {@code base} with the values of one combination put in. */
    public static TrainingSettings apply(TrainingSettings base, Map<String, Double> setting) {
        TrainingSettings s = base;
        for (Map.Entry<String, Double> e : setting.entrySet()) {
            double v = e.getValue();
            switch (e.getKey()) {
                case "lr" -> s = s.withLearningRate(v);
                case "batch" -> s = s.withBatchSize((int) v);
                case "epochs" -> s = s.withEpochs((int) v);
                case "dropout" -> s = s.withDropout(v);
                case "l2" -> s = s.withL2(v);
                case "l1" -> s = s.withL1(v);
                case "momentum" -> s = s.withMomentum(v);
                case "decay" -> s = s.withDecayRate(v);
                default -> throw new IllegalArgumentException("unknown setting '" + e.getKey() + "' (known: "
                        + String.join(", ", NAMES) + ")");
            }
        }
        return s;
    }

    /** One combination as text, e.g. {@code lr=0.001, batch=32}. */
    public static String describe(Map<String, Double> setting) {
        List<String> parts = new ArrayList<>();
        setting.forEach((k, v) -> parts.add(k + "=" + format(k, v)));
        return String.join(", ", parts);
    }
}
