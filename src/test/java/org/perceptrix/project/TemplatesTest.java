package org.perceptrix.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.Scaling;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.GraphAnalysis;
import org.perceptrix.graph.ShapeInference;
import org.perceptrix.i18n.Messages;
import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.compile.Optimizer;
import org.perceptrix.compile.TrainingSettings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TemplatesTest {
    private static final Path SOURCE_FOLDER = Path.of("assets", "templates");

    /** With -Dperceptrix.regenerateTemplates=true the bundled files are rewritten from the blueprints first. */
    @BeforeAll
    static void regenerateWhenAsked() throws IOException {
        if (!Boolean.getBoolean("perceptrix.regenerateTemplates")) return;
        Files.createDirectories(SOURCE_FOLDER);
        for (Template t : Templates.all()) {
            ProjectFiles.write(TemplateBlueprints.of(t.id()), SOURCE_FOLDER.resolve(t.fileName()));
        }
    }

    @Test
    void listsTheFourBundledTemplatesInMenuOrder() {
        assertThat(Templates.all()).extracting(Template::id).containsExactly("mlp", "lenet", "lstm", "autoencoder");
        assertThat(Templates.all()).extracting(Template::fileName)
                .containsExactly("mlp.json", "lenet.json", "lstm.json", "autoencoder.json");
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "lstm", "autoencoder"})
    void bundledFileIsExactlyWhatTheWriterMakesOfItsBlueprint(String id) throws IOException {
        String bundled = resource(Templates.find(id).orElseThrow());
        assertThat(bundled).isEqualTo(ProjectFiles.toJson(TemplateBlueprints.of(id)));
        assertThat(Files.readString(SOURCE_FOLDER.resolve(id + ".json"))).isEqualTo(bundled);
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "lstm", "autoencoder"})
    void templateSurvivesLoadAndSaveByteForByte(String id) throws IOException {
        assertThat(ProjectFiles.toJson(Templates.load(id))).isEqualTo(resource(Templates.find(id).orElseThrow()));
    }

    @ParameterizedTest(name = "{0}: {1} parameters")
    @CsvSource({
            "mlp, 101770",
            "lenet, 431360",
            // LSTM: 4·128·(28 + 128) + 4·128 = 80,384; Output: 128·10 + 10 = 1,290
            "lstm, 81674",
            // Dense: 784·128 + 128 = 100,480; Output: 128·784 + 784 = 101,136
            "autoencoder, 201616"})
    void templateIsAValidNetworkForMnistWithTheExpectedParameterCount(String id, long parameters) {
        Project p = Templates.load(id);
        GraphAnalysis analysis = ShapeInference.analyze(p.graph(),
                new DataSignature(784, 10, p.data().target()));

        assertThat(analysis.problems()).isEmpty();
        assertThat(analysis.totalParameters()).isEqualTo(parameters);
    }

    @Test
    void leNetHasTheClassicLayerSizes() {
        GraphAnalysis analysis = ShapeInference.analyze(Templates.load("lenet").graph());
        Map<String, Long> byName = Map.of("conv1", 520L, "conv2", 25_050L, "dense1", 400_500L, "output", 5_010L);
        Project p = Templates.load("lenet");
        byName.forEach((name, count) -> assertThat(
                analysis.nodes().get(p.graph().nodeNamed(name).orElseThrow().id()).parameters())
                .as(name).isEqualTo(count));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "lstm", "autoencoder"})
    void everyTemplateTrainsOnMnistWithTheClassroomSettings(String id) {
        Project p = Templates.load(id);
        TrainingSettings t = p.training();

        assertThat(p.data().kind()).isEqualTo(DataSource.Kind.MNIST);
        assertThat(p.scaling()).isEqualTo(Scaling.MIN_MAX);
        assertThat(t.optimizer()).isEqualTo(Optimizer.ADAM);
        // MLP and LeNet are tuned to reach the README's accuracies in 5 epochs on 10,000 digits.
        assertThat(t.learningRate()).isEqualTo(switch (id) {
            case "lstm" -> 0.005;
            case "mlp" -> 0.003;
            default -> 0.001;
        });
        assertThat(t.batchSize()).isEqualTo(switch (id) {
            case "mlp" -> 16;
            case "lenet" -> 32;
            default -> 64;
        });
        assertThat(t.schedule()).isEqualTo(id.equals("mlp") || id.equals("lenet")
                ? LearningRateSchedule.COSINE : LearningRateSchedule.FIXED);
        assertThat(t.epochs()).isEqualTo(5);
        assertThat(t.seed()).isEqualTo(42);
        assertThat(t.validationSplit()).isEqualTo(0.1);
        assertThat(p.runs()).isEmpty();
    }

    @Test
    void onlyTheAutoencoderReconstructsItsInput() {
        assertThat(Templates.all()).allSatisfy(t -> assertThat(Templates.load(t).data().target())
                .isEqualTo(t.id().equals("autoencoder") ? DataSignature.Target.INPUT : DataSignature.Target.LABELS));
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "lstm", "autoencoder"})
    void nodesAreLaidOutLeftToRightOnOneRow(String id) {
        var nodes = Templates.load(id).graph().nodes().stream().toList();
        for (int i = 1; i < nodes.size(); i++) {
            assertThat(nodes.get(i).x()).isEqualTo(nodes.get(i - 1).x() + 180);
            assertThat(nodes.get(i).y()).isEqualTo(200);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"mlp", "lenet", "lstm", "autoencoder"})
    void everyTemplateHasANameAndDescriptionInEnglishAndChinese(String id) {
        Template t = Templates.find(id).orElseThrow();
        for (String key : new String[] {t.nameKey(), t.descriptionKey()}) {
            for (Locale locale : Messages.SUPPORTED) {
                assertThat(Messages.bundle("org.perceptrix.i18n.messages", locale).orElseThrow().containsKey(key))
                        .as(key + " in " + locale).isTrue();
            }
            assertThat(Messages.get(Locale.SIMPLIFIED_CHINESE, key)).isNotEqualTo(Messages.get(Locale.ENGLISH, key));
        }
    }

    @Test
    void loadingATemplateGivesAFreshGraphEachTime() {
        Project first = Templates.load("mlp");
        first.graph().rename("n1", "changed");

        assertThat(Templates.load("mlp").graph().require("n1").name()).isEqualTo("input");
    }

    @Test
    void anUnknownTemplateIsRefusedWithTheKnownOnes() {
        assertThatThrownBy(() -> Templates.load("resnet")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no template 'resnet' (known: mlp, lenet, lstm, autoencoder)");
    }

    private static String resource(Template t) throws IOException {
        try (InputStream in = TemplatesTest.class.getResourceAsStream(t.resource())) {
            assertThat(in).as(t.resource()).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
