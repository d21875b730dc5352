package org.perceptrix.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user runs it: exit codes, tables, JSON lines and one-line errors. */
class CliTest {
    private static final Path TEMPLATES = Path.of("assets", "templates");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Run(int exit, String out, String err) {
        List<JsonNode> jsonLines() throws IOException {
            List<JsonNode> lines = new ArrayList<>();
            for (String line : out.strip().split("\n")) lines.add(JSON.readTree(line));
            return lines;
        }
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = Cli.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void validateShowsEveryLayersShapeAndExitsZeroForLenet() {
        Run r = run("validate", TEMPLATES.resolve("lenet.json").toString());

        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("24×24×20", "4×4×50", "431,360").endsWith("valid" + System.lineSeparator());
    }

    @Test
    void validateJsonListsNodesAndProblems() throws IOException {
        Run r = run("validate", TEMPLATES.resolve("mlp.json").toString(), "--json");

        JsonNode root = r.jsonLines().get(0);
        assertThat(root.get("valid").asBoolean()).isTrue();
        assertThat(root.get("total_parameters").asLong()).isEqualTo(101_770);
        assertThat(root.get("nodes")).hasSize(3);
        assertThat(root.get("problems")).isEmpty();
    }

    @Test
    void validateExitsTwoAndPinsTheProblemForAnInvalidGraph() throws IOException {
        String lenet = Files.readString(TEMPLATES.resolve("lenet.json"));
        Path broken = dir.resolve("broken.json");
        Files.writeString(broken, lenet.replace("\"kernel\" : 5", "\"kernel\" : 13"));

        Run r = run("validate", broken.toString());

        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).contains("error: Conv2D 'conv2': kernel 13×13 is larger than its 8×8 input");
    }

    @Test
    void trainThenEvaluateReportsTheSameAccuracyFromTheSavedModel() throws IOException {
        Path model = dir.resolve("mlp.zip");

        Run train = run("train", TEMPLATES.resolve("mlp.json").toString(), "--epochs", "2", "--limit", "600",
                "--out", model.toString(), "--json");

        assertThat(train.exit()).as(train.err()).isZero();
        List<JsonNode> lines = train.jsonLines();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("epoch").asInt()).isEqualTo(1);
        assertThat(lines.get(1).get("train_loss").asDouble()).isLessThan(lines.get(0).get("train_loss").asDouble());
        assertThat(lines.get(1).get("val_acc").asDouble()).isBetween(0.5, 1.0);
        assertThat(lines.get(1).get("examples_per_s").asDouble()).isPositive();
        double testAccuracy = lines.get(2).get("test_acc").asDouble();
        assertThat(testAccuracy).isGreaterThan(0.6);
        assertThat(lines.get(2).get("model").asText()).isEqualTo(model.toString());
        assertThat(model).exists();

        Run eval = run("evaluate", model.toString(), "--json");

