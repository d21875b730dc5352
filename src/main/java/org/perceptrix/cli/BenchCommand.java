package org.perceptrix.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataLoader;
import org.perceptrix.project.Project;
import org.perceptrix.project.Templates;
import org.perceptrix.train.NativeSetup;
import org.perceptrix.evaluate.PeerComparison;
import org.perceptrix.train.ThroughputBenchmark;
import org.perceptrix.train.TrainingJob;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code bench}: training throughput of the app's own loop on bundled MNIST, beside a bare DL4J fit loop. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure training speed (examples per second) of a template on the bundled MNIST digits, "
                + "with the app's training loop and with a bare DL4J fit loop for comparison.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--template", paramLabel = "NAME", defaultValue = "lenet", description = "lenet or mlp (default: ${DEFAULT-VALUE})")
    String template;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "50", description = "mini-batches per measurement (default: ${DEFAULT-VALUE})")
    int batches;

    @Option(names = "--repeat", paramLabel = "R", defaultValue = "3", description = "alternating repetitions; medians are reported (default: ${DEFAULT-VALUE})")
    int repeat;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Option(names = "--compare-pytorch", description = "train the plain LeNet and the MLP 784-256-10 one epoch "
            + "(batch 64, Adam) here and in PyTorch, alternating, after one warm-up epoch on each side; one JSON line "
            + "per model")
    boolean comparePytorch;

    @Option(names = "--models", paramLabel = "LIST", split = ",", defaultValue = "lenet,mlp",
            description = "with --compare-pytorch: which models (default: ${DEFAULT-VALUE})")
    java.util.List<String> models;

    @Option(names = "--native-info", description = "print which native build, environment and layer helpers are in use, and stop")
    boolean nativeInfo;

    @Option(names = "--python", paramLabel = "PATH", description = "with --compare-pytorch: the Python that has torch "
            + "(default: /usr/bin/python3 when present, else python3); 'none' measures Perceptrix alone")
    String python;

    @Override
    public Integer call() {
        if (!template.equals("lenet") && !template.equals("mlp")) {
            throw new Cli.UserError("--template must be lenet or mlp, not '" + template + "'");
        }
        if (batches < 1 || repeat < 1) throw new Cli.UserError("--batches and --repeat must be at least 1");
        if (nativeInfo) {
            ObjectNode o = JsonLines.object();
            o.put("native", NativeSetup.report().summary());
            // the LeNet as training sets it up: DL4J's oneDNN helpers and Perceptrix's own layer implementations
            org.deeplearning4j.nn.graph.ComputationGraph lenet = org.perceptrix.compile.GraphCompiler.compile(
                    PeerComparison.network("lenet"), PeerComparison.settings()).newNetwork();
            org.perceptrix.train.FastLayers.install(lenet);
            o.put("helpers", NativeSetup.helpers(lenet).toString());
            JsonLines.print(spec.commandLine().getOut(), o);
            return 0;
        }
        if (comparePytorch) return comparePytorch();
        Project project = Templates.load(template);
        DataLoader.LoadedData data = DataLoader.bundledMnist();
        int needed = batches * project.training().batchSize();
        if (needed > data.train().size()) {
            throw new Cli.UserError("--batches " + batches + " needs " + needed + " examples; the bundled set has "
                    + data.train().size());
        }
        TrainingJob job = new TrainingJob(project.name(), project.graph(), data.train(), project.scaling(),
                project.data().target(), project.training());
        ThroughputBenchmark.Result r = ThroughputBenchmark.measure(job, batches, repeat);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode o = JsonLines.object();
            o.put("template", template).put("batch_size", r.batchSize()).put("batches", r.batches());
            JsonLines.put(o, "examples_per_s", r.sessionExamplesPerSecond());
            JsonLines.put(o, "bare_dl4j_examples_per_s", r.bareExamplesPerSecond());
            JsonLines.put(o, "ratio", r.ratio());
            JsonLines.print(out, o);
        } else {
            out.printf("%s, batch %d, %d batches × %d: %.0f examples/s (bare DL4J fit loop: %.0f examples/s, ratio %.3f)%n",
                    template, r.batchSize(), r.batches(), repeat, r.sessionExamplesPerSecond(),
                    r.bareExamplesPerSecond(), r.ratio());
        }
        return 0;
    }

    private int comparePytorch() {
        for (String m : models) {
            if (!m.equals("lenet") && !m.equals("mlp")) throw new Cli.UserError("--models takes lenet and mlp, not '" + m + "'");
        }
        java.util.Optional<String> py;
        if ("none".equals(python)) py = java.util.Optional.empty();
        else if (python != null) py = java.util.Optional.of(python);
        else py = java.util.Optional.of(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/python3"))
                ? "/usr/bin/python3" : "python3");
        PrintWriter out = spec.commandLine().getOut();
        NativeSetup.Report setup = NativeSetup.report();
        for (String m : models) {
            PeerComparison.Result r = PeerComparison.compare(m, repeat, py);
            ObjectNode o = JsonLines.object();
            o.put("model", m).put("batch_size", PeerComparison.BATCH).put("repetitions", repeat);
            JsonLines.put(o, "perceptrix_examples_per_s", r.examplesPerSecond());
            JsonLines.put(o, "pytorch_examples_per_s", r.peerExamplesPerSecond());
            JsonLines.put(o, "ratio", r.ratio());
            JsonLines.put(o, "perceptrix_accuracy", r.accuracy());
            JsonLines.put(o, "pytorch_accuracy", r.peerAccuracy());
            o.put("accuracy_matches", r.accuracyMatches());
            JsonLines.put(o, "perceptrix_single_image_ms", r.singleImageMillis());
            JsonLines.put(o, "pytorch_single_image_ms", r.peerSingleImageMillis());
            o.put("perceptrix_warmup_examples_per_s", r.warmUpExamplesPerSecond());
            var runs = o.putArray("perceptrix_runs");
            r.perceptrix().forEach(x -> runs.add(Math.round(x.examplesPerSecond())));
            var peerRuns = o.putArray("pytorch_runs");
            r.peer().forEach(x -> peerRuns.add(Math.round(x.examplesPerSecond())));
            o.put("pytorch_blas", r.peerBlas());
            if (!r.peerError().isEmpty()) o.put("pytorch_error", r.peerError());
            o.put("native", setup.summary());
            o.put("helpers", r.perceptrix().get(0).helpers().toString());
            o.put("load_average", ThroughputBenchmark.loadAverage());
            JsonLines.print(out, o);
            out.flush();
        }
        return 0;
    }

}
