package org.perceptrix.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataLoader;
import org.perceptrix.project.Project;
import org.perceptrix.project.Templates;
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

    @Override
    public Integer call() {
        if (!template.equals("lenet") && !template.equals("mlp")) {
            throw new Cli.UserError("--template must be lenet or mlp, not '" + template + "'");
        }
        if (batches < 1 || repeat < 1) throw new Cli.UserError("--batches and --repeat must be at least 1");
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
}