        assertThat(eval.exit()).as(eval.err()).isZero();
        JsonNode report = eval.jsonLines().get(0);
        assertThat(report.get("accuracy").asDouble()).isEqualTo(testAccuracy);
        assertThat(report.get("confusion")).hasSize(10);
        assertThat(report.get("per_class").get(3).get("label").asText()).isEqualTo("3");
        long total = 0;
        for (JsonNode row : report.get("confusion")) for (JsonNode v : row) total += v.asLong();
        assertThat(total).isEqualTo(10_000);
    }

    /** The comparison's own side, without PyTorch: a warm-up epoch, then the timed one, on the fast path. */
    @Test
    void benchComparePytorchWithoutPythonMeasuresPerceptrixAfterAWarmUpEpoch() throws IOException {
        Run r = run("bench", "--compare-pytorch", "--python", "none", "--repeat", "1", "--models", "mlp");
        assertThat(r.exit()).as(r.err()).isZero();
        JsonNode j = r.jsonLines().get(0);
        assertThat(j.get("model").asText()).isEqualTo("mlp");
        assertThat(j.get("perceptrix_warmup_examples_per_s").asDouble()).isPositive();
        assertThat(j.get("perceptrix_runs")).hasSize(1);
        assertThat(j.get("perceptrix_accuracy").asDouble()).as("one epoch of the MLP").isGreaterThan(0.85);
        assertThat(j.get("pytorch_examples_per_s").isNull()).isTrue();
        assertThat(j.get("helpers").asText()).contains("dense1=FastDenseLayer");
    }

    @Test
    void trainWithoutJsonPrintsEpochLinesAndWhereTheModelWent() {
        Path model = dir.resolve("ae.zip");

        Run r = run("train", TEMPLATES.resolve("autoencoder.json").toString(), "--epochs", "1", "--limit", "300",
                "--out", model.toString());

        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.out()).contains("epoch 1: train loss", "test reconstruction error (MSE)", "model saved to " + model);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mlp", "lenet", "lstm", "autoencoder"})
    void everyTemplateTrainsFromTheCommandLine(String template) throws IOException {
        Path model = dir.resolve(template + ".zip");

        Run r = run("train", TEMPLATES.resolve(template + ".json").toString(), "--epochs", "1", "--limit", "200",
                "--out", model.toString(), "--json");

        assertThat(r.exit()).as(r.err()).isZero();
        List<JsonNode> lines = r.jsonLines();
        assertThat(lines.get(0).get("train_loss").asDouble()).isFinite().isPositive();
        assertThat(lines.get(lines.size() - 1).get("model").asText()).isEqualTo(model.toString());
        assertThat(model).exists();
    }

    // --- bad input: one clear line naming the problem and the file, a non-zero exit, no stack trace ---

    @Test
    void malformedJsonNamesTheFileAndLine() throws IOException {
        Path p = dir.resolve("bad.json");
        Files.writeString(p, "{\n  \"format\" : \"perceptrix-project\",\n  \"version\" : 1,\n  oops\n}\n");

        assertOneLineError(run("validate", p.toString()), "bad.json", "line 4");
    }

    @Test
    void unknownLayerTypeIsNamed() throws IOException {
        Path p = dir.resolve("conv3d.json");
        Files.writeString(p, Files.readString(TEMPLATES.resolve("lenet.json")).replaceFirst("\"Conv2D\"", "\"Conv3D\""));

        assertOneLineError(run("train", p.toString()), "conv3d.json", "Conv3D");
    }

    @ParameterizedTest
    @ValueSource(strings = {"-5", "0"})
    void nonPositiveSizesAreRefused(String units) throws IOException {
        Path p = dir.resolve("size.json");
        Files.writeString(p, Files.readString(TEMPLATES.resolve("mlp.json")).replace("\"units\" : 128", "\"units\" : " + units));

        assertOneLineError(run("validate", p.toString()), "size.json", "units must be between 1");
    }

    @Test
    void missingProjectFileIsNamed() {
        assertOneLineError(run("validate", dir.resolve("nope.json").toString()), "nope.json");
    }

    @Test
    void missingDataFileIsNamed() throws IOException {
        Path p = idxProject("images.idx", "labels.idx");

        assertOneLineError(run("validate", p.toString()), "images.idx");
    }

    @Test
    void idxWithWrongMagicIsNamed() throws IOException {
        writeGz(dir.resolve("images.idx.gz"), header(0x801, 3));
        writeGz(dir.resolve("labels.idx.gz"), labels(3));

        assertOneLineError(run("validate", idxProject("images.idx.gz", "labels.idx.gz").toString()),
                "images.idx.gz", "magic");
    }

    @Test
    void truncatedIdxIsNamed() throws IOException {
        byte[] h = header(0x803, 3, 28, 28);
        writeGz(dir.resolve("images.idx.gz"), concat(h, new byte[100]));
        writeGz(dir.resolve("labels.idx.gz"), labels(3));

        assertOneLineError(run("validate", idxProject("images.idx.gz", "labels.idx.gz").toString()),
                "images.idx.gz", "truncated");
    }

    @Test
    void imageAndLabelCountMismatchIsNamed() throws IOException {
        writeGz(dir.resolve("images.idx.gz"), concat(header(0x803, 3, 28, 28), new byte[3 * 784]));
        writeGz(dir.resolve("labels.idx.gz"), labels(2));

        assertOneLineError(run("validate", idxProject("images.idx.gz", "labels.idx.gz").toString()),
                "images.idx.gz", "labels.idx.gz");
    }

    @Test
    void badArgumentsExplainThemselves() {
        Run r = run("train", TEMPLATES.resolve("mlp.json").toString(), "--epochs", "many");

        assertThat(r.exit()).isNotZero();
        assertThat(r.err()).contains("--epochs").doesNotContain("Exception");
    }

    @Test
    void corruptModelFileIsRefusedInOneLine() throws IOException {
        Path p = dir.resolve("model.zip");
        Files.writeString(p, "not a zip");

        assertOneLineError(run("evaluate", p.toString()), "model.zip");
    }

    private static void assertOneLineError(Run r, String... mentions) {
        assertThat(r.exit()).isNotZero();
        String err = r.err().strip();
        assertThat(err).startsWith("error: ").doesNotContain("\n").doesNotContain("\tat ").doesNotContain("Exception");
        for (String m : mentions) assertThat(err).contains(m);
    }

    private Path idxProject(String images, String labels) throws IOException {
        String mlp = Files.readString(TEMPLATES.resolve("mlp.json"));
        JsonNode root = JSON.readTree(mlp);
        com.fasterxml.jackson.databind.node.ObjectNode data = (com.fasterxml.jackson.databind.node.ObjectNode) root.get("data");
        data.put("source", "idx").put("trainImages", images).put("trainLabels", labels)
                .put("testImages", images).put("testLabels", labels);
        Path p = dir.resolve("idx-project.json");
        Files.writeString(p, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root));
        return p;
    }

    private static byte[] header(int magic, int... dims) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(4 + 4 * dims.length);
        b.putInt(magic);
        for (int d : dims) b.putInt(d);
        return b.array();
    }

    private static byte[] labels(int n) {
        byte[] values = new byte[n];
        for (int i = 0; i < n; i++) values[i] = (byte) (i % 10);
        return concat(header(0x801, n), values);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void writeGz(Path p, byte[] bytes) throws IOException {
        try (GZIPOutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
            out.write(bytes);
        }
    }
}
