package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.updater.BaseMultiLayerUpdater;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.evaluate.PeerComparison;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.ShapeInference;

class FastAdamTest {
    private static final int STEPS = 6;

    @Test
    void trainsTheMlpExactlyAsDl4jsAdam() throws Exception {
        NetworkGraph graph = PeerComparison.network("mlp");
        compareWithDl4j(graph, 784, PeerComparison.settings(), true);
    }

    @Test
    void trainsAConvolutionalNetworkWithALearningRateScheduleAsDl4jsAdam() throws Exception {
        NetworkGraph g = new NetworkGraph();
        LayerNode in = g.addNode("in", LayerType.IMAGE_INPUT, "input", 0, 0);
        g.setProperty(in.id(), "height", 8);
        g.setProperty(in.id(), "width", 8);
        g.setProperty(in.id(), "channels", 1);
        LayerNode conv = g.addNode("conv", LayerType.CONV2D, "conv", 0, 0);
        g.setProperty(conv.id(), "filters", 3);
        g.setProperty(conv.id(), "kernel", 3);
        LayerNode out = g.addNode("out", LayerType.OUTPUT, "output", 0, 0);
        g.setProperty(out.id(), "units", 10);
        g.setProperty(out.id(), "loss", "softmax_cross_entropy");
        g.connect(in.id(), conv.id());
        g.connect(conv.id(), out.id());
        TrainingSettings s = PeerComparison.settings();
        TrainingSettings cosine = new TrainingSettings(Optimizer.ADAM, 0.01, 0.9, 16, 3, 0, 0, 0, s.weightInit(), 7,
                0, 0, org.perceptrix.compile.LearningRateSchedule.COSINE, 0.5, 2);
        compareWithDl4j(g, 64, cosine, true);
    }

    @Test
    void withL2AndAnOddBatchSizeFallsBackToDl4jsUpdaterPathWithTheSameResults() throws Exception {
        NetworkGraph graph = PeerComparison.network("mlp");
        TrainingSettings s = PeerComparison.settings();
        TrainingSettings l2 = new TrainingSettings(Optimizer.ADAM, 0.001, 0.9, 24, 1, 0, 1e-3, 0, s.weightInit(), 11,
                0, 0, s.schedule(), 0.5, 2);
        compareWithDl4j(graph, 784, l2, false);
        TrainingSettings odd = new TrainingSettings(Optimizer.ADAM, 0.001, 0.9, 24, 1, 0, 0, 0, s.weightInit(), 11,
                0, 0, s.schedule(), 0.5, 2);
        compareWithDl4j(graph, 784, odd, true);
    }

