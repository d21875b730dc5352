package org.perceptrix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DigitPictures.Raster;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.evaluate.Evaluator;
import org.perceptrix.export.ModelFile;
import org.perceptrix.train.TrainedModel;

/**
 * Issue 5's acceptance check for {@code predict}: MNIST test digits turned into the hard pictures users bring (large,
 * off-centre, thick and thin strokes, either polarity, grey or colour, PNG or JPEG) are read by the starter model
 * about as well as the test set itself. Every picture goes through the real command.
 */
class PredictRobustnessTest {
    private static final ExampleSet TEST = DataLoader.bundledMnist().test();

    /** One way of making a picture from a digit (ink bright on black, 28×28); writes it and says where. */
    record Transform(String name, String format, Function<Raster, BufferedImage> picture) {
    }

    static final List<Transform> TRANSFORMS = List.of(
            new Transform("large, dark on light", "png",
                    d -> d.scaledSmoothly(12).onCanvas(520, 420, 90, 40).inverted().toGreyImage()),
            new Transform("small and off-centre, light on dark", "png",
                    d -> d.scaledSmoothly(2).onCanvas(400, 300, 330, 230).toGreyImage()),
            new Transform("thick strokes, dark on light", "png",
                    d -> d.scaledSmoothly(8).morphed(6).onCanvas(300, 300, 30, 60).inverted().toGreyImage()),
            new Transform("thin strokes, light on dark", "png",
                    d -> d.scaledSmoothly(8).morphed(-4).onCanvas(260, 240, 20, 8).toGreyImage()),
            new Transform("blue ink on cream paper, JPEG", "jpg",
                    d -> d.scaledSmoothly(6).onCanvas(300, 220, 120, 30).toColourImage(0xfff4d8, 0x1a2a90)),
            new Transform("yellow chalk on green board, off-centre", "png",
                    d -> d.scaledSmoothly(5).morphed(2).onCanvas(420, 320, 10, 170).toColourImage(0x1d4a2a, 0xf2e070)));

    @TempDir
    Path dir;

    @Test
    void predictReadsHardPicturesAboutAsWellAsTheTestSet() throws IOException {
        Map<String, Double> accuracy = measure(40, 97);
        assertThat(accuracy.get("overall")).isGreaterThanOrEqualTo(0.93);
        for (Transform t : TRANSFORMS) assertThat(accuracy.get(t.name())).as(t.name()).isGreaterThanOrEqualTo(0.85);
    }

    @Test
    @Tag("acceptance")
    void predictReadsAThousandHardPicturesOfEachKind() throws IOException {
        Map<String, Double> accuracy = measure(1000, 7);
        assertThat(accuracy.get("overall")).isGreaterThanOrEqualTo(0.95);
    }

    /** Accuracy per transform and overall on {@code perTransform} digits each, spread over the test set. */
    private Map<String, Double> measure(int perTransform, int stride) throws IOException {
        int n = perTransform * TRANSFORMS.size();
        List<String> args = new ArrayList<>(List.of("predict", PredictCommandTest.STARTER.toString(), "--json"));
        int[] labels = new int[n];
        int[] indices = new int[n];
        for (int k = 0; k < n; k++) {
            int index = (int) ((long) k * stride % TEST.size());
            indices[k] = index;
            labels[k] = TEST.label(index);
            Transform t = TRANSFORMS.get(k % TRANSFORMS.size());
            Path file = dir.resolve(k + "." + t.format());
            ImageIO.write(t.picture().apply(Raster.digit(TEST.copyFeatures(index))), t.format(), file.toFile());
            args.add(file.toString());
        }

        CliTest.Run r = PredictCommandTest.run(args.toArray(String[]::new));

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).hasSize(n);
        int[] right = new int[TRANSFORMS.size()];
        for (int k = 0; k < n; k++) {
            assertThat(lines.get(k).get("file").asText()).endsWith(k + "." + TRANSFORMS.get(k % TRANSFORMS.size()).format());
            if (lines.get(k).get("top").get(0).get("label").asText().equals(Integer.toString(labels[k]))) {
                right[k % TRANSFORMS.size()]++;
            }
        }
        TrainedModel model = ModelFile.load(PredictCommandTest.STARTER).model();
        int[] plain = Evaluator.predictedClasses(model, TEST.subset(indices));
        int plainRight = 0;
        for (int k = 0; k < n; k++) if (plain[k] == labels[k]) plainRight++;

        Map<String, Double> accuracy = new LinkedHashMap<>();
        int total = 0;
        for (int t = 0; t < TRANSFORMS.size(); t++) {
            accuracy.put(TRANSFORMS.get(t).name(), right[t] / (double) perTransform);
            total += right[t];
        }
        accuracy.put("overall", total / (double) n);
        System.out.printf("predict on %d made-up pictures (%d per kind); the same digits as plain test images: %.1f%%%n",
                n, perTransform, 100.0 * plainRight / n);
        accuracy.forEach((name, a) -> System.out.printf("  %-42s %.1f%%%n", name, 100 * a));
        return accuracy;
    }
}
