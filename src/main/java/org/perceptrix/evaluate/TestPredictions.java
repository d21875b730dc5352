package org.perceptrix.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.DigitClassifier.ClassProbability;

/**
 * A classifier's class probabilities for every example of its test set, with the classification report they give:
 * the examples can be picked by true and predicted class (a cell of the confusion matrix), mistakes first by how
 * sure the classifier was.
 */
public final class TestPredictions implements TestResults {

    /** Which examples to show; {@link #ANY} for no condition on a class. */
    public record Filter(int actual, int predicted, boolean mistakesOnly) {
        public static final int ANY = -1;

        /** Every example. */
        public static Filter all() { return new Filter(ANY, ANY, false); }

        /** Every misclassified example. */
        public static Filter mistakes() { return new Filter(ANY, ANY, true); }

        /** Exactly the examples counted in the confusion matrix's cell (actual, predicted). */
        public static Filter cell(int actual, int predicted) { return new Filter(actual, predicted, false); }

        boolean accepts(int a, int p) {
            return (actual == ANY || actual == a) && (predicted == ANY || predicted == p) && !(mistakesOnly && a == p);
        }
    }

    private final ExampleSet test;
    private final float[] probabilities;
    private final int classes;
    private final int[] predicted;
    private final ClassificationReport report;

    private TestPredictions(ExampleSet test, float[] probabilities, List<String> classNames) {
        this.test = test;
        this.probabilities = probabilities;
        this.classes = classNames.size();
        this.predicted = new int[test.size()];
        for (int i = 0; i < predicted.length; i++) predicted[i] = Evaluator.argMax(probabilities, i * classes, classes);
        this.report = ClassificationReport.of(test.labels(), predicted, classNames);
    }

    /**
     * Predictions from a classifier's outputs, row-major (one row of {@code classNames.size()} probabilities per
     * example of {@code test}); takes the array as it is.
     */
    public static TestPredictions of(ExampleSet test, float[] probabilities, List<String> classNames) {
        if ((long) test.size() * classNames.size() != probabilities.length) {
            throw new IllegalArgumentException(probabilities.length + " outputs do not make " + test.size()
                    + " rows of " + classNames.size() + " class probabilities");
        }
        return new TestPredictions(test, probabilities, classNames);
    }

    @Override
    public ExampleSet test() { return test; }

    /** Accuracy, confusion matrix and per-class scores over the whole test set. */
    public ClassificationReport report() { return report; }

    public int size() { return predicted.length; }

    public int actual(int i) { return test.label(i); }

    public int predicted(int i) { return predicted[i]; }

    /** The probability the classifier gave its own answer for example {@code i}. */
    public float confidence(int i) { return probabilities[i * classes + predicted[i]]; }

    /** The {@code n} most likely classes for example {@code i}, most likely first. */
    public List<ClassProbability> top(int i, int n) {
        List<ClassProbability> all = new ArrayList<>(classes);
        for (int c = 0; c < classes; c++) {
            all.add(new ClassProbability(report.classNames().get(c), probabilities[i * classes + c]));
        }
        all.sort(Comparator.comparingDouble(ClassProbability::probability).reversed());
        return List.copyOf(all.subList(0, Math.min(n, classes)));
    }

    /** The indices of the examples {@code filter} accepts, the most confident first (ties in test-set order). */
    public int[] select(Filter filter) {
        return IntStream.range(0, size()).filter(i -> filter.accepts(actual(i), predicted[i])).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> confidence(i)).reversed())
                .mapToInt(Integer::intValue).toArray();
    }
}
