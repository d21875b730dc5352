package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.evaluate.PeerComparison;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.graph.ShapeInference;

/** The fast dense and softmax-output layers give DL4J's own results: outputs, losses, gradients and trained weights. */
class FastLayersTest {

    @Test
    void directGemmMatchesNd4jsProductForEveryLayoutAndTranspose() {
        Nd4j.getRandom().setSeed(1);
        for (boolean oneDnn : new boolean[] {false, true}) // OpenBLAS's product and oneDNN's
        for (char ao : new char[] {'c', 'f'}) {
            for (char bo : new char[] {'c', 'f'}) {
                for (char co : new char[] {'c', 'f'}) {
                    for (boolean ta : new boolean[] {false, true}) {
                        for (boolean tb : new boolean[] {false, true}) {
                            INDArray a = Nd4j.rand(DataType.FLOAT, ta ? new long[] {7, 5} : new long[] {5, 7}).dup(ao);
                            INDArray b = Nd4j.rand(DataType.FLOAT, tb ? new long[] {3, 7} : new long[] {7, 3}).dup(bo);
                            // c is a view inside a larger array, like a layer's gradient in the network's flat gradient
                            INDArray flat = Nd4j.zeros(DataType.FLOAT, 1, 40);
                            INDArray c = flat.get(NDArrayIndex.point(0), NDArrayIndex.interval(4, 19)).reshape(co, 5, 3);
                            NativeMatrix.gemm(a, ta, b, tb, c, 0f, oneDnn);
                            INDArray expected = (ta ? a.transpose() : a).mmul(tb ? b.transpose() : b);
                            assertThat(maxDifference(c, expected)).as("%s%s %s%s → %s (oneDNN: %s)", ao, ta, bo, tb, co, oneDnn)
                                    .isLessThan(1e-5);
                            assertThat(flat.getFloat(0, 3)).isZero();
                            assertThat(flat.getFloat(0, 19)).isZero();
                        }
                    }
                }
            }
        }
    }

    @Test
    void theMlpTrainsExactlyAsWithDl4jsLayers() throws Exception {
        NetworkGraph graph = PeerComparison.network("mlp");
        TrainingSettings s = PeerComparison.settings();
        ComputationGraph dl4j = compiled(graph, 784, s);
        ComputationGraph fast = compiled(graph, 784, s);
        assertThat(FastLayers.install(fast)).isEqualTo(2);
        assertThat(fast.getLayers()).hasAtLeastOneElementOfType(FastDenseLayer.class)
                .hasAtLeastOneElementOfType(FastSoftmaxOutputLayer.class);
        for (org.deeplearning4j.nn.api.Layer l : fast.getLayers()) {
            assertThat(fast.getLayer(l.conf().getLayer().getLayerName())).isSameAs(l);
        }
        trainBoth(dl4j, fast, 784, 10, 64, 6);
        // the saved form is DL4J's own: the model loads into plain DL4J layers and answers the same
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ModelSerializer.writeModel(fast, bytes, true);
        ComputationGraph loaded = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
        assertThat(loaded.getConfiguration().toJson()).isEqualTo(dl4j.getConfiguration().toJson());
        INDArray x = Nd4j.rand(DataType.FLOAT, 5, 784);
        assertThat(maxDifference(loaded.outputSingle(x), fast.outputSingle(x))).isLessThan(1e-5);
    }

    @Test
    void leNetTrainsExactlyAsWithDl4jsLayers() {
        ComputationGraph dl4j = lenet();
        ComputationGraph fast = lenet();
        // two convolutions, the two poolings that take over their ReLU derivatives, the dense layer and the output
        assertThat(FastLayers.install(fast)).isEqualTo(6);
        assertThat(fast.getLayers()).hasAtLeastOneElementOfType(FastConvolutionLayer.class)
                .hasAtLeastOneElementOfType(FastMaxPoolLayer.class);
        trainBoth(dl4j, fast, 784, 10, 16, 3);
    }

    @Test
    void leNetOnOneDnnDirectlyGivesDl4jsGradients() {
        ComputationGraph dl4j = lenet();
        ComputationGraph fast = lenet();
        FastLayers.install(fast);
        Nd4j.getRandom().setSeed(5);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        // oneDNN 2.5 sums in another order than DL4J's 2.3: gradients agree to 1e-6 relative, but Adam's first step
        // (lr · g/|g|) magnifies differences in the smallest gradients: weights agree to 2e-4 and, from them, gradients
        // (up to about 25 here) to 1e-3
        sameGradientsAndSteps(dl4j, fast, x, oneHot(16, 10, 2), 1e-3, 2e-4);
        everyConvolutionRanOnOneDnn(fast, 6);
        for (org.deeplearning4j.nn.api.Layer l : fast.getLayers()) {
            if (l instanceof FastDenseLayer d) assertThat(d.oneDnnGemm).isEqualTo(OneDnn.available());
            if (l instanceof FastConvolutionLayer c && c.unit != null && l.conf().getLayer().getLayerName().equals("conv2")) {
                assertThat(c.unit.upstream).as("conv2 reads pool1's output in oneDNN's layout").isNotNull();
                assertThat(c.unit.chainedSteps).isEqualTo(6);
            }
        }
    }

