package org.perceptrix.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.perceptrix.data.DataException;
import org.perceptrix.data.DigitPreprocessor;
import org.perceptrix.evaluate.DigitClassifier;
import org.perceptrix.export.ModelFile;
import org.perceptrix.train.TrainedModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code predict MODEL.zip IMAGE...}: the three most likely digits for each picture, as the drawing pad sees it. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = "Classify pictures of handwritten digits (PNG or JPEG, any size, one digit anywhere, dark on "
                + "light or light on dark, grey or colour) with a saved model: the top 3 classes per picture. Each "
                + "picture is prepared like an MNIST digit first (cropped, scaled to 20×20, centred in 28×28).")
final class PredictCommand implements Callable<Integer> {
    private static final int TOP = 3;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.zip", description = "a classifier of 28×28 digits saved by 'train' or the app")
    Path modelFile;

    @Parameters(index = "1..*", arity = "1..*", paramLabel = "IMAGE", description = "PNG or JPEG files")
    List<Path> images;

    @Option(names = "--json", description = "one JSON object per picture: {\"file\":…,\"top\":[{\"label\":…,\"p\":…},…]}")
    boolean json;

    @Override
    public Integer call() {
        TrainedModel model = ModelFile.load(modelFile).model();
        Optional<String> problem = DigitClassifier.unsuitable(model);
        if (problem.isPresent()) throw new Cli.UserError(modelFile.getFileName() + ": " + problem.get());
        DigitClassifier classifier = new DigitClassifier(model);
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        int exit = 0;
        // A bad picture is reported and skipped, so one typo does not hide the answers for the others.
        for (Path image : images) {
            try {
                DigitClassifier.Prediction p = classifier.classify(DigitPreprocessor.readImage(image));
                if (p.digit().empty()) throw new DataException(image.getFileName() + ": no digit found (the picture is blank)");
                print(out, image, p.top(TOP));
            } catch (DataException e) {
                err.println("error: " + e.getMessage());
                exit = Cli.ERROR;
            }
        }
        err.flush();
        return exit;
    }

    private void print(PrintWriter out, Path image, List<DigitClassifier.ClassProbability> top) {
        if (json) {
            ObjectNode o = JsonLines.object();
            o.put("file", image.toString());
            ArrayNode list = o.putArray("top");
            for (DigitClassifier.ClassProbability c : top) list.addObject().put("label", c.label()).put("p", c.probability());
            JsonLines.print(out, o);
        } else {
            StringBuilder line = new StringBuilder(image.toString()).append(':');
            String sep = " ";
            for (DigitClassifier.ClassProbability c : top) {
                line.append(sep).append(c.label()).append(String.format(" (%.1f%%)", 100.0 * c.probability()));
                sep = ", ";
            }
            out.println(line);
        }
    }
}
