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
import org.perceptrix.data.DigitPreprocessor;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.NetworkInspector;
import org.perceptrix.export.StarterModel;
import org.perceptrix.io.Json;

/**
 * How long the drawing pad's "inside the network" view waits for one look inside the starter LeNet (every layer's
 * output and the saliency map): under 100 ms median, so it follows the pen at several updates a second.
 */
@Tag("bench")
class InspectLatencyBenchmarkTest {
    private static final int WARM_UP = 20;
    private static final int RUNS = 200;

    @Test
    void oneLookInsideTheStarterModelTakesUnder100Milliseconds() throws IOException {
        NetworkInspector inspector = new NetworkInspector(StarterModel.load().model());
        ExampleSet test = DataLoader.bundledMnist().test();
        DigitPreprocessor.Digit[] digits = new DigitPreprocessor.Digit[20];
        for (int i = 0; i < digits.length; i++) digits[i] = new DigitPreprocessor.Digit(test.copyFeatures(i), false);
        for (int i = 0; i < WARM_UP; i++) inspector.inspect(digits[i % digits.length]);
        long[] nanos = new long[RUNS];
        for (int i = 0; i < RUNS; i++) {
            long t0 = System.nanoTime();
            inspector.inspect(digits[i % digits.length]);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double median = nanos[RUNS / 2] / 1e6;
        ObjectNode o = Json.newObject();
        o.put("runs", RUNS).put("median_ms", median).put("p95_ms", nanos[(int) (RUNS * 0.95)] / 1e6);
        Path out = Path.of("target", "bench");
        Files.createDirectories(out);
        Files.writeString(out.resolve("inspect-latency-lenet.json"), Json.print(o));
        System.out.println("inspect-latency-lenet.json: " + Json.print(o).strip());
        assertThat(median).isLessThan(100.0);
    }
}