    /**
     * The app's LeNet template (convolution → batch norm → pooling, twice; dropout; Adam with a schedule): its
     * convolutions, batch norms and poolings train in oneDNN units and give DL4J's loss, gradients (running mean and
     * log10 standard deviation included) and weights.
     */
    @Test
    void theLeNetTemplateWithBatchNormGivesDl4jsGradients() {
        org.perceptrix.project.Project template = org.perceptrix.project.Templates.load("lenet");
        ComputationGraph dl4j = compiled(template.graph(), 784, template.training());
        ComputationGraph fast = compiled(template.graph(), 784, template.training());
        FastLayers.install(fast);
        // the batch norms are taken over only where oneDNN runs them (DL4J's own otherwise)
        assertThat(java.util.Arrays.stream(fast.getLayers()).anyMatch(l -> l instanceof FastBatchNormLayer))
                .isEqualTo(OneDnn.available());
        Nd4j.getRandom().setSeed(6);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        sameGradientsAndSteps(dl4j, fast, x, oneHot(16, 10, 3), 1e-3, 2e-4);
        everyConvolutionRanOnOneDnn(fast, 6);
        // prediction (DL4J's own code, with the running statistics the fast layers kept) answers alike
        INDArray probe = Nd4j.rand(DataType.FLOAT, 4, 784);
        assertThat(maxDifference(fast.outputSingle(probe), dl4j.outputSingle(probe))).isLessThan(1e-4);
    }

    @Test
    void sigmoidTanhIdentityAndDropoutGiveDl4jsGradients() {
        ComputationGraph dl4j = mixed();
        ComputationGraph fast = mixed();
        assertThat(FastLayers.install(fast)).isEqualTo(4);
        Nd4j.getRandom().setSeed(9);
        INDArray x = Nd4j.rand(DataType.FLOAT, 12, 20).subi(0.5);
        INDArray y = oneHot(12, 5, 0);
        sameGradientsAndSteps(dl4j, fast, x, y, 1e-5, 1e-5);
        assertThat(maxDifference(fast.outputSingle(x), dl4j.outputSingle(x))).isLessThan(1e-5);
    }

    @Test
    void colourConvolutionsWithStridesAndPaddingGiveDl4jsGradients() {
        ComputationGraph dl4j = colourConvNet();
        ComputationGraph fast = colourConvNet();
        assertThat(FastLayers.install(fast)).isEqualTo(4);
        Nd4j.getRandom().setSeed(4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 6, 3 * 10 * 10);
        INDArray y = oneHot(6, 4, 1);
        sameGradientsAndSteps(dl4j, fast, x, y, 1e-4, 1e-5);
    }

