package org.perceptrix.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataLoader;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectTraining;
import org.perceptrix.train.EpochMetrics;
import org.perceptrix.train.TrainingEvent;
import org.perceptrix.train.TrainingResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code train PROJECT}: trains, reports per epoch, scores on the test set and saves the model. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train a project's network on its data, evaluate it on the test set and save the model.")
final class TrainCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PROJECT", description = "a project file (.json)")
    Path projectFile;

    @Option(names = "--epochs", paramLabel = "N", description = "train for N epochs instead of the project's setting")
    Integer epochs;

    @Option(names = "--limit", paramLabel = "N", description = "use only the first N training examples (quick runs)")
    Integer limit;

    @Option(names = "--out", paramLabel = "MODEL.zip", description = "where to save the model (default: <project>-model.zip here)")
    Path out;

    @Option(names = "--json", description = "one JSON line per epoch and a last line with the test accuracy and model")
    boolean json;

    @Override
    public Integer call() {
        ProjectArgs.atLeast("--epochs", epochs, 1);
        ProjectArgs.atLeast("--limit", limit, 1);
        Project project = ProjectArgs.read(projectFile);
        DataLoader.LoadedData data = ProjectArgs.data(project, projectFile);
        GraphAnalysis analysis = ShapeInference.analyze(project.graph(), data.train().signature(project.data().target()));
        if (!analysis.isValid()) {
            throw new Cli.UserError(projectFile.getFileName() + ": the network is invalid: "
                    + analysis.errors().get(0).message() + " (run 'validate' to see every problem)");
        }
        Path model = out != null ? out : Path.of(ProjectArgs.stem(projectFile) + "-model.zip");
        PrintWriter stdout = spec.commandLine().getOut();
        Progress progress = json ? null : new Progress(spec.commandLine().getErr(), System.console() != null);
        ProjectTraining training = new ProjectTraining(project, data, ProjectArgs.baseDir(projectFile),
                new ProjectTraining.Options(epochs == null ? OptionalInt.empty() : OptionalInt.of(epochs),
                        limit == null ? OptionalInt.empty() : OptionalInt.of(limit), Optional.of(model)),
                event -> report(event, stdout, progress));
        ProjectTraining.Outcome outcome = training.run();
        TrainingResult result = outcome.training();
        if (!result.succeeded()) throw new Cli.UserError("training failed: " + result.message());
        if (json) {
            ObjectNode last = JsonLines.object();
            JsonLines.put(last, "test_acc", outcome.testAccuracy());
            if (!Double.isNaN(outcome.reconstructionError())) JsonLines.put(last, "test_mse", outcome.reconstructionError());
            last.put("model", model.toString());
            JsonLines.print(stdout, last);
        } else {
            if (outcome.report().isPresent()) {
                stdout.printf("test accuracy %.2f%% on %d examples%n", 100 * outcome.testAccuracy(), data.test().size());
            } else {
                stdout.printf("test reconstruction error (MSE) %.5f on %d examples%n", outcome.reconstructionError(),
                        data.test().size());
            }
            if (result.outcome() == TrainingResult.Outcome.STOPPED_EARLY) {
                stdout.println("stopped early: validation loss stopped improving; kept the best epoch's model");
            }
            stdout.println("model saved to " + model);
        }
        return 0;
    }

    private void report(TrainingEvent event, PrintWriter stdout, Progress progress) {
        if (event instanceof TrainingEvent.Iteration it && progress != null) {
            progress.iteration(it);
        } else if (event instanceof TrainingEvent.EpochEnded e) {
            EpochMetrics m = e.metrics();
            if (json) {
                ObjectNode o = JsonLines.object();
                o.put("epoch", m.epoch());
                JsonLines.put(o, "train_loss", m.trainLoss());
                JsonLines.put(o, "val_loss", m.validationLoss());
                JsonLines.put(o, "val_acc", m.validationAccuracy());
                JsonLines.put(o, "examples_per_s", m.examplesPerSecond());
                JsonLines.print(stdout, o);
            } else {
                progress.clear();
                stdout.printf("epoch %d: train loss %.4f, validation loss %.4f, validation accuracy %s, %.0f examples/s%n",
                        m.epoch(), m.trainLoss(), m.validationLoss(),
                        Double.isNaN(m.validationAccuracy()) ? "-" : String.format("%.2f%%", 100 * m.validationAccuracy()),
                        m.examplesPerSecond());
            }
        }
    }
}