    @Test
    void theFusedStepMeasuresTheUpdateRatioAsACopyOfTheParametersWould() {
        NetworkGraph graph = PeerComparison.network("mlp");
        ComputationGraph net = network(graph, 784, PeerComparison.settings());
        FastAdam.install(net);
        FusedAdamUpdater fused = (FusedAdamUpdater) net.getUpdater();
        Nd4j.getRandom().setSeed(5);
        for (int step = 0; step < 3; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, 64, 784);
            INDArray y = Nd4j.zeros(DataType.FLOAT, 64, 10);
            for (int i = 0; i < 64; i++) y.putScalar(i, (i + step) % 10, 1);
            INDArray before = net.params().dup();
            assertThat(fused.measureNextStep()).isTrue();
            net.fit(new DataSet(x, y));
            double expected = before.sub(net.params()).norm2Number().doubleValue() / before.norm2Number().doubleValue();
            assertThat(fused.measuredRatio()).isCloseTo(expected, org.assertj.core.data.Percentage.withPercentage(0.1));
            assertThat(expected).isGreaterThan(0);
        }
        net.fit(new DataSet(Nd4j.rand(DataType.FLOAT, 64, 784), Nd4j.zeros(DataType.FLOAT, 64, 10)));
        assertThat(fused.measuredRatio()).as("only the step that asked is measured").isNaN();
    }

    /** A trained model's updater state (saved with it, read to continue training) is the one FastAdam kept. */
    @Test
    void aTrainingSessionLeavesTheUpdaterStateInDl4jsArrays() {
        TrainingJob job = new TrainingJob("mlp", PeerComparison.network("mlp"),
                org.perceptrix.data.DataLoader.bundledMnist().train().head(256), org.perceptrix.data.Scaling.MIN_MAX,
                DataSignature.Target.LABELS, PeerComparison.settings());
        ComputationGraph net = new TrainingSession(job, e -> { }).run().model().orElseThrow().network();
        INDArray state = net.getUpdater().getStateViewArray().dup();
        assertThat(state.amaxNumber().doubleValue()).as("Adam's m and v after 4 steps").isGreaterThan(0);
        FastAdam.flush(net);
        assertThat(maxDifference(net.getUpdater().getStateViewArray(), state)).as("already written back").isZero();
    }

    @Test
    void leavesOtherOptimizersAloneAndHonoursTheKillSwitch() {
        NetworkGraph graph = PeerComparison.network("mlp");
        TrainingSettings s = PeerComparison.settings();
        TrainingSettings sgd = new TrainingSettings(Optimizer.SGD, 0.01, 0.9, 64, 1, 0, 0, 0, s.weightInit(), 42, 0, 0,
                s.schedule(), 0.5, 2);
        assertThat(FastAdam.install(network(graph, 784, sgd))).isZero();
        System.setProperty(FastAdam.PROPERTY, "false");
        try {
            assertThat(FastAdam.enabled()).isFalse();
            assertThat(FastAdam.install(network(graph, 784, s))).isZero();
        } finally {
            System.clearProperty(FastAdam.PROPERTY);
        }
        assertThat(FastAdam.install(network(graph, 784, s))).isEqualTo(1);
    }

    /** Two identical networks, one with DL4J's Adam and one with FastAdam: the same parameters, state and loss. */
    private static void compareWithDl4j(NetworkGraph graph, int features, TrainingSettings s, boolean fused) throws Exception {
        ComputationGraph dl4j = network(graph, features, s);
        ComputationGraph fast = network(graph, features, s);
        assertThat(fast.params()).isEqualTo(dl4j.params());
        assertThat(FastAdam.install(fast)).isEqualTo(1);
        Nd4j.getRandom().setSeed(3);
        int batch = s.batchSize();
        for (int step = 0; step < STEPS; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, features);
            INDArray y = Nd4j.zeros(DataType.FLOAT, batch, 10);
            for (int i = 0; i < batch; i++) y.putScalar(i, (i * 7 + step) % 10, 1);
            DataSet d = new DataSet(x, y);
            dl4j.fit(d);
            fast.fit(d);
            assertThat(fast.score()).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-4));
            if (step == 2) { // an epoch boundary, so that the schedule moves
                dl4j.incrementEpochCount();
                fast.incrementEpochCount();
            }
        }
        assertThat(maxDifference(fast.params(), dl4j.params())).isLessThan(1e-4);
        // FastAdam keeps m and v in Java between steps; TrainingSession writes them back after every epoch and run
        FastAdam.flush(fast);
        INDArray fastState = fast.getUpdater().getStateViewArray();
        INDArray dl4jState = dl4j.getUpdater().getStateViewArray();
        assertThat(maxDifference(fastState, dl4jState)).isLessThan(1e-4);
        assertThat(dl4j.params().sub(network(graph, features, s).params()).amaxNumber().doubleValue())
                .as("training moved the parameters").isGreaterThan(1e-4);
        assertThat(((BaseMultiLayerUpdater<?>) fast.getUpdater()).getUpdaterBlocks().get(0).getGradientUpdater())
                .isInstanceOf(FastAdam.class);
        // without regularisation, every step took the fused path (division, Adam and parameter step in one pass)
        assertThat(fast.getUpdater()).isInstanceOf(FusedAdamUpdater.class);
        assertThat(((FusedAdamUpdater) fast.getUpdater()).fusedSteps).isEqualTo(fused ? STEPS : 0);
        // the configuration and saved form are DL4J's: the model saves and loads with its updater state
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        ModelSerializer.writeModel(fast, bytes, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(
                new java.io.ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(loaded.getConfiguration().toJson()).isEqualTo(dl4j.getConfiguration().toJson());
        assertThat(maxDifference(loaded.getUpdater().getStateViewArray(), fastState)).isZero();
    }

    private static ComputationGraph network(NetworkGraph graph, int features, TrainingSettings s) {
        Nd4j.getRandom().setSeed(s.seed());
        return GraphCompiler.compile(graph, ShapeInference.analyze(graph,
                new DataSignature(features, 10, DataSignature.Target.LABELS)), s).newNetwork();
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }
}
