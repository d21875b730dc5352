package org.perceptrix.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * Accuracy, the confusion matrix and per-class precision, recall and F1 (a classification report), computed from
 * true and predicted labels. {@code confusion[actual][predicted]} counts examples.
 */
public record ClassificationReport(List<String> classNames, int[][] confusion, double accuracy, List<ClassScore> perClass) {

    /** One class's scores; {@code support} is how many examples truly belong to it. */
    public record ClassScore(String label, double precision, double recall, double f1, int support) {
    }

    public static ClassificationReport of(int[] actual, int[] predicted, List<String> classNames) {
        if (actual.length != predicted.length) {
            throw new IllegalArgumentException(actual.length + " true labels but " + predicted.length + " predictions");
        }
        int k = classNames.size();
        int[][] confusion = new int[k][k];
        int correct = 0;
        for (int i = 0; i < actual.length; i++) {
            confusion[actual[i]][predicted[i]]++;
            if (actual[i] == predicted[i]) correct++;
        }
        List<ClassScore> scores = new ArrayList<>();
        for (int c = 0; c < k; c++) {
            int tp = confusion[c][c];
            int predictedAsC = 0;
            int actuallyC = 0;
            for (int j = 0; j < k; j++) {
                predictedAsC += confusion[j][c];
                actuallyC += confusion[c][j];
            }
            double precision = predictedAsC == 0 ? 0 : (double) tp / predictedAsC;
            double recall = actuallyC == 0 ? 0 : (double) tp / actuallyC;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            scores.add(new ClassScore(classNames.get(c), precision, recall, f1, actuallyC));
        }
        double accuracy = actual.length == 0 ? 0 : (double) correct / actual.length;
        return new ClassificationReport(List.copyOf(classNames), confusion, accuracy, scores);
    }

    /** Macro average of F1 over classes that have examples. */
    public double macroF1() {
        return perClass.stream().filter(s -> s.support() > 0).mapToDouble(ClassScore::f1).average().orElse(0);
    }

    /** Precision, recall and F1 averaged over the classes that have examples (macro average); support is the total. */
    public ClassScore macroAverage(String label) {
        List<ClassScore> present = perClass.stream().filter(s -> s.support() > 0).toList();
        double precision = present.stream().mapToDouble(ClassScore::precision).average().orElse(0);
        double recall = present.stream().mapToDouble(ClassScore::recall).average().orElse(0);
        int support = perClass.stream().mapToInt(ClassScore::support).sum();
        return new ClassScore(label, precision, recall, macroF1(), support);
    }

    /** The report as a text table, like scikit-learn's classification_report. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("%10s %10s %10s %10s %10s%n", "class", "precision", "recall", "f1", "support"));
        for (ClassScore s : perClass) {
            b.append(String.format("%10s %10.4f %10.4f %10.4f %10d%n", s.label(), s.precision(), s.recall(), s.f1(), s.support()));
        }
        b.append(String.format("%nAccuracy: %.4f   macro F1: %.4f%n", accuracy, macroF1()));
        return b.toString();
    }
}
