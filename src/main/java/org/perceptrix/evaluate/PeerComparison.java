package org.perceptrix.evaluate;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.compile.WeightInit;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.io.Json;
import org.perceptrix.train.NativeSetup;
import org.perceptrix.train.TrainedModel;
import org.perceptrix.train.TrainingJob;
import org.perceptrix.train.TrainingResult;
import org.perceptrix.train.TrainingSession;

/**
 * Perceptrix against PyTorch on the same networks, data, batch size and optimizer: the plain LeNet
 * (conv5×5×20, pool, conv5×5×50, pool, dense 500, softmax 10) and the MLP 784-256-10, trained one epoch on the
 * bundled 10,000 MNIST digits with Adam (learning rate 0.001), batch 64. Perceptrix runs its own
 * {@link TrainingSession}; the peer runs {@code torch_peer.py} under a Python that has torch. Both sides first train
 * one throw-away epoch (warm-up: the JVM compiles the training loop's code during its first epochs, on the same two
 * cores, and oneDNN and PyTorch make their primitives); then repetitions alternate the two so that machine noise hits
 * both alike, and medians are reported. Perceptrix's warm-up epoch is reported too (the cold figure).
 */
public final class PeerComparison {
    public static final int BATCH = 64;
    private static final int SINGLE_IMAGE_RUNS = 200;

    /** One side's figures for one repetition. */
    public record Run(double examplesPerSecond, double accuracy, double singleImageMillis, java.util.Map<String, String> helpers) {
    }

    /** Both sides' repetitions for one model; {@code peer} is empty without PyTorch. */
    public record Result(String model, List<Run> perceptrix, List<Run> peer, String peerBlas, String peerError,
                         double warmUpExamplesPerSecond) {
        public double examplesPerSecond() { return median(perceptrix, Run::examplesPerSecond); }

        public double accuracy() { return median(perceptrix, Run::accuracy); }

        public double singleImageMillis() { return median(perceptrix, Run::singleImageMillis); }

        public boolean hasPeer() { return !peer.isEmpty(); }

        public double peerExamplesPerSecond() { return median(peer, Run::examplesPerSecond); }

        public double peerAccuracy() { return median(peer, Run::accuracy); }

        public double peerSingleImageMillis() { return median(peer, Run::singleImageMillis); }

        /** Perceptrix's examples/s over PyTorch's (1.0 = as fast). */
        public double ratio() { return examplesPerSecond() / peerExamplesPerSecond(); }

        /**
         * Whether Perceptrix learned as well as the peer after the same epoch: test accuracy at most 1.5 points
         * below (one epoch of 10,000 digits from different random initial weights differs by about that much).
         */
        public boolean accuracyMatches() { return !hasPeer() || accuracy() >= peerAccuracy() - 0.015; }
    }

    private PeerComparison() {
    }

    /** The plain networks of the comparison: {@code lenet} or {@code mlp}. */
    public static NetworkGraph network(String model) {
        NetworkGraph g = new NetworkGraph();
        String previous;
        if (model.equals("lenet")) {
            LayerNode in = g.addNode("in", LayerType.IMAGE_INPUT, "input", 0, 0);
            g.setProperty(in.id(), "height", 28);
            g.setProperty(in.id(), "width", 28);
            g.setProperty(in.id(), "channels", 1);
            previous = chain(g, in.id(), conv(g, "conv1", 20), pool(g, "pool1"), conv(g, "conv2", 50), pool(g, "pool2"),
                    dense(g, "dense1", 500));
        } else if (model.equals("mlp")) {
            LayerNode in = g.addNode("in", LayerType.VECTOR_INPUT, "input", 0, 0);
            g.setProperty(in.id(), "size", 784);
            previous = chain(g, in.id(), dense(g, "dense1", 256));
        } else {
            throw new IllegalArgumentException("model must be lenet or mlp, not '" + model + "'");
        }
        LayerNode out = g.addNode("out", LayerType.OUTPUT, "output", 0, 0);
        g.setProperty(out.id(), "units", 10);
        g.setProperty(out.id(), "loss", "softmax_cross_entropy");
        g.connect(previous, out.id());
        return g;
    }

    /** Adam, learning rate 0.001, batch 64, one epoch, no validation split, no schedule, no regularisation. */
    public static TrainingSettings settings() {
        return new TrainingSettings(Optimizer.ADAM, 0.001, 0.9, BATCH, 1, 0, 0, 0, WeightInit.RELU, 42, 0, 0,
                LearningRateSchedule.FIXED, 0.5, 2);
    }

    /**
     * Runs {@code repetitions} alternating rounds (Perceptrix, then the peer) for {@code model}. {@code python} is
     * the interpreter for the peer, or empty to measure Perceptrix alone.
     */
    public static Result compare(String model, int repetitions, Optional<String> python) {
        DataLoader.LoadedData data = DataLoader.bundledMnist();
        TrainingJob job = new TrainingJob(model, network(model), data.train(), Scaling.MIN_MAX,
                DataSignature.Target.LABELS, settings());
        // warm-up: one epoch, as the peer's (JIT, oneDNN's primitives, workspaces)
        double warmUp = perceptrix(job, data.test().head(BATCH)).examplesPerSecond();
        List<Run> ours = new ArrayList<>();
        List<Run> theirs = new ArrayList<>();
        String blas = "";
        String error = "";
        Path folder = null;
        try {
            if (python.isPresent()) folder = peerFolder();
            for (int r = 0; r < repetitions; r++) {
                ours.add(perceptrix(job, data.test()));
                if (folder != null && error.isEmpty()) {
                    try {
                        // the peer's warm-up: one epoch of the same training digits, as Perceptrix's
                        int warmUpBatches = (data.train().size() + BATCH - 1) / BATCH;
                        JsonNode j = peer(python.get(), folder, model, warmUpBatches);
                        theirs.add(new Run(j.get("examples_per_s").asDouble(), j.get("accuracy").asDouble(),
                                j.get("single_image_ms").asDouble(), java.util.Map.of()));
                        blas = j.path("blas").asText("");
                    } catch (IOException e) {
                        error = e.getMessage();
                    }
                }
            }
        } catch (IOException e) {
            error = e.getMessage();
        } finally {
            if (folder != null) deleteQuietly(folder);
        }
        return new Result(model, ours, theirs, blas, error, warmUp);
    }

