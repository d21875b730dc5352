package org.perceptrix.train;

import org.perceptrix.compile.TrainingSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.perceptrix.compile.CompiledNetwork;
import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.FittedScaling;
import org.perceptrix.graph.DataSignature;

/**
 * Measures training throughput of the app's own loop ({@link TrainingSession}) and of a bare DL4J {@code fit} loop
 * over pre-built batches of the same network, alternating the two so that machine noise hits both alike.
 */
public final class ThroughputBenchmark {
    private static final int WARM_UP_BATCHES = 5;

    /** Median examples per second of each loop, and every repetition's figure. */
    public record Result(int batchSize, int batches, double sessionExamplesPerSecond, double bareExamplesPerSecond,
                         List<Double> sessionRuns, List<Double> bareRuns) {
        /** The app's loop relative to the bare loop (1.0 = no overhead). */
        public double ratio() { return sessionExamplesPerSecond / bareExamplesPerSecond; }
    }

    private ThroughputBenchmark() {
    }

    public static Result measure(TrainingJob job, int batches, int repetitions) {
        TrainingSettings s = job.settings();
        TrainingSettings oneEpoch = new TrainingSettings(s.optimizer(), s.learningRate(), s.momentum(), s.batchSize(), 1,
                s.l1(), s.l2(), s.dropout(), s.weightInit(), s.seed(), 0, 0, s.schedule(), s.decayRate(), s.decayEpochs());
        ExampleSet examples = job.examples().head(batches * s.batchSize());
        TrainingJob timed = job.withSettings(oneEpoch).withExamples(examples);
        session(job.withSettings(oneEpoch).withExamples(examples.head(WARM_UP_BATCHES * s.batchSize())));
        List<Double> sessionRuns = new ArrayList<>();
        List<Double> bareRuns = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            sessionRuns.add(session(timed));
            bareRuns.add(bare(timed));
        }
        return new Result(s.batchSize(), batches, median(sessionRuns), median(bareRuns), sessionRuns, bareRuns);
    }

    private static double session(TrainingJob job) {
        TrainingResult r = new TrainingSession(job, e -> { }).run();
        if (!r.succeeded()) throw new IllegalStateException(r.message());
        return r.epochs().get(0).examplesPerSecond();
    }

    /** The reference: DL4J's fit on ready-made DataSets, no shuffling, copying, listeners or checks. */
    private static double bare(TrainingJob job) {
        TrainingSettings s = job.settings();
        FittedScaling scaling = FittedScaling.fit(job.scaling(), job.examples());
        ExampleSet data = scaling.apply(job.examples());
        CompiledNetwork compiled = GraphCompiler.compile(job.graph(), s);
        Nd4j.getRandom().setSeed(s.seed());
        ComputationGraph net = compiled.newNetwork();
        List<DataSet> batches = new ArrayList<>();
        int f = data.featureCount();
        int classes = data.numClasses();
        for (int from = 0; from < data.size(); from += s.batchSize()) {
            int count = Math.min(s.batchSize(), data.size() - from);
            float[] x = Arrays.copyOfRange(data.features(), from * f, (from + count) * f);
            float[] y;
            if (job.target() == DataSignature.Target.LABELS) {
                y = new float[count * classes];
                for (int i = 0; i < count; i++) y[i * classes + data.label(from + i)] = 1f;
                batches.add(new DataSet(compiled.inputLayout().wrap(x, count), Nd4j.create(y, new long[] {count, classes}, 'c')));
            } else {
                batches.add(new DataSet(compiled.inputLayout().wrap(x, count), Nd4j.create(x, new long[] {count, f}, 'c')));
            }
        }
        for (int i = 0; i < Math.min(WARM_UP_BATCHES, batches.size()); i++) net.fit(batches.get(i));
        long t0 = System.nanoTime();
        int seen = 0;
        for (DataSet b : batches) {
            net.fit(b);
            seen += b.numExamples();
        }
        return seen / ((System.nanoTime() - t0) / 1e9);
    }

    private static double median(List<Double> values) {
        return median(values.stream().mapToDouble(Double::doubleValue));
    }

    /** The median of {@code values}, NaN when there are none: what every benchmark reports over its repetitions. */
    public static double median(java.util.stream.DoubleStream values) {
        double[] v = values.sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    /** The system's load average as {@code /proc/loadavg} gives it (else the JVM's 1-minute figure), for reports. */
    public static String loadAverage() {
        try {
            return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim();
        } catch (java.io.IOException | RuntimeException e) {
            return String.valueOf(java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        }
    }
}
