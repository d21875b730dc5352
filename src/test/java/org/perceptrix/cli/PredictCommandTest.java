package org.perceptrix.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.graph.LayerType.*;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.DigitPictures.Raster;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.export.ModelFile;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.GraphSketch;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.train.TrainedModel;
import org.perceptrix.train.TrainingJob;
import org.perceptrix.train.TrainingSession;

/** {@code predict} on picture files made from MNIST test digits, with the starter model. */
class PredictCommandTest {
    static final Path STARTER = Path.of("assets", "models", "starter-lenet.zip");
    private static final ExampleSet TEST = DataLoader.bundledMnist().test();

    @TempDir
    Path dir;

    /** The command line as the user runs it (shared with {@link CliTest}). */
    static CliTest.Run run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void jsonGivesTheTopThreeClassesOfEveryPictureMostLikelyFirst() throws IOException {
        Path big = png("big-dark-on-light.png", Raster.digit(TEST.copyFeatures(0)).scaledUp(6).inverted());
        Path moved = png("moved.png", Raster.digit(TEST.copyFeatures(1)).scaledUp(3).onCanvas(400, 300, 250, 20));
        Path jpeg = dir.resolve("colour.jpg");
        ImageIO.write(Raster.digit(TEST.copyFeatures(2)).scaledUp(4).toColourImage(0xfff8e0, 0x1030c0), "jpeg",
                jpeg.toFile());

        CliTest.Run r = run("predict", STARTER.toString(), big.toString(), moved.toString(), jpeg.toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines).hasSize(3);
        int[] expected = {TEST.label(0), TEST.label(1), TEST.label(2)};
        Path[] files = {big, moved, jpeg};
        for (int i = 0; i < 3; i++) {
            JsonNode line = lines.get(i);
            assertThat(line.get("file").asText()).isEqualTo(files[i].toString());
            JsonNode top = line.get("top");
            assertThat(top).hasSize(3);
            assertThat(top.get(0).get("label").asText()).isEqualTo(Integer.toString(expected[i]));
            assertThat(top.get(0).get("p").asDouble()).isGreaterThan(0.5)
                    .isGreaterThanOrEqualTo(top.get(1).get("p").asDouble());
            assertThat(top.get(1).get("p").asDouble()).isGreaterThanOrEqualTo(top.get(2).get("p").asDouble());
        }
    }

    @Test
    void textGivesOneLinePerPictureWithPercentages() throws IOException {
        Path seven = png("seven.png", Raster.digit(TEST.copyFeatures(0)).scaledUp(2));

        CliTest.Run r = run("predict", STARTER.toString(), seven.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out().strip()).matches("\\Q" + seven + "\\E: 7 \\(\\d+\\.\\d%\\), \\d \\(\\d+\\.\\d%\\), \\d \\(\\d+\\.\\d%\\)");
    }

    @Test
    void aFileThatIsNotAnImageIsNamedAndTheOthersAreStillAnswered() throws IOException {
        Path notes = Files.writeString(dir.resolve("notes.png"), "not a picture");
        Path good = png("good.png", Raster.digit(TEST.copyFeatures(3)));

        CliTest.Run r = run("predict", STARTER.toString(), notes.toString(), good.toString(), "--json");

        assertThat(r.exit()).isEqualTo(Cli.ERROR);
        assertOneLineError(r, "notes.png", "not an image");
        assertThat(r.jsonLines()).hasSize(1);
    }

    @Test
    void aMissingImageIsNamed() {
        assertOneLineError(run("predict", STARTER.toString(), dir.resolve("nowhere.png").toString()), "nowhere.png",
                "not found");
    }

    @Test
    void aBlankPictureHasNoDigit() throws IOException {
        Path blank = png("blank.png", Raster.of(new float[64 * 64], 64, 64).inverted());

        assertOneLineError(run("predict", STARTER.toString(), blank.toString()), "blank.png", "no digit");
    }

    @Test
    void aMissingModelIsNamed() throws IOException {
        Path good = png("good.png", Raster.digit(TEST.copyFeatures(3)));

        assertOneLineError(run("predict", dir.resolve("none.zip").toString(), good.toString()), "none.zip");
    }

    @Test
    void anAutoencoderIsRefusedAsNotAClassifier() throws IOException {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 8)
                .then(OUTPUT, "units", 784, "loss", "identity_mse").graph();
        Path model = save(g, TEST.head(64), DataSignature.Target.INPUT, "ae.zip");
        Path good = png("good.png", Raster.digit(TEST.copyFeatures(3)));

        assertOneLineError(run("predict", model.toString(), good.toString()), "ae.zip", "not a classifier");
    }

    @Test
    void aModelForOtherImagesIsRefused() throws IOException {
        float[] pixels = new float[64 * 100];
        int[] labels = new int[64];
        for (int i = 0; i < 64; i++) {
            labels[i] = i % 10;
            pixels[i * 100 + i % 100] = 255;
        }
        ExampleSet small = ExampleSet.of(pixels, labels, 10, 10, 1);
        NetworkGraph g = GraphSketch.start(IMAGE_INPUT, "height", 10, "width", 10).then(DENSE, "units", 8)
                .then(OUTPUT).graph();
        Path model = save(g, small, DataSignature.Target.LABELS, "small.zip");
        Path good = png("good.png", Raster.digit(TEST.copyFeatures(3)));

        assertOneLineError(run("predict", model.toString(), good.toString()), "small.zip", "28×28", "10×10×1");
    }

    private Path save(NetworkGraph g, ExampleSet data, DataSignature.Target target, String name) {
        TrainedModel m = new TrainingSession(new TrainingJob(name, g, data, Scaling.MIN_MAX, target,
                TrainingSettings.defaults().withEpochs(1).withBatchSize(32)), e -> { }).run().model().orElseThrow();
        Path file = dir.resolve(name);
        ModelFile.save(m, DataSource.mnist().withTarget(target), file);
        return file;
    }

    private Path png(String name, Raster raster) throws IOException {
        Path file = dir.resolve(name);
        ImageIO.write(raster.toGreyImage(), "png", file.toFile());
        return file;
    }

    private static void assertOneLineError(CliTest.Run r, String... mentions) {
        assertThat(r.exit()).isNotZero();
        String err = r.err().strip();
        assertThat(err).startsWith("error: ").doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
        for (String m : mentions) assertThat(err).contains(m);
    }
}
