package org.perceptrix.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.perceptrix.compile.CompiledNetwork;
import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.evaluate.PeerComparison;

/** The fast path is the one in use: the configured native build, its environment and DL4J's oneDNN helpers. */
class NativeSetupTest {
    private static final String EXPECTED_BUILD = System.getProperty("perceptrix.expectedNativeBuild", "");
    /** The oneDNN version training should call directly (OneDnnConvPool), or "-" for none. */
    private static final String EXPECTED_DIRECT = System.getProperty("perceptrix.expectedDirectOneDnn", "-");

    @Test
    void linuxGetsTheCoreTypeForItsCpuAndPassiveOpenMpThreads() {
        String flags = "fpu sse sse2 avx fma avx2 avx512f";
        assertThat(NativeSetup.wanted("Linux", Map.of(), flags))
                .containsExactly(Map.entry("OPENBLAS_CORETYPE", "Haswell"), Map.entry("OMP_WAIT_POLICY", "PASSIVE"),
                        Map.entry("GOMP_SPINCOUNT", NativeSetup.SPIN_COUNT));
        assertThat(NativeSetup.wanted("Linux", Map.of(), flags + " avx512dq avx512cd avx512bw avx512vl"))
                .containsEntry("OPENBLAS_CORETYPE", "SkylakeX");
        assertThat(NativeSetup.wanted("Linux", Map.of(), "fpu sse sse2 avx")).containsEntry("OPENBLAS_CORETYPE", "SandyBridge");
        assertThat(NativeSetup.wanted("Linux", Map.of(), "fpu sse sse2")).doesNotContainKey("OPENBLAS_CORETYPE");
    }

    @Test
    void whatTheUserSetIsKeptAndOtherSystemsAreLeftAlone() {
        String flags = "avx fma avx2";
        assertThat(NativeSetup.wanted("Linux", Map.of("OPENBLAS_CORETYPE", "Zen", "OMP_WAIT_POLICY", "ACTIVE"), flags)).isEmpty();
        assertThat(NativeSetup.wanted("Linux", Map.of("PERCEPTRIX_TUNE", "0"), flags)).isEmpty();
        assertThat(NativeSetup.wanted("Linux", Map.of("GOMP_SPINCOUNT", "0"), flags)).doesNotContainKey("GOMP_SPINCOUNT")
                .containsKey("OMP_WAIT_POLICY");
        assertThat(NativeSetup.wanted("Windows 11", Map.of(), flags)).isEmpty();
        assertThat(NativeSetup.wanted("Mac OS X", Map.of(), flags)).isEmpty();
    }

    @Test
    void theConfiguredNativeBuildAndTheOneDnnHelpersAreWhatIsLoaded() {
        assumeThat(EXPECTED_BUILD).as("run by Maven, which names the expected build").isNotEmpty();
        NativeSetup.Report r = NativeSetup.report();
        assertThat(r.nativeBuild()).isEqualTo(EXPECTED_BUILD);
        assertThat(r.ompWaitPolicy()).isEqualTo("PASSIVE");
        assertThat(r.directOneDnn()).isEqualTo(EXPECTED_DIRECT);
        if (EXPECTED_BUILD.contains("onednn")) {
            assertThat(r.oneDnn()).as("DL4J sees oneDNN").isTrue();
            ComputationGraph net = lenet();
            assertThat(NativeSetup.helpers(net)).containsEntry("conv1", "MKLDNNConvHelper")
                    .containsEntry("conv2", "MKLDNNConvHelper").containsEntry("pool1", "MKLDNNSubsamplingHelper")
                    .containsEntry("pool2", "MKLDNNSubsamplingHelper");
        }
    }

