package org.perceptrix.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.profiler.OpProfiler;
import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.evaluate.PeerComparison;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.io.Json;
import org.perceptrix.train.FastAdam;
import org.perceptrix.train.NativeSetup;

/**
 * Where one training step of issue 6's MLP 784-256-10 (batch 64, Adam) goes, for docs/performance.md: the whole
 * {@code fit} (with DL4J's Adam op and with {@link FastAdam}), its gradient part, the forward pass alone, and, at the
 * same shapes, the three big matrix products and DL4J's Adam op on their own; plus how many native ops one step
 * issues. Figures go to {@code target/bench/mlp-step.json}.
 * {@code mvn -B verify -Pbench -Dtest=MlpStepBreakdownBenchmarkTest -Dsurefire.failIfNoSpecifiedTests=false}
 */
@Tag("bench")
class MlpStepBreakdownBenchmarkTest {
    private static final int BATCH = 64;
    private static final int ROUNDS = 5;
    private static final int CALLS = 200;

    @Test
    void anMlpTrainingStepIsMostlyNotItsMatrixProducts() throws IOException {
        NativeSetup.apply();
        NetworkGraph graph = PeerComparison.network("mlp");
        ComputationGraph net = GraphCompiler.compile(graph,
                ShapeInference.analyze(graph, new DataSignature(784, 10, DataSignature.Target.LABELS)),
                PeerComparison.settings()).newNetwork();
        Nd4j.getRandom().setSeed(42);
        INDArray x = Nd4j.rand(DataType.FLOAT, BATCH, 784); // 'c', as TrainingSession's batches
        INDArray y = Nd4j.zeros(DataType.FLOAT, BATCH, 10);
        for (int i = 0; i < BATCH; i++) y.putScalar(i, i % 10, 1);
        DataSet batch = new DataSet(x, y);

        double fit = microseconds(() -> {
            net.fit(batch);
            net.score();
        });
        ComputationGraph withFastAdam = GraphCompiler.compile(graph,
                ShapeInference.analyze(graph, new DataSignature(784, 10, DataSignature.Target.LABELS)),
                PeerComparison.settings()).newNetwork();
        assertThat(FastAdam.install(withFastAdam)).isEqualTo(1);
        double fitFastAdam = microseconds(() -> {
            withFastAdam.fit(batch);
            withFastAdam.score();
        });
        net.setInputs(x);
        net.setLabels(y);
        double gradient = microseconds(net::computeGradientAndScore);
        double forward = microseconds(() -> net.outputSingle(true, x));

        INDArray w = java.util.Arrays.stream(net.getLayers()).map(l -> l.getParam("W"))
                .filter(p -> p.size(0) == 784).findFirst().orElseThrow();
        INDArray delta = Nd4j.rand(DataType.FLOAT, BATCH, 256).dup('f');
        INDArray z = Nd4j.createUninitialized(DataType.FLOAT, new long[] {BATCH, 256}, 'f');
        INDArray wGrad = Nd4j.createUninitialized(DataType.FLOAT, new long[] {784, 256}, 'f');
        INDArray eps = Nd4j.createUninitialized(DataType.FLOAT, new long[] {784, BATCH}, 'f');
        double products = microseconds(() -> {
            x.mmuli(w, z); // as BaseLayer's forward
            Nd4j.gemm(x, delta, wGrad, true, false, 1.0, 0.0); // the weight gradient
            w.mmuli(delta.transpose(), eps); // the input gradient
        });
        long n = net.numParams();
        INDArray g0 = Nd4j.rand(DataType.FLOAT, 1, n).subi(0.5).muli(0.01);
        INDArray g = g0.dup();
        GradientUpdater<?> adam = new Adam(0.001).instantiate(Nd4j.zeros(DataType.FLOAT, 1, 2 * n), true);
        int[] t = {0};
        double copy = microseconds(() -> g.assign(g0));
        double adamOp = microseconds(() -> {
            g.assign(g0);
            adam.applyUpdater(g, t[0]++, 0);
        }) - copy;

        OpExecutioner executioner = Nd4j.getExecutioner();
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        int steps = 20;
        for (int i = 0; i < steps; i++) net.fit(batch);
        long ops = OpProfiler.getInstance().getInvocationsCount() / steps;
        executioner.setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);

        ObjectNode o = Json.newObject();
        o.put("params", n).put("fit_us", fit).put("fit_with_fast_adam_us", fitFastAdam).put("gradient_us", gradient)
                .put("forward_us", forward)
                .put("three_products_us", products).put("adam_op_us", adamOp).put("native_ops_per_step", ops)
                .put("load", org.perceptrix.train.ThroughputBenchmark.loadAverage());
        Files.createDirectories(Path.of("target", "bench"));
        Files.writeString(Path.of("target", "bench", "mlp-step.json"), Json.print(o));
        System.out.println("mlp-step: " + Json.print(o).strip());
        assertThat(n).isEqualTo(784 * 256 + 256 + 256 * 10 + 10);
        assertThat(ops).as("native ops per step").isGreaterThan(10);
        // the finding docs/performance.md records: the big products are a minority of the step
        assertThat(products).as("the three big products against the whole step, µs").isLessThan(fit / 2);
    }

    /** Median over {@link #ROUNDS} rounds of the mean time of {@link #CALLS} calls, after a warm-up. */
    private static double microseconds(Runnable r) {
        for (int i = 0; i < CALLS / 2; i++) r.run();
        double[] rounds = new double[ROUNDS];
        for (int k = 0; k < ROUNDS; k++) {
            long start = System.nanoTime();
            for (int i = 0; i < CALLS; i++) r.run();
            rounds[k] = (System.nanoTime() - start) / 1e3 / CALLS;
        }
        Arrays.sort(rounds);
        return rounds[ROUNDS / 2];
    }
}
