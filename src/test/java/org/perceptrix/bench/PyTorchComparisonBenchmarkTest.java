package org.perceptrix.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perceptrix.evaluate.PeerComparison;
import org.perceptrix.io.Json;

/**
 * Issue 6's acceptance, as a benchmark ({@code mvn verify -Pbench}): the plain LeNet and the MLP 784-256-10 train at
 * least as fast as in PyTorch on the same data, batch and optimizer (medians of 3 alternating repetitions), learn as
 * well, and one image is predicted in under 2 ms. Skipped without {@code /usr/bin/python3} and torch; figures go to
 * {@code target/bench/pytorch-*.json}. See docs/performance.md for where this stands.
 */
@Tag("bench")
class PyTorchComparisonBenchmarkTest {
    @ParameterizedTest(name = "{0}: at least as fast as PyTorch, as accurate, one image under 2 ms")
    @ValueSource(strings = {"lenet", "mlp"})
    void perceptrixKeepsUpWithPyTorch(String model) throws IOException {
        assumeThat(Files.isExecutable(Path.of("/usr/bin/python3"))).isTrue();
        PeerComparison.Result r = PeerComparison.compare(model, 3, Optional.of("/usr/bin/python3"));
        assumeThat(r.peerError()).as("PyTorch is installed (apt-get install python3-torch libopenblas0-pthread)").isEmpty();
        ObjectNode o = Json.newObject();
        o.put("model", model).put("perceptrix_examples_per_s", r.examplesPerSecond())
                .put("pytorch_examples_per_s", r.peerExamplesPerSecond()).put("ratio", r.ratio())
                .put("perceptrix_accuracy", r.accuracy()).put("pytorch_accuracy", r.peerAccuracy())
                .put("perceptrix_single_image_ms", r.singleImageMillis()).put("pytorch_blas", r.peerBlas());
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "pytorch-" + model + ".json"), Json.print(o));
        System.out.println("pytorch-" + model + ": " + Json.print(o).strip());
        assertThat(r.accuracyMatches()).as("accuracy after one epoch").isTrue();
        assertThat(r.singleImageMillis()).as("one image, ms").isLessThan(2.0);
        assertThat(r.ratio()).as("Perceptrix examples/s over PyTorch's").isGreaterThanOrEqualTo(1.0);
    }
}
