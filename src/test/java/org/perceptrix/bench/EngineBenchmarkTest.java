package org.perceptrix.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.graph.LayerType.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.perceptrix.data.DataLoader;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.io.Json;
import org.perceptrix.project.Project;
import org.perceptrix.project.Templates;
import org.perceptrix.train.ThroughputBenchmark;
import org.perceptrix.train.TrainingJob;

/**
 * Issue 2's speed targets, as benchmarks rather than timed unit tests: {@code mvn verify -Pbench}. Each writes its
 * figures to {@code target/bench/} as JSON.
 */
@Tag("bench")
class EngineBenchmarkTest {
    private static final Path OUT = Path.of("target", "bench");

    @ParameterizedTest(name = "{0}: the app's training loop is within 5% of a bare DL4J fit loop")
    @ValueSource(strings = {"mlp", "lenet"})
    void appTrainingLoopAddsNoOverhead(String template) throws IOException {
        Project p = Templates.load(template);
        TrainingJob job = new TrainingJob(p.name(), p.graph(), DataLoader.bundledMnist().train(), p.scaling(),
                p.data().target(), p.training());

        ThroughputBenchmark.Result r = ThroughputBenchmark.measure(job, template.equals("mlp") ? 140 : 40, 5);

        ObjectNode o = Json.newObject();
        o.put("template", template).put("batch_size", r.batchSize()).put("batches", r.batches())
                .put("examples_per_s", r.sessionExamplesPerSecond())
                .put("bare_dl4j_examples_per_s", r.bareExamplesPerSecond()).put("ratio", r.ratio())
                .put("session_runs", r.sessionRuns().toString()).put("bare_runs", r.bareRuns().toString());
        write("training-loop-" + template + ".json", o);
        assertThat(r.ratio()).isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void validatingA500NodeGraphTakesUnder5Milliseconds() throws IOException {
        NetworkGraph g = largeGraph(500, new Random(7));
        for (int i = 0; i < 200; i++) ShapeInference.analyze(g); // warm up the JIT
        long[] nanos = new long[500];
        GraphAnalysis last = null;
        for (int i = 0; i < nanos.length; i++) {
            long t0 = System.nanoTime();
            last = ShapeInference.analyze(g);
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        double medianMs = nanos[nanos.length / 2] / 1e6;
        double p95Ms = nanos[(int) (nanos.length * 0.95)] / 1e6;

        ObjectNode o = Json.newObject();
        o.put("nodes", g.size()).put("edges", g.edges().size()).put("median_ms", medianMs).put("p95_ms", p95Ms)
                .put("valid", last.isValid());
        write("validate-500-nodes.json", o);
        assertThat(last.isValid()).isTrue();
        assertThat(medianMs).isLessThan(5.0);
    }

    /** A valid graph of {@code n} nodes: a chain of dense blocks with residual Adds and branch Concatenates. */
    static NetworkGraph largeGraph(int n, Random random) {
        NetworkGraph g = new NetworkGraph();
        LayerNode input = g.addNode(VECTOR_INPUT, 0, 0);
        g.setProperty(input.id(), "size", 64);
        LayerNode first = g.addNode(DENSE, 1, 0);
        g.setProperty(first.id(), "units", 32);
        g.connect(input.id(), first.id());
        String last = first.id();
        while (g.size() < n - 4) {
            LayerNode a = g.addNode(DENSE, 0, 0);
            g.setProperty(a.id(), "units", 32);
            g.connect(last, a.id());
            LayerNode act = g.addNode(random.nextBoolean() ? ACTIVATION : DROPOUT, 0, 0);
            g.connect(a.id(), act.id());
            LayerNode add = g.addNode(LayerType.ADD, 0, 0);
            g.connect(act.id(), add.id());
            g.connect(last, add.id());
            last = add.id();
        }
        while (g.size() < n - 1) {
            LayerNode d = g.addNode(DENSE, 0, 0);
            g.connect(last, d.id());
            last = d.id();
        }
        LayerNode out = g.addNode(OUTPUT, 0, 0);
        g.connect(last, out.id());
        return g;
    }

    private static void write(String name, ObjectNode o) throws IOException {
        Files.createDirectories(OUT);
        Files.writeString(OUT.resolve(name), Json.print(o));
        System.out.println(name + ": " + Json.print(o).strip());
    }
}