    /** One epoch through the app's own loop, then test accuracy and the drawing pad's single-image path. */
    static Run perceptrix(TrainingJob job, ExampleSet test) {
        TrainingResult r = new TrainingSession(job, e -> { }).run();
        if (!r.succeeded()) throw new IllegalStateException(r.message());
        TrainedModel model = r.model().orElseThrow();
        float[] out = model.outputs(test, 512);
        int k = model.outputCount();
        int correct = 0;
        for (int i = 0; i < test.size(); i++) {
            int best = 0;
            for (int c = 1; c < k; c++) if (out[i * k + c] > out[i * k + best]) best = c;
            if (best == test.label(i)) correct++;
        }
        DigitClassifier classifier = new DigitClassifier(model);
        double[] times = new double[SINGLE_IMAGE_RUNS];
        for (int i = 0; i < SINGLE_IMAGE_RUNS; i++) {
            float[] grey = test.copyFeatures(i % test.size());
            long t0 = System.nanoTime();
            classifier.classifyGrey(grey, 28, 28);
            times[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(times);
        org.nd4j.linalg.factory.Nd4j.getWorkspaceManager().destroyAllWorkspacesForCurrentThread();
        return new Run(r.epochs().get(0).examplesPerSecond(), (double) correct / test.size(), times[times.length / 2],
                NativeSetup.helpers(model.network()));
    }

    private static JsonNode peer(String python, Path folder, String model, int warmUpBatches) throws IOException {
        Process p = new ProcessBuilder(python, folder.resolve("torch_peer.py").toString(), "--model", model,
                "--mnist", folder.toString(), "--batch", String.valueOf(BATCH), "--warmup-batches",
                String.valueOf(warmUpBatches), "--threads",
                String.valueOf(Runtime.getRuntime().availableProcessors()))
                .redirectErrorStream(false).start();
        byte[] stdout = p.getInputStream().readAllBytes();
        byte[] stderr = p.getErrorStream().readAllBytes();
        try {
            if (!p.waitFor(10, TimeUnit.MINUTES)) {
                p.destroyForcibly();
                throw new IOException("the PyTorch peer did not finish in 10 minutes");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroyForcibly();
            throw new IOException("interrupted while waiting for the PyTorch peer");
        }
        String text = new String(stdout, StandardCharsets.UTF_8).trim();
        if (p.exitValue() != 0 || text.isEmpty()) {
            String why = new String(stderr, StandardCharsets.UTF_8).trim();
            String last = why.isEmpty() ? "exit code " + p.exitValue() : why.substring(why.lastIndexOf('\n') + 1);
            throw new IOException("the PyTorch peer failed (" + python + "): " + last);
        }
        return Json.mapper().readTree(text.substring(text.lastIndexOf('\n') + 1));
    }

    /** A temporary folder with the peer script and the bundled MNIST files. */
    private static Path peerFolder() throws IOException {
        Path folder = Files.createTempDirectory("perceptrix-peer");
        copy("/org/perceptrix/evaluate/torch_peer.py", folder.resolve("torch_peer.py"));
        for (String name : DataLoader.bundledMnistFiles()) {
            try (InputStream in = DataLoader.openBundled(name)) {
                Files.copy(in, folder.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
        }
        return folder;
    }

    private static void copy(String resource, Path to) throws IOException {
        try (InputStream in = PeerComparison.class.getResourceAsStream(resource)) {
            if (in == null) throw new IOException(resource + " is missing from the application");
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteQuietly(Path folder) {
        try (var files = Files.list(folder)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.deleteIfExists(f);
            Files.deleteIfExists(folder);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    private static String chain(NetworkGraph g, String from, String... ids) {
        String previous = from;
        for (String id : ids) {
            g.connect(previous, id);
            previous = id;
        }
        return previous;
    }

    private static String conv(NetworkGraph g, String id, int filters) {
        g.addNode(id, LayerType.CONV2D, id, 0, 0);
        g.setProperty(id, "filters", filters);
        g.setProperty(id, "kernel", 5);
        g.setProperty(id, "stride", 1);
        g.setProperty(id, "padding", "valid");
        g.setProperty(id, "activation", "relu");
        return id;
    }

    private static String pool(NetworkGraph g, String id) {
        g.addNode(id, LayerType.MAX_POOL, id, 0, 0);
        g.setProperty(id, "size", 2);
        g.setProperty(id, "stride", 2);
        g.setProperty(id, "padding", "valid");
        return id;
    }

    private static String dense(NetworkGraph g, String id, int units) {
        g.addNode(id, LayerType.DENSE, id, 0, 0);
        g.setProperty(id, "units", units);
        g.setProperty(id, "activation", "relu");
        return id;
    }

    private static double median(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return org.perceptrix.train.ThroughputBenchmark.median(runs.stream().mapToDouble(f));
    }
}
