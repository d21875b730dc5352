package org.perceptrix.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataLoader;
import org.perceptrix.evaluate.ClassificationReport;
import org.perceptrix.evaluate.Evaluator;
import org.perceptrix.export.ModelFile;
import org.perceptrix.export.SavedModel;
import org.perceptrix.graph.DataSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code evaluate MODEL.zip}: accuracy, confusion matrix and classification report on the model's test set. */
@Command(name = "evaluate", mixinStandardHelpOptions = true,
        description = "Score a saved model on the test set of the data it was trained on: accuracy, confusion matrix "
                + "and per-class precision, recall and F1.")
final class EvaluateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.zip", description = "a model saved by 'train' or the app")
    Path modelFile;

    @Option(names = "--json", description = "print one JSON object")
    boolean json;

    @Override
    public Integer call() {
        SavedModel saved = ModelFile.load(modelFile);
        DataLoader.LoadedData data = DataLoader.load(saved.data(), Path.of("."));
        PrintWriter out = spec.commandLine().getOut();
        if (saved.model().target() != DataSignature.Target.LABELS) {
            double mse = Evaluator.reconstructionError(saved.model(), data.test());
            if (json) {
                ObjectNode o = JsonLines.object();
                JsonLines.put(o, "reconstruction_mse", mse);
                JsonLines.print(out, o);
            } else {
                out.printf("reconstruction error (MSE) %.5f on %d test examples%n", mse, data.test().size());
            }
            return 0;
        }
        ClassificationReport report = Evaluator.classify(saved.model(), data.test());
        if (json) {
            ObjectNode o = JsonLines.object();
            o.put("accuracy", report.accuracy());
            ArrayNode confusion = o.putArray("confusion");
            for (int[] row : report.confusion()) {
                ArrayNode r = confusion.addArray();
                for (int v : row) r.add(v);
            }
            ArrayNode perClass = o.putArray("per_class");
            for (ClassificationReport.ClassScore s : report.perClass()) {
                perClass.addObject().put("label", s.label()).put("precision", s.precision()).put("recall", s.recall())
                        .put("f1", s.f1()).put("support", s.support());
            }
            JsonLines.print(out, o);
        } else {
            out.print(report.toText());
            out.println();
            out.println("Confusion matrix (rows: true class, columns: predicted class)");
            StringBuilder header = new StringBuilder("      ");
            for (String c : report.classNames()) header.append(String.format("%6s", c));
            out.println(header);
            for (int i = 0; i < report.confusion().length; i++) {
                StringBuilder row = new StringBuilder(String.format("%6s", report.classNames().get(i)));
                for (int v : report.confusion()[i]) row.append(String.format("%6d", v));
                out.println(row);
            }
        }
        return 0;
    }
}
