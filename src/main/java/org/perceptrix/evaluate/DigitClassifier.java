package org.perceptrix.evaluate;

import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.perceptrix.data.DigitPreprocessor;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.Shape;
import org.perceptrix.train.TrainedModel;

/**
 * A trained classifier of 28×28 digits asked about a picture: the picture goes through {@link DigitPreprocessor}
 * (the same for the drawing pad and the {@code predict} command) and then through the network.
 */
public final class DigitClassifier {
    private static final int PIXELS = DigitPreprocessor.SIZE * DigitPreprocessor.SIZE;

    private final TrainedModel model;

    /** One class and the model's probability for it. */
    public record ClassProbability(String label, float probability) {
    }

    /** What the model says about one picture, with the 28×28 digit it actually saw. */
    public record Prediction(DigitPreprocessor.Digit digit, float[] probabilities, List<String> classNames) {
        public Prediction {
            Objects.requireNonNull(digit);
            classNames = List.copyOf(classNames);
            if (probabilities.length != classNames.size()) {
                throw new IllegalArgumentException(probabilities.length + " probabilities for "
                        + classNames.size() + " classes");
            }
        }

        /** The {@code k} most likely classes, most likely first (ties keep class order). */
        public List<ClassProbability> top(int k) {
            List<ClassProbability> all = new ArrayList<>(probabilities.length);
            for (int c = 0; c < probabilities.length; c++) all.add(new ClassProbability(classNames.get(c), probabilities[c]));
            all.sort(Comparator.comparingDouble(ClassProbability::probability).reversed());
            return List.copyOf(all.subList(0, Math.min(k, all.size())));
        }

        /** Index of the most likely class. */
        public int best() {
            return Evaluator.argMax(probabilities, 0, probabilities.length);
        }
    }

    /**
     * @throws IllegalArgumentException when the model cannot read digits; the message is {@link #unsuitable}'s
     */
    public DigitClassifier(TrainedModel model) {
        Optional<String> problem = unsuitable(model);
        if (problem.isPresent()) throw new IllegalArgumentException(problem.get());
        this.model = model;
    }

    /**
     * Why {@code model} cannot classify 28×28 digits, if it cannot: it must output classes and take 784 pixels as a
     * 28×28 image, a 784-vector or 28 rows of 28 (a sequence model reading row by row).
     */
    public static Optional<String> unsuitable(TrainedModel model) {
        if (model.target() != DataSignature.Target.LABELS) {
            return Optional.of("the model is not a classifier (it reconstructs its input)");
        }
        Shape shape = model.input().shape();
        boolean digits = shape.equals(new Shape.Image(DigitPreprocessor.SIZE, DigitPreprocessor.SIZE, 1))
                || shape.equals(new Shape.Vector(PIXELS))
                || shape.equals(new Shape.Sequence(DigitPreprocessor.SIZE, DigitPreprocessor.SIZE));
        if (!digits) {
            return Optional.of("the model does not take 28×28 grey images (its input is " + shape.display() + ")");
        }
        if (model.classNames().size() != model.outputCount()) {
            return Optional.of("the model has " + model.outputCount() + " outputs but " + model.classNames().size()
                    + " class names");
        }
        return Optional.empty();
    }

    public TrainedModel model() { return model; }

    /** Classifies a picture of a digit of any size, kind and polarity. */
    public Prediction classify(BufferedImage image) {
        return classify(DigitPreprocessor.fromImage(image));
    }

    /** Classifies a grey raster (0 black .. 255 white, either polarity), e.g. the drawing pad. */
    public Prediction classifyGrey(float[] grey, int width, int height) {
        return classify(DigitPreprocessor.fromGrey(grey, width, height));
    }

    /** Classifies a digit already prepared. */
    public Prediction classify(DigitPreprocessor.Digit digit) {
        float[] out = model.predict(digit.pixels());
        return new Prediction(digit, out, model.classNames());
    }
}
