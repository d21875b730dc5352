package org.perceptrix.project;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.LayerNode;
import org.perceptrix.graph.LayerType;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.train.EpochMetrics;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.compile.WeightInit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class ProjectFilesTest {
    @TempDir
    Path dir;

    // --- Round trips ------------------------------------------------------------------------------------------

    @Test
    void projectWithRunsSurvivesSaveLoadSaveByteForByte() throws IOException {
        Path file = dir.resolve("experiment.json");
        ProjectFiles.write(projectWithRuns(), file);
        byte[] first = Files.readAllBytes(file);

        ProjectFiles.write(ProjectFiles.read(file), file);

        assertThat(Files.readAllBytes(file)).isEqualTo(first);
    }

    @Test
    void loadingGivesBackEveryValueThatWasSaved() {
        Project saved = projectWithRuns();

        Project loaded = ProjectFiles.fromJson(ProjectFiles.toJson(saved), "experiment.json");

        assertThat(loaded.name()).isEqualTo(saved.name());
        assertThat(loaded.data()).isEqualTo(saved.data());
        assertThat(loaded.scaling()).isEqualTo(saved.scaling());
        assertThat(loaded.training()).isEqualTo(saved.training());
        // Records compare doubles like Double.compare, so NaN measurements must come back as NaN to be equal.
        assertThat(loaded.runs()).isEqualTo(saved.runs());
        assertSameGraph(loaded.graph(), saved.graph());
    }

    @Test
    void unmeasuredValuesAreWrittenAsNullAndReadBackAsNaN() {
        String json = ProjectFiles.toJson(projectWithRuns());

        assertThat(json).contains("\"validationAccuracy\" : null", "\"testAccuracy\" : null").doesNotContain("NaN");
        RunRecord failed = ProjectFiles.fromJson(json, "experiment.json").runs().get(1);
        assertThat(failed.testAccuracy()).isNaN();
        assertThat(failed.hasTestAccuracy()).isFalse();
    }

    @Test
    void everyLayerTypeSurvivesTheRoundTrip() {
        Project p = projectWithRuns();

        Project loaded = ProjectFiles.fromJson(ProjectFiles.toJson(p), "all.json");

        assertThat(loaded.graph().nodes()).extracting(LayerNode::type).containsExactlyInAnyOrder(LayerType.values());
    }

    // --- Format -----------------------------------------------------------------------------------------------

    @Test
    void fileStartsWithFormatAndVersionAndUsesUnixLineEndings() {
        String json = ProjectFiles.toJson(projectWithRuns());

        assertThat(json).startsWith("{\n  \"format\" : \"perceptrix-project\",\n  \"version\" : 1,\n  \"name\" : ");
        assertThat(json).doesNotContain("\r").endsWith("}\n").doesNotEndWith("\n\n");
    }

    @Test
    void topLevelSectionsComeInAFixedOrder() {
        String json = ProjectFiles.toJson(projectWithRuns());

        assertThat(json).containsSubsequence("\"format\"", "\"version\"", "\"name\"", "\"graph\"", "\"nodes\"",
                "\"edges\"", "\"data\"", "\"preprocessing\"", "\"training\"", "\"runs\"");
    }

    @Test
    void propertiesAreWrittenInCatalogueOrderWithNativeJsonTypes() {
        NetworkGraph g = new NetworkGraph();
        LayerNode conv = g.addNode(LayerType.CONV2D, 0, 0);
        g.setProperty(conv.id(), "activation", "tanh");
        g.setProperty(conv.id(), "filters", "8");
        LayerNode rnn = g.addNode(LayerType.LSTM, 0, 0);
        g.setProperty(rnn.id(), "returnSequences", "true");
        g.addNode(LayerType.DROPOUT, 0, 0);

        String json = ProjectFiles.toJson(new Project("p", g, DataSource.mnist(), Scaling.NONE,
                TrainingSettings.defaults(), List.of()));

        assertThat(json).contains("""
                  "properties" : {
                    "filters" : 8,
                    "kernel" : 3,
                    "stride" : 1,
                    "padding" : "valid",
                    "activation" : "tanh"
                  }""".indent(8).stripTrailing());
        assertThat(json).contains("\"returnSequences\" : true", "\"rate\" : 0.5");
    }

    @Test
    void missingLayerPropertiesTakeTheirDefaults() {
        String json = replace(lenetJson(), """
                "properties" : {
                          "units" : 500,
                          "activation" : "relu"
                        }""", "\"properties\" : { }");

        LayerNode dense = ProjectFiles.fromJson(json, "lenet.json").graph().nodeNamed("dense1").orElseThrow();

        assertThat(dense.intProperty("units")).isEqualTo(128);
        assertThat(dense.stringProperty("activation")).isEqualTo("relu");
    }

    @Test
    void propertyValuesAreCoercedToTheirCatalogueTypes() {
        String json = replace(replace(lenetJson(), "\"units\" : 500", "\"units\" : \"256\""),
                "\"filters\" : 20", "\"filters\" : 20.0");

        Project p = ProjectFiles.fromJson(json, "lenet.json");

        assertThat(p.graph().nodeNamed("dense1").orElseThrow().property("units")).isEqualTo(256);
        assertThat(p.graph().nodeNamed("conv1").orElseThrow().property("filters")).isEqualTo(20);
        assertThat(ProjectFiles.toJson(p)).contains("\"units\" : 256", "\"filters\" : 20,");
    }

    @Test
    void missingTrainingSettingsTakeTheirDefaults() {
        String lenet = lenetJson();
        int start = lenet.indexOf("\"training\" : {");
        int end = lenet.indexOf("}", start) + 1;
        String json = lenet.substring(0, start) + "\"training\" : { \"optimizer\" : \"adam\" }" + lenet.substring(end);

        assertThat(ProjectFiles.fromJson(json, "lenet.json").training()).isEqualTo(TrainingSettings.defaults());
    }

    @Test
    void bundledDigitsAreWrittenWithoutPathsAndIdxFilesWithThem() {
        assertThat(lenetJson()).contains("\"source\" : \"mnist\",\n    \"target\" : \"labels\"")
                .doesNotContain("trainImages");
        assertThat(ProjectFiles.toJson(projectWithRuns()))
                .contains("\"trainImages\" : \"data/train-images.idx3-ubyte\"");
    }

    @Test
    void aByteOrderMarkIsIgnored() throws IOException {
        Path file = dir.resolve("bom.json");
        Files.writeString(file, "\uFEFF" + lenetJson());

        assertThat(ProjectFiles.read(file).name()).isEqualTo("LeNet");
    }

    // --- Writing ----------------------------------------------------------------------------------------------

    @Test
    void savingReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("lenet.json");
        Files.writeString(file, "old contents");

        ProjectFiles.write(TemplateBlueprints.lenet(), file);

        assertThat(Files.readString(file)).isEqualTo(lenetJson());
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void savingIntoAMissingFolderNamesTheFileAndLeavesNothingBehind() {
        Path file = dir.resolve("nowhere").resolve("lenet.json");

        assertThatThrownBy(() -> ProjectFiles.write(TemplateBlueprints.lenet(), file))
                .isInstanceOf(ProjectFileException.class)
                .hasMessageStartingWith("lenet.json: cannot be saved");
        assertThat(dir).isEmptyDirectory();
    }

    @Test
    void savingOverAFolderIsRefused() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("lenet.json"));

        assertThatThrownBy(() -> ProjectFiles.write(TemplateBlueprints.lenet(), folder))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage("lenet.json: is a folder, not a project file");
    }

    // --- Reading bad files ------------------------------------------------------------------------------------

    static Stream<Arguments> brokenFiles() {
        String ok = lenetJson();
        return Stream.of(
                arguments("a missing comma", replace(ok, "\"version\" : 1,", "\"version\" : 1"),
                        "lenet.json: line 4, column 3: malformed JSON (Unexpected character '\"': was expecting "
                                + "comma to separate Object entries)"),
                arguments("a stray closing brace", replace(ok, "\"version\" : 1,", "\"version\" : 1,}"),
                        "lenet.json: line 3, column 17: malformed JSON (Unexpected character '}': was expecting "
                                + "double-quote to start field name)"),
                arguments("half the file", ok.substring(0, ok.length() / 2), "lenet.json: file ends early (truncated?)"),
                arguments("nothing", "", "lenet.json: file is empty"),
                arguments("only blanks", " \n\t\n", "lenet.json: file is empty"),
                arguments("a newer version", replace(ok, "\"version\" : 1,", "\"version\" : 7,"),
                        "lenet.json: unsupported project version 7 (this Perceptrix reads version 1)"),
                arguments("a fractional version", replace(ok, "\"version\" : 1,", "\"version\" : 1.5,"),
                        "lenet.json: \"version\" must be a whole number, not 1.5"),
                arguments("no version", replace(ok, "\"version\" : 1,", ""), "lenet.json: missing \"version\""),
                arguments("no format", replace(ok, "\"format\" : \"perceptrix-project\",", ""),
                        "lenet.json: not a Perceptrix project file (no \"format\": \"perceptrix-project\")"),
                arguments("another format", replace(ok, "\"perceptrix-project\"", "\"keras\""),
                        "lenet.json: not a Perceptrix project file (no \"format\": \"perceptrix-project\")"),
                arguments("a list", "[1, 2, 3]",
                        "lenet.json: not a Perceptrix project file (no \"format\": \"perceptrix-project\")"),
                arguments("an unknown layer type", replace(ok, "\"type\" : \"Conv2D\",\n        \"name\" : \"conv2\"",
                                "\"type\" : \"Conv3D\",\n        \"name\" : \"conv2\""),
                        "lenet.json: node 'n5' has unknown layer type 'Conv3D' (known: ImageInput, VectorInput, "
                                + "SequenceInput, Dense, Dropout, BatchNorm, Activation, Flatten, Conv2D, MaxPool, "
                                + "AvgPool, GlobalPool, SimpleRNN, LSTM, Concatenate, Add, Output)"),
                arguments("a negative unit count", replace(ok, "\"units\" : 500", "\"units\" : -5"),
                        "lenet.json: node 'dense1' (n8): units must be between 1 and 1000000, not -5"),
                arguments("a fractional filter count", replace(ok, "\"filters\" : 20", "\"filters\" : 2.5"),
                        "lenet.json: node 'conv1' (n2): filters must be a whole number, not 2.5"),
                arguments("an unknown activation", replace(ok, "\"activation\" : \"relu\"\n        }\n      },\n"
                                + "      {\n        \"id\" : \"n3\"", "\"activation\" : \"swish\"\n        }\n"
                                + "      },\n      {\n        \"id\" : \"n3\""),
                        "lenet.json: node 'conv1' (n2): activation must be one of relu, sigmoid, tanh, leaky_relu, "
                                + "elu, softmax, identity, not 'swish'"),
                arguments("a misspelt property", replace(ok, "\"units\" : 500", "\"unit\" : 500"),
                        "lenet.json: node 'dense1' (n8): Dense has no property \"unit\" (known: units, activation)"),
                arguments("a node without a name", replace(ok, "\"name\" : \"pool1\",\n", ""),
                        "lenet.json: node 'n4': missing \"name\""),
                arguments("two nodes with one id", replace(ok, "\"id\" : \"n3\"", "\"id\" : \"n2\""),
                        "lenet.json: two nodes have the id 'n2'"),
                arguments("an edge from nowhere", replace(ok, "\"from\" : \"n1\"", "\"from\" : \"n19\""),
                        "lenet.json: edge from 'n19' refers to no node"),
                arguments("an edge to nowhere", replace(ok, "\"to\" : \"n7\"", "\"to\" : \"n70\""),
                        "lenet.json: edge to 'n70' refers to no node"),
                arguments("an edge listed twice", replace(ok, "\"from\" : \"n2\",\n        \"to\" : \"n3\"",
                                "\"from\" : \"n1\",\n        \"to\" : \"n2\""),
                        "lenet.json: edge from 'n1' to 'n2' is listed twice"),
                arguments("a zero learning rate", replace(ok, "\"learningRate\" : 0.001", "\"learningRate\" : 0"),
                        "lenet.json: training: learning rate must be above 0 and at most 10, not 0.0"),
                arguments("an enormous coordinate", replace(ok, "\"x\" : 40.0", "\"x\" : 1e999"),
                        "lenet.json: node 'input' (n1): \"x\" must be a number, not a number too large to use "
                                + "(Infinity)"),
                arguments("a learning rate in words", replace(ok, "\"learningRate\" : 0.001",
                                "\"learningRate\" : \"fast\""),
                        "lenet.json: training: \"learningRate\" must be a number, not \"fast\""),
                arguments("an unknown optimizer", replace(ok, "\"adam\"", "\"adamw\""),
                        "lenet.json: training: unknown optimizer 'adamw' (known: sgd, nesterov, adam, "
                                + "adagrad, rmsprop)"),
                arguments("a misspelt training field", replace(ok, "\"learningRate\"", "\"learningrate\""),
                        "lenet.json: training: unknown field \"learningrate\" (known: optimizer, learningRate, "
                                + "momentum, batchSize, epochs, l1, l2, dropout, weightInit, seed, validationSplit, "
                                + "earlyStoppingPatience, schedule, decayRate, decayEpochs)"),
                arguments("a line break in a field name", replace(ok, "\"learningRate\"", "\"learning\\nRate\""),
                        "lenet.json: training: unknown field \"learning\\nRate\" (known: optimizer, learningRate, "
                                + "momentum, batchSize, epochs, l1, l2, dropout, weightInit, seed, validationSplit, "
                                + "earlyStoppingPatience, schedule, decayRate, decayEpochs)"),
                arguments("a missing closing quote", replace(ok, "\"LeNet\",", "\"LeNet,"),
                        "lenet.json: line 4, column 19: malformed JSON (Line break inside quoted text (a closing quote "
                                + "missing?) in string value)"),
                arguments("an unknown data source", replace(ok, "\"mnist\"", "\"cifar\""),
                        "lenet.json: data: unknown source 'cifar' (known: mnist, idx)"),
                arguments("idx without paths", replace(ok, "\"mnist\"", "\"idx\""),
                        "lenet.json: data: missing \"trainImages\""),
                arguments("an unknown scaling", replace(ok, "\"min_max\"", "\"log\""),
                        "lenet.json: preprocessing: unknown scaling 'log' (known: none, min_max, standardize)"),
                arguments("no graph", replace(ok, "\"graph\" :", "\"grap\" :"),
                        "lenet.json: unknown field \"grap\" (known: format, version, name, graph, data, "
                                + "preprocessing, training, runs)"),
                arguments("runs that are not a list", replace(ok, "\"runs\" : [ ]", "\"runs\" : { }"),
                        "lenet.json: \"runs\" must be a list [ ... ], not an object"),
                arguments("a key given twice", replace(ok, "\"version\" : 1,", "\"version\" : 1,\n  \"version\" : 1,"),
                        "lenet.json: line 4, column 12: malformed JSON (Duplicate field 'version')"),
                arguments("NaN written by another tool", replace(ok, "\"l1\" : 0.0", "\"l1\" : NaN"),
                        "lenet.json: line 172, column 15: malformed JSON (Non-standard token 'NaN')"),
                arguments("text after the end", ok + "{}\n",
                        "lenet.json: line 185, column 1: unexpected text after the end of the project"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void aBrokenFileIsRefusedWithOneLineNamingTheFileAndTheProblem(String what, String json, String message)
            throws IOException {
        Path file = dir.resolve("lenet.json");
        Files.writeString(file, json);

        assertThatThrownBy(() -> ProjectFiles.read(file)).isInstanceOf(ProjectFileException.class)
                .hasMessage(message);
        assertThatThrownBy(() -> ProjectFiles.fromJson(json, "lenet.json")).hasMessage(message);
    }

    @Test
    void aMissingFileIsNamed() {
        assertThatThrownBy(() -> ProjectFiles.read(dir.resolve("lenet.json")))
                .isInstanceOf(ProjectFileException.class)
                .hasMessage("lenet.json: file not found");
    }

    @Test
    void aFolderIsNotAProject() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("lenet.json"));

        assertThatThrownBy(() -> ProjectFiles.read(folder)).hasMessage("lenet.json: is a folder, not a project file");
    }

    @Test
    void aFileInAnotherEncodingIsNamedAsSuch() throws IOException {
        Path file = dir.resolve("lenet.json");
        Files.write(file, replace(lenetJson(), "\"LeNet\"", "\"卷积网络\"").getBytes(Charset.forName("GBK")));

        assertThatThrownBy(() -> ProjectFiles.read(file))
                .hasMessage("lenet.json: is not UTF-8 text (bad byte at offset 66): save it as UTF-8");
    }

    @Test
    void aJavaSerializedObjectIsNeverDeserialized() throws IOException {
        Path file = dir.resolve("lenet.json");
        Files.write(file, new byte[] {(byte) 0xAC, (byte) 0xED, 0x00, 0x05, 0x73, 0x72});

        assertThatThrownBy(() -> ProjectFiles.read(file)).isInstanceOf(ProjectFileException.class)
                .hasMessageStartingWith("lenet.json: ");
    }

    @Test
    void everyTruncationOfAProjectIsReportedAsAFileThatEndsEarly() throws IOException {
        byte[] whole = ProjectFiles.toJson(projectWithRuns()).getBytes(StandardCharsets.UTF_8);
        // Cutting off only the trailing newline leaves a complete, valid file.
        int complete = whole.length - 1;
        Path file = dir.resolve("experiment.json");

        for (int length = 0; length < complete; length++) {
            Files.write(file, Arrays.copyOf(whole, length));

            Throwable thrown = catchThrowable(() -> ProjectFiles.read(file));

            assertThat(thrown).as("first %d of %d bytes", length, whole.length)
                    .isInstanceOf(ProjectFileException.class)
                    .hasMessage(length == 0 ? "experiment.json: file is empty"
                            : "experiment.json: file ends early (truncated?)");
        }
    }

    @Test
    void randomlyDamagedFilesLoadOrFailOnlyWithAOneLineProjectFileException() throws IOException {
        byte[] whole = ProjectFiles.toJson(projectWithRuns()).getBytes(StandardCharsets.UTF_8);
        Random random = new Random(42);
        Path file = dir.resolve("experiment.json");
        String[] junk = {"", "{", "}", "[", "]", ",", ":", "\"", "0", "-1", "1e999", "null", "true", "\\", "\u00e9"};

        for (int i = 0; i < 3000; i++) {
            String text = new String(whole, StandardCharsets.UTF_8);
            int at = random.nextInt(text.length());
            int cut = Math.min(text.length(), at + random.nextInt(8));
            String damaged = text.substring(0, at) + junk[random.nextInt(junk.length)] + text.substring(cut);
            Files.writeString(file, damaged);

            Throwable thrown = catchThrowable(() -> ProjectFiles.read(file));

            if (thrown != null) {
                assertThat(thrown).as(damaged).isInstanceOf(ProjectFileException.class)
                        .hasMessageStartingWith("experiment.json: ").hasMessageNotContaining("\n")
                        .hasMessageNotContaining("Exception");
            }
        }
    }

    // --- Helpers ----------------------------------------------------------------------------------------------

    private static String lenetJson() {
        return ProjectFiles.toJson(TemplateBlueprints.lenet());
    }

    /** Replaces text that must be there, so that a change in the format cannot silently void a test case. */
    private static String replace(String text, String old, String replacement) {
        assertThat(text).contains(old);
        return text.replace(old, replacement);
    }

    /** A project with every layer type, IDX data, non-default settings and two runs, one with unmeasured values. */
    static Project projectWithRuns() {
        NetworkGraph g = new NetworkGraph();
        double x = 40;
        for (LayerType type : LayerType.values()) {
            g.addNode(type, x, 120.5);
            x += 180;
        }
        g.connect("n1", "n9");
        g.connect("n9", "n10");
        g.setProperty("n5", "rate", 0.25);
        g.setProperty("n14", "returnSequences", true);
        g.rename("n17", "输出");
        TrainingSettings settings = new TrainingSettings(Optimizer.SGD, 1e-4, 0.95, 32, 12, 0.0, 5e-4, 0.2,
                WeightInit.XAVIER, 1_234_567_890_123L, 0.15, 3);
        DataSource data = new DataSource(DataSource.Kind.IDX, "data/train-images.idx3-ubyte",
                "data/train-labels.idx1-ubyte", "/home/student/t10k-images.idx3-ubyte", "C:\\data\\t10k-labels",
                DataSignature.Target.LABELS);
        RunRecord finished = new RunRecord("run-1", "2026-11-24T10:15:30.123Z", settings,
                List.of(new EpochMetrics(1, 0.412, 0.2101, 0.9388, 612.5, 17_450),
                        new EpochMetrics(2, 0.1234567890123, 0.1577, Double.NaN, 640.0, 34_900)),
                0.9712, "models/run-1.zip", "finished");
        RunRecord failed = new RunRecord("run-2", "2026-11-24T11:00:00+08:00", TrainingSettings.defaults(), List.of(),
                Double.NaN, "", "failed: out of memory");
        return new Project("我的实验 \"quoted\"", g, data, Scaling.STANDARDIZE, settings, List.of(finished, failed));
    }

    private static void assertSameGraph(NetworkGraph actual, NetworkGraph expected) {
        assertThat(actual.nodes()).hasSameSizeAs(expected.nodes());
        for (LayerNode e : expected.nodes()) {
            LayerNode a = actual.require(e.id());
            assertThat(a.type()).isEqualTo(e.type());
            assertThat(a.name()).isEqualTo(e.name());
            assertThat(a.x()).isEqualTo(e.x());
            assertThat(a.y()).isEqualTo(e.y());
            assertThat(a.properties()).containsExactlyEntriesOf(e.properties());
        }
        assertThat(actual.edges()).isEqualTo(expected.edges());
    }
}
