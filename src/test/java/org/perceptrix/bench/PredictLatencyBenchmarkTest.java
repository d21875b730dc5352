package org.perceptrix.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DigitPictures.Raster;
import org.perceptrix.data.DigitPreprocessor;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.DigitClassifier;
import org.perceptrix.export.StarterModel;
import org.perceptrix.io.Json;

/**
 * Issue 5's latency target as a benchmark ({@code mvn verify -Pbench}): from the end of a stroke (the pad's raw
 * raster) to updated probabilities, through {@link DigitClassifier} with the starter LeNet, under 10 ms median.
 */
@Tag("bench")
class PredictLatencyBenchmarkTest {
    private static final Path OUT = Path.of("target", "bench");
    private static final int PAD = 280; // a drawing pad of 280×280 pixels, ten per MNIST pixel
    private static final int WARM_UP = 200;
    private static final int RUNS = 1000;

    @Test
    void fromAStrokeToProbabilitiesTakesUnder10Milliseconds() throws IOException {
        DigitClassifier classifier = new DigitClassifier(StarterModel.load().model());
        ExampleSet test = DataLoader.bundledMnist().test();
        // Pad rasters as the pad keeps them: dark strokes on white, smooth edges.
        float[][] pads = new float[20][];
        for (int i = 0; i < pads.length; i++) {
            pads[i] = Raster.digit(test.copyFeatures(i)).scaledSmoothly(PAD / 28.0).inverted().values();
        }
        for (int i = 0; i < WARM_UP; i++) classifier.classifyGrey(pads[i % pads.length], PAD, PAD);

        long[] total = new long[RUNS];
        long[] preprocessing = new long[RUNS];
        int correct = 0;
        for (int i = 0; i < RUNS; i++) {
            float[] pad = pads[i % pads.length];
            long t0 = System.nanoTime();
            DigitPreprocessor.Digit digit = DigitPreprocessor.fromGrey(pad, PAD, PAD);
            long t1 = System.nanoTime();
            DigitClassifier.Prediction p = classifier.classify(digit);
            long t2 = System.nanoTime();
            preprocessing[i] = t1 - t0;
            total[i] = t2 - t0;
            if (p.best() == test.label(i % pads.length)) correct++;
        }

        double median = percentile(total, 0.5);
        ObjectNode o = Json.newObject();
        o.put("pad_pixels", PAD + "×" + PAD).put("runs", RUNS).put("median_ms", median)
                .put("p95_ms", percentile(total, 0.95)).put("preprocess_median_ms", percentile(preprocessing, 0.5))
                .put("correct", correct / (double) RUNS);
        write("predict-latency-lenet.json", o);
        assertThat(median).isLessThan(10.0);
    }

    private static double percentile(long[] nanos, double q) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(q * sorted.length))] / 1e6;
    }

    private static void write(String name, ObjectNode o) throws IOException {
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(name), Json.print(o));
        System.out.println(name + ": " + Json.print(o).strip());
    }
}
