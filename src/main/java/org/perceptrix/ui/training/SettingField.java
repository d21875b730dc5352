package org.perceptrix.ui.training;

import java.util.Locale;

import org.perceptrix.compile.TrainingSettings;

/**
 * The numeric training settings a student types in: how each reads from {@link TrainingSettings} and how a typed
 * value makes new settings. Texts are {@code training.<key>} (label) and {@code training.<key>.help}.
 */
public enum SettingField {
    LEARNING_RATE("learningRate"), MOMENTUM("momentum"), DECAY_RATE("decayRate"), DECAY_EPOCHS("decayEpochs"),
    BATCH_SIZE("batchSize"), EPOCHS("epochs"), L1("l1"), L2("l2"), DROPOUT("dropout"), SEED("seed"),
    VALIDATION_SPLIT("validationSplit"), PATIENCE("patience");

    private final String key;

    SettingField(String key) { this.key = key; }

    public String key() { return key; }

    /** The value as the form shows it. */
    public String text(TrainingSettings s) {
        switch (this) {
            case LEARNING_RATE: return number(s.learningRate());
            case MOMENTUM: return number(s.momentum());
            case DECAY_RATE: return number(s.decayRate());
            case DECAY_EPOCHS: return Integer.toString(s.decayEpochs());
            case BATCH_SIZE: return Integer.toString(s.batchSize());
            case EPOCHS: return Integer.toString(s.epochs());
            case L1: return number(s.l1());
            case L2: return number(s.l2());
            case DROPOUT: return number(s.dropout());
            case SEED: return Long.toString(s.seed());
            case VALIDATION_SPLIT: return number(s.validationSplit());
            default: return Integer.toString(s.earlyStoppingPatience());
        }
    }

    /**
     * The settings with this field set to {@code text}.
     *
     * @throws IllegalArgumentException when the text is not a number or out of range
     */
    public TrainingSettings apply(TrainingSettings s, String text) {
        String t = text.strip();
        double d = this == SEED ? 0 : Double.parseDouble(t);
        int i = (int) d;
        boolean whole = d == Math.rint(d) && Math.abs(d) < Integer.MAX_VALUE;
        double lr = s.learningRate();
        double momentum = s.momentum();
        double decayRate = s.decayRate();
        int decayEpochs = s.decayEpochs();
        int batch = s.batchSize();
        int epochs = s.epochs();
        double l1 = s.l1();
        double l2 = s.l2();
        double dropout = s.dropout();
        long seed = s.seed();
        double split = s.validationSplit();
        int patience = s.earlyStoppingPatience();
        switch (this) {
            case LEARNING_RATE: lr = d; break;
            case MOMENTUM: momentum = d; break;
            case DECAY_RATE: decayRate = d; break;
            case DECAY_EPOCHS: decayEpochs = wholeNumber(whole, i); break;
            case BATCH_SIZE: batch = wholeNumber(whole, i); break;
            case EPOCHS: epochs = wholeNumber(whole, i); break;
            case L1: l1 = d; break;
            case L2: l2 = d; break;
            case DROPOUT: dropout = d; break;
            case SEED: seed = Long.parseLong(t); break;
            case VALIDATION_SPLIT: split = d; break;
            default: patience = wholeNumber(whole, i); break;
        }
        if (!Double.isFinite(d)) throw new IllegalArgumentException("not a finite number: " + t);
        return new TrainingSettings(s.optimizer(), lr, momentum, batch, epochs, l1, l2, dropout, s.weightInit(), seed,
                split, patience, s.schedule(), decayRate, decayEpochs);
    }

    private static int wholeNumber(boolean whole, int value) {
        if (!whole) throw new IllegalArgumentException("not a whole number");
        return value;
    }

    private static String number(double v) {
        if (v == 0) return "0";
        String plain = String.format(Locale.ROOT, "%.6g", v);
        // 0.00100000 → 0.001; 1.00000e-05 → 1e-05
        if (plain.contains("e")) {
            String[] parts = plain.split("e");
            return strip(parts[0]) + "e" + parts[1];
        }
        return strip(plain);
    }

    private static String strip(String s) {
        if (!s.contains(".")) return s;
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