    @Test
    void theLauncherSetsTheEnvironmentWithoutTheUsersHelp() throws Exception {
        assumeThat(EXPECTED_BUILD).isNotEmpty();
        assumeThat(System.getProperty("os.name")).containsIgnoringCase("linux");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                "-Dperceptrix.home=" + System.getProperty("perceptrix.home", "target/test-home"),
                "org.perceptrix.Launcher", "bench", "--native-info");
        pb.environment().remove("OPENBLAS_CORETYPE");
        pb.environment().remove("OMP_WAIT_POLICY");
        pb.environment().remove("OMP_NUM_THREADS");
        pb.environment().remove("GOMP_SPINCOUNT");
        pb.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).contains("OMP_WAIT_POLICY=PASSIVE").contains("GOMP_SPINCOUNT=" + NativeSetup.SPIN_COUNT)
                .contains("build=" + EXPECTED_BUILD);
        NativeSetup.coreType(NativeSetup.cpuFlags()).ifPresent(t -> assertThat(out).contains("OPENBLAS_CORETYPE=" + t));
        if (EXPECTED_BUILD.contains("onednn")) {
            assertThat(out).contains("onednn=true").contains("onednn_direct=" + EXPECTED_DIRECT);
            String implementation = EXPECTED_DIRECT.equals("-") ? "MKLDNNConvHelper" : "OneDnnConvPool";
            assertThat(out).contains("conv1=FastConvolutionLayer+" + implementation);
        }
    }

    /**
     * Training (the loop the GUI, the CLI and the benchmark share) runs on Perceptrix's own layers, its convolutions
     * and poolings on oneDNN called directly, and on the fused Adam step: a network trained by a
     * {@link TrainingSession} still holds them, and every step of its convolutions went through oneDNN.
     */
    @Test
    void trainingRunsOnTheOwnLayersAndTheFusedAdamStep() {
        assumeThat(EXPECTED_BUILD).contains("onednn");
        assumeThat(EXPECTED_DIRECT).isNotEqualTo("-");
        TrainingJob job = new TrainingJob("lenet", org.perceptrix.evaluate.PeerComparison.network("lenet"),
                org.perceptrix.data.DataLoader.bundledMnist().train().head(256), org.perceptrix.data.Scaling.MIN_MAX,
                org.perceptrix.graph.DataSignature.Target.LABELS,
                org.perceptrix.compile.TrainingSettings.defaults().withEpochs(1).withBatchSize(64));
        ComputationGraph net = new TrainingSession(job, e -> { }).run().model().orElseThrow().network();
        assertThat(NativeSetup.helpers(net)).containsEntry("conv1", "FastConvolutionLayer+OneDnnConvPool")
                .containsEntry("conv2", "FastConvolutionLayer+OneDnnConvPool")
                .containsEntry("pool1", "FastMaxPoolLayer+OneDnnConvPool").containsValue("FastDenseLayer")
                .containsValue("FastSoftmaxOutputLayer");
        for (org.deeplearning4j.nn.api.Layer l : net.getLayers()) {
            if (l instanceof FastConvolutionLayer c) assertThat(c.unitSteps).isEqualTo(256 / 64);
        }
        assertThat(net.getUpdater()).isInstanceOf(FusedAdamUpdater.class);
        assertThat(((FusedAdamUpdater) net.getUpdater()).fusedSteps).isPositive();
        // the app's LeNet template (batch norm between each convolution and its pooling) trains on the units too
        org.perceptrix.project.Project template = org.perceptrix.project.Templates.load("lenet");
        ComputationGraph templateNet = new TrainingSession(new TrainingJob("lenet", template.graph(),
                org.perceptrix.data.DataLoader.bundledMnist().train().head(256), template.scaling(),
                org.perceptrix.graph.DataSignature.Target.LABELS, template.training().withEpochs(1)), e -> { })
                .run().model().orElseThrow().network();
        assertThat(NativeSetup.helpers(templateNet)).containsValue("FastBatchNormLayer+OneDnnConvPool")
                .containsValue("FastConvolutionLayer+OneDnnConvPool").containsValue("FastMaxPoolLayer+OneDnnConvPool");
        for (org.deeplearning4j.nn.api.Layer l : templateNet.getLayers()) {
            if (l instanceof FastConvolutionLayer c) assertThat(c.unitSteps).isPositive();
        }
    }

    /** DL4J's oneDNN helpers give DL4J's own results: outputs and gradients of LeNet within 1e-4. */
    @Test
    void theHelpersGiveTheSameOutputsAndGradientsAsDl4jsOwnLayers() {
        assumeThat(EXPECTED_BUILD).contains("onednn");
        ComputationGraph fast = lenet();
        String before = System.getProperty(NativeSetup.HELPERS_DISABLE);
        ComputationGraph plain;
        try {
            System.setProperty(NativeSetup.HELPERS_DISABLE, "true");
            plain = lenet();
        } finally {
            if (before == null) System.clearProperty(NativeSetup.HELPERS_DISABLE);
            else System.setProperty(NativeSetup.HELPERS_DISABLE, before);
        }
        assertThat(NativeSetup.helpers(plain)).isEmpty();
        assertThat(NativeSetup.helpers(fast)).isNotEmpty();
        plain.setParams(fast.params().dup());
        Nd4j.getRandom().setSeed(7);
        INDArray x = Nd4j.rand(DataType.FLOAT, 16, 784);
        INDArray y = Nd4j.zeros(DataType.FLOAT, 16, 10);
        for (int i = 0; i < 16; i++) y.putScalar(i, i % 10, 1f);
        INDArray outFast = fast.outputSingle(false, x);
        INDArray outPlain = plain.outputSingle(false, x);
        assertThat(maxDifference(outFast, outPlain)).isLessThan(1e-4);
        for (ComputationGraph g : List.of(fast, plain)) {
            g.setInputs(x);
            g.setLabels(y);
            g.computeGradientAndScore();
        }
        assertThat(fast.score()).isCloseTo(plain.score(), org.assertj.core.api.Assertions.within(1e-4));
        Gradient gf = fast.gradient();
        Gradient gp = plain.gradient();
        assertThat(gf.gradientForVariable().keySet()).isEqualTo(gp.gradientForVariable().keySet());
        for (String k : gf.gradientForVariable().keySet()) {
            INDArray a = gf.getGradientFor(k);
            INDArray b = gp.getGradientFor(k);
            double scale = Math.max(1, b.amaxNumber().doubleValue());
            assertThat(maxDifference(a, b) / scale).as(k).isLessThan(1e-4);
        }
    }

    private static double maxDifference(INDArray a, INDArray b) {
        return a.sub(b).amaxNumber().doubleValue();
    }

    private static ComputationGraph lenet() {
        CompiledNetwork c = GraphCompiler.compile(PeerComparison.network("lenet"), PeerComparison.settings());
        Nd4j.getRandom().setSeed(42);
        return c.newNetwork();
    }
}