    /**
     * Three rounds on one batch: the same loss (1e-5) and gradients ({@code gradientTolerance}) from both networks,
     * then one step each and the same weights ({@code weightTolerance}). The random generator is reset before each network's turn,
     * so that dropout draws the same masks for both.
     */
    private static void sameGradientsAndSteps(ComputationGraph dl4j, ComputationGraph fast, INDArray x, INDArray y,
            double gradientTolerance, double weightTolerance) {
        for (int step = 0; step < 3; step++) {
            for (ComputationGraph net : new ComputationGraph[] {dl4j, fast}) {
                Nd4j.getRandom().setSeed(100 + step);
                net.setInputs(x);
                net.setLabels(y);
                net.computeGradientAndScore();
            }
            assertThat(fast.score()).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-5));
            assertThat(maxDifference(fast.getGradientsViewArray(), dl4j.getGradientsViewArray()))
                    .isLessThan(gradientTolerance);
            assertThat(dl4j.getGradientsViewArray().amaxNumber().doubleValue()).isGreaterThan(1e-4);
            for (ComputationGraph net : new ComputationGraph[] {dl4j, fast}) {
                Nd4j.getRandom().setSeed(200 + step);
                net.fit(new DataSet(x, y));
            }
            assertThat(maxDifference(fast.params(), dl4j.params())).isLessThan(weightTolerance);
        }
    }

    @Test
    void leavesWhatItDoesNotHandleToDl4jAndHonoursTheKillSwitch() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.1))
                .graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(6))
                .addLayer("leaky", new DenseLayer.Builder().nOut(4).activation(Activation.LEAKYRELU).build(), "in")
                .addLayer("mse", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nOut(3)
                        .activation(Activation.IDENTITY).build(), "leaky")
                .setOutputs("mse").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        assertThat(FastLayers.install(net)).isZero();
        System.setProperty(FastLayers.PROPERTY, "false");
        try {
            assertThat(FastLayers.install(mixed())).isZero();
        } finally {
            System.clearProperty(FastLayers.PROPERTY);
        }
    }

    /** a 3-channel 10×10 picture → conv 3×3×4 ReLU → conv 3×3×5 stride 2, "same", identity → dense 7 → softmax 4. */
    private static ComputationGraph colourConvNet() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(8).updater(new Sgd(0.05))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in")
                .setInputTypes(InputType.convolutionalFlat(10, 10, 3))
                .addLayer("c1", new ConvolutionLayer.Builder(3, 3).nOut(4).activation(Activation.RELU).build(), "in")
                .addLayer("c2", new ConvolutionLayer.Builder(3, 3).stride(2, 2).nOut(5)
                        .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), "c1")
                .addLayer("d", new DenseLayer.Builder().nOut(7).activation(Activation.RELU).build(), "c2")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(4)
                        .activation(Activation.SOFTMAX).build(), "d")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** input 20 → sigmoid 16 → tanh 12 (dropout on its input) → identity 8 → softmax 5 (dropout on its input). */
    private static ComputationGraph mixed() {
        ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder().seed(5).updater(new Sgd(0.1))
                .weightInit(WeightInit.XAVIER).graphBuilder().addInputs("in").setInputTypes(InputType.feedForward(20))
                .addLayer("sig", new DenseLayer.Builder().nOut(16).activation(Activation.SIGMOID).build(), "in")
                .addLayer("tanh", new DenseLayer.Builder().nOut(12).activation(Activation.TANH).dropOut(0.7).build(), "sig")
                .addLayer("lin", new DenseLayer.Builder().nOut(8).activation(Activation.IDENTITY).build(), "tanh")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(5)
                        .activation(Activation.SOFTMAX).dropOut(0.8).build(), "lin")
                .setOutputs("out").build();
        ComputationGraph net = new ComputationGraph(conf);
        net.init();
        return net;
    }

    /** Trains both networks on the same random batches with the project's settings: the same loss and weights. */
    private static void trainBoth(ComputationGraph dl4j, ComputationGraph fast, int features, int classes, int batch,
            int steps) {
        assertThat(fast.params()).isEqualTo(dl4j.params());
        INDArray initial = dl4j.params().dup();
        Nd4j.getRandom().setSeed(3);
        for (int step = 0; step < steps; step++) {
            INDArray x = Nd4j.rand(DataType.FLOAT, batch, features);
            DataSet d = new DataSet(x, oneHot(batch, classes, step));
            dl4j.fit(d);
            fast.fit(d);
            assertThat(fast.score()).as("loss at step %d", step).isCloseTo(dl4j.score(), org.assertj.core.data.Offset.offset(1e-4));
        }
        assertThat(maxDifference(fast.params(), dl4j.params())).isLessThan(1e-4);
        assertThat(maxDifference(dl4j.params(), initial)).as("training moved the weights").isGreaterThan(1e-4);
        INDArray x = Nd4j.rand(DataType.FLOAT, 3, features);
        assertThat(maxDifference(fast.outputSingle(x), dl4j.outputSingle(x))).isLessThan(1e-5);
    }

    private static INDArray oneHot(int rows, int classes, int shift) {
        INDArray y = Nd4j.zeros(DataType.FLOAT, rows, classes);
        for (int i = 0; i < rows; i++) y.putScalar(i, (i * 7 + shift) % classes, 1);
        return y;
    }

    /** Every convolution of {@code net} took its training steps through its oneDNN unit (none without oneDNN). */
    private static void everyConvolutionRanOnOneDnn(ComputationGraph net, int steps) {
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l instanceof FastConvolutionLayer c) {
                assertThat(c.unitSteps).as("%s ran on oneDNN directly", l.conf().getLayer().getLayerName())
                        .isEqualTo(OneDnn.available() ? steps : 0);
            }
        }
    }

    /** The comparison's plain LeNet with its settings, as DL4J builds it. */
    private static ComputationGraph lenet() {
        return compiled(PeerComparison.network("lenet"), 784, PeerComparison.settings());
    }

    private static ComputationGraph compiled(NetworkGraph graph, int features, TrainingSettings s) {
        Nd4j.getRandom().setSeed(s.seed());
        return GraphCompiler.compile(graph, ShapeInference.analyze(graph,
                new DataSignature(features, 10, DataSignature.Target.LABELS)), s).newNetwork();
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.castTo(DataType.FLOAT).sub(b.castTo(DataType.FLOAT)).amaxNumber().doubleValue();
    }
}
