package org.perceptrix.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.Shape;

/**
 * An immutable set of labelled examples held in memory: each example is an image of height × width × channels values,
 * stored row-major in one flat array, and a class label between 0 and {@code numClasses - 1}.
 */
public final class ExampleSet {

    /** A training part and a validation part of one example set; each example is in exactly one of them. */
    public record Split(ExampleSet train, ExampleSet validation) {
        public Split {
            Objects.requireNonNull(train);
            Objects.requireNonNull(validation);
        }
    }

    private final float[] features;
    private final int[] labels;
    private final int height;
    private final int width;
    private final int channels;
    private final int numClasses;
    private final List<String> classNames;

    // Takes the arrays as they are: every caller inside the package hands over arrays nobody else holds.
    private ExampleSet(float[] features, int[] labels, int height, int width, int channels, List<String> classNames) {
        if (height <= 0 || width <= 0 || channels <= 0) {
            throw new IllegalArgumentException("an example's height, width and channels must be positive, not "
                    + height + "×" + width + "×" + channels);
        }
        if (classNames.isEmpty()) throw new IllegalArgumentException("an example set needs at least one class");
        long featureCount = (long) height * width * channels;
        if ((long) labels.length * featureCount != features.length) {
            throw new IllegalArgumentException(labels.length + " labels of " + height + "×" + width + "×" + channels
                    + " values need " + labels.length * featureCount + " feature values, not " + features.length);
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classNames.size()) {
                throw new IllegalArgumentException("label " + labels[i] + " of example " + i + " is outside 0.."
                        + (classNames.size() - 1));
            }
        }
        this.features = features;
        this.labels = labels;
        this.height = height;
        this.width = width;
        this.channels = channels;
        this.numClasses = classNames.size();
        this.classNames = classNames;
    }

    /**
     * An example set over copies of the given arrays, with classes 0..max label named by their numbers ("0".."9" for
     * digits).
     */
    public static ExampleSet of(float[] features, int[] labels, int height, int width, int channels) {
        return of(features, labels, height, width, channels, numberedClasses(maxLabel(labels) + 1));
    }

    /** An example set over copies of the given arrays, with one class per name. */
    public static ExampleSet of(float[] features, int[] labels, int height, int width, int channels,
                                List<String> classNames) {
        return new ExampleSet(features.clone(), labels.clone(), height, width, channels, List.copyOf(classNames));
    }

    /** Takes ownership of the arrays without copying; the caller must not touch them afterwards. */
    static ExampleSet wrap(float[] features, int[] labels, int height, int width, int channels, int numClasses) {
        return new ExampleSet(features, labels, height, width, channels, numberedClasses(numClasses));
    }

    /** The names "0", "1", … for {@code count} classes. */
    static List<String> numberedClasses(int count) {
        List<String> names = new ArrayList<>(count);
        for (int c = 0; c < count; c++) names.add(Integer.toString(c));
        return List.copyOf(names);
    }

    static int maxLabel(int[] labels) {
        int max = -1;
        for (int label : labels) max = Math.max(max, label);
        return max;
    }

    /** The number of examples. */
    public int size() { return labels.length; }

    public boolean isEmpty() { return labels.length == 0; }

    /** Values per example: height × width × channels. */
    public int featureCount() { return height * width * channels; }

    public int height() { return height; }

    public int width() { return width; }

    public int channels() { return channels; }

    /** One example's shape as the network's input sees it. */
    public Shape.Image shape() { return new Shape.Image(height, width, channels); }

    /** What this data offers a network learning {@code target}. */
    public DataSignature signature(DataSignature.Target target) {
        return new DataSignature(featureCount(), numClasses, target);
    }

    /** The number of classes a classifier must tell apart; may exceed the labels present in a small subset. */
    public int numClasses() { return numClasses; }

    public List<String> classNames() { return classNames; }

    public String className(int label) { return classNames.get(label); }

    /**
     * All feature values, example after example ({@code size() × featureCount()}). This is the backing array, handed
     * out without copying so training can read it fast: it must not be modified.
     */
    public float[] features() { return features; }

    /** All labels, one per example. This is the backing array, handed out without copying: it must not be modified. */
    public int[] labels() { return labels; }

    /** A copy of example {@code i}'s feature values. */
    public float[] copyFeatures(int i) {
        checkIndex(i);
        int n = featureCount();
        return Arrays.copyOfRange(features, i * n, i * n + n);
    }

    public int label(int i) {
        checkIndex(i);
        return labels[i];
    }

    /** How many examples each class has, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[numClasses];
        for (int label : labels) counts[label]++;
        return counts;
    }

    /** The examples at {@code indices}, in that order (an index may repeat); shape and classes stay the same. */
    public ExampleSet subset(int[] indices) {
        int n = featureCount();
        float[] f = new float[Math.multiplyExact(indices.length, n)];
        int[] l = new int[indices.length];
        for (int k = 0; k < indices.length; k++) {
            int i = indices[k];
            if (i < 0 || i >= size()) {
                throw new IllegalArgumentException("index " + i + " is outside 0.." + (size() - 1));
            }
            System.arraycopy(features, i * n, f, k * n, n);
            l[k] = labels[i];
        }
        return new ExampleSet(f, l, height, width, channels, classNames);
    }

    /** The first {@code limit} examples (all of them when there are fewer), for quick runs. */
    public ExampleSet head(int limit) {
        if (limit < 0) throw new IllegalArgumentException("limit cannot be negative, not " + limit);
        if (limit >= size()) return this;
        return new ExampleSet(Arrays.copyOf(features, limit * featureCount()), Arrays.copyOf(labels, limit),
                height, width, channels, classNames);
    }

    /** The same examples in an order fixed by {@code seed}. */
    public ExampleSet shuffled(long seed) {
        return subset(permutation(size(), seed));
    }

    /**
     * Shuffles the examples with {@code seed} and holds out {@code validationFraction} of them (rounded) for
     * validation; the same seed always gives the same split. Both parts keep the shuffled order. A fraction of 0 gives
     * an empty validation set; a non-empty set always keeps at least one training example.
     */
    public Split split(double validationFraction, long seed) {
        SplitIndices indices = splitIndices(validationFraction, seed);
        return new Split(subset(indices.train()), subset(indices.validation()));
    }

    /**
     * Which examples {@link #split} puts in each part, in the same (shuffled) order, without copying any feature
     * values: training reads its mini-batches straight from this set through these indices.
     */
    public SplitIndices splitIndices(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1)) {
            throw new IllegalArgumentException("validation fraction must be at least 0 and below 1, not "
                    + validationFraction);
        }
        int[] order = permutation(size(), seed);
        int validationSize = (int) Math.round(size() * validationFraction);
        // Rounding a large fraction of a tiny set must not leave nothing to train on.
        validationSize = Math.min(validationSize, Math.max(0, size() - 1));
        int trainSize = size() - validationSize;
        return new SplitIndices(Arrays.copyOfRange(order, 0, trainSize), Arrays.copyOfRange(order, trainSize, size()));
    }

    /** Indices of a {@link #split}'s training and validation examples; each index is in exactly one of them. */
    public record SplitIndices(int[] train, int[] validation) {
        public SplitIndices {
            Objects.requireNonNull(train);
            Objects.requireNonNull(validation);
        }
    }

    /**
     * Splits the examples into {@code k} folds for cross-validation, shuffled with {@code seed}: split {@code f}
     * validates on fold {@code f} and trains on the others, so each example is validated exactly once. Fold sizes
     * differ by at most one.
     */
    public List<Split> folds(int k, long seed) {
        if (k < 2) throw new IllegalArgumentException("cross-validation needs at least 2 folds, not " + k);
        if (k > size()) {
            throw new IllegalArgumentException("cannot make " + k + " folds of " + size() + " examples");
        }
        int[] order = permutation(size(), seed);
        List<Split> splits = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int from = (int) ((long) f * size() / k);
            int to = (int) ((long) (f + 1) * size() / k);
            int[] train = new int[size() - (to - from)];
            System.arraycopy(order, 0, train, 0, from);
            System.arraycopy(order, to, train, from, size() - to);
            splits.add(new Split(subset(train), subset(Arrays.copyOfRange(order, from, to))));
        }
        return List.copyOf(splits);
    }

    /** The same examples with other feature values of the same layout (takes ownership); used by {@link FittedScaling}. */
    ExampleSet withFeatures(float[] newFeatures) {
        return new ExampleSet(newFeatures, labels, height, width, channels, classNames);
    }

    // java.util.Random's sequence is specified, so a seed gives the same order on every JVM and platform.
    private static int[] permutation(int n, long seed) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Random random = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private void checkIndex(int i) {
        if (i < 0 || i >= size()) {
            throw new IndexOutOfBoundsException("example " + i + " is outside 0.." + (size() - 1));
        }
    }

    @Override
    public String toString() {
        return "ExampleSet[" + size() + " × " + height + "×" + width + "×" + channels + ", " + numClasses + " classes]";
    }
}
