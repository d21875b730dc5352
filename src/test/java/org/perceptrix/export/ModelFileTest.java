package org.perceptrix.export;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.perceptrix.graph.LayerType.*;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.data.DataLoader;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.ExampleSet;
import org.perceptrix.data.Scaling;
import org.perceptrix.compile.LearningRateSchedule;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.GraphSketch;
import org.perceptrix.graph.NetworkGraph;
import org.perceptrix.train.TrainedModel;
import org.perceptrix.train.TrainingJob;
import org.perceptrix.train.TrainingSession;
import org.perceptrix.compile.TrainingSettings;

class ModelFileTest {
    private static final ExampleSet DIGITS = DataLoader.bundledMnist().train().head(320);
    private static TrainedModel cnn;

    @TempDir
    Path dir;

    @BeforeAll
    static void trainASmallCnn() {
        NetworkGraph g = GraphSketch.start(IMAGE_INPUT).then(CONV2D, "filters", 4, "kernel", 5).then(MAX_POOL)
                .then(DENSE, "units", 16).then(OUTPUT).graph();
        TrainingJob job = new TrainingJob("tiny cnn", g, DIGITS, Scaling.MIN_MAX, DataSignature.Target.LABELS,
                TrainingSettings.defaults().withEpochs(1).withBatchSize(32));
        cnn = new TrainingSession(job, e -> { }).run().model().orElseThrow();
    }

    @Test
    void savedModelPredictsExactlyAsBefore() {
        Path file = dir.resolve("cnn.zip");
        ModelFile.save(cnn, DataSource.mnist(), file);

        SavedModel loaded = ModelFile.load(file);

        ExampleSet some = DIGITS.head(50);
        assertThat(loaded.model().outputs(some, 16)).containsExactly(cnn.outputs(some, 16));
        assertThat(loaded.model().classNames()).isEqualTo(cnn.classNames());
        assertThat(loaded.model().input()).isEqualTo(cnn.input());
        assertThat(loaded.model().scaling()).isEqualTo(cnn.scaling());
        assertThat(loaded.model().name()).isEqualTo("tiny cnn");
        assertThat(loaded.data()).isEqualTo(DataSource.mnist());
    }

    @Test
    void aCosineScheduleSurvivesSavingAndLoading() {
        NetworkGraph g = GraphSketch.start(VECTOR_INPUT).then(DENSE, "units", 8).then(OUTPUT).graph();
        TrainingSettings s = TrainingSettings.defaults().withEpochs(1).withBatchSize(64)
                .withSchedule(LearningRateSchedule.COSINE, 0.5, 2);
        TrainedModel model = new TrainingSession(new TrainingJob("cosine", g, DIGITS, Scaling.MIN_MAX,
                DataSignature.Target.LABELS, s), e -> { }).run().model().orElseThrow();
        Path file = dir.resolve("cosine.zip");
        ModelFile.save(model, DataSource.mnist(), file);

        TrainedModel loaded = ModelFile.load(file).model();

        assertThat(loaded.network().getConfiguration().toJson()).isEqualTo(model.network().getConfiguration().toJson());
        assertThat(loaded.network().getLearningRate("dense1")).isEqualTo(model.network().getLearningRate("dense1"));
    }

    @Test
    void savingReplacesAnOldFileAndLeavesNoTemporaryFiles() throws IOException {
        Path file = dir.resolve("cnn.zip");
        Files.writeString(file, "old");

        ModelFile.save(cnn, DataSource.mnist(), file);

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertThat(zip.getEntry("perceptrix.json")).isNotNull();
            assertThat(zip.getEntry("configuration.json")).isNotNull();
        }
    }

    @Test
    void entryEscapingItsFolderIsRefused() throws IOException {
        Path file = zipWith("../../evil.sh", new byte[] {1});

        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessage("evil.zip: refused: the entry '../../evil.sh' points outside the archive");
    }

    @Test
    void archiveThatWouldUnpackBeyondTheLimitIsRefused() throws IOException {
        Path file = zipWith("coefficients.bin", new byte[2_000_000]); // zeros compress to a few kilobytes

        assertThat(Files.size(file)).isLessThan(100_000);
        assertThatThrownBy(() -> ModelFile.load(file, 1_000_000)).isInstanceOf(ModelFileException.class)
                .hasMessage("evil.zip: refused: it would unpack to more than 1000000 bytes");
    }

    @Test
    void javaSerializedEntriesAreNeverOpened() throws IOException {
        Path file = zipWith("preprocessor.bin", new byte[] {(byte) 0xac, (byte) 0xed, 0, 5});

        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessageStartingWith("evil.zip: refused: unexpected entry 'preprocessor.bin'");
    }

    @Test
    void plainDl4jZipWithoutOurMetadataIsNotAPerceptrixModel() throws IOException {
        Path file = zipWith("configuration.json", "{}".getBytes());

        assertThatThrownBy(() -> ModelFile.load(file)).isInstanceOf(ModelFileException.class)
                .hasMessage("evil.zip: not a Perceptrix model (it has no coefficients.bin)");
    }

    @Test
    void zipSlipNamesAreRecognised() {
        assertThat(ModelFile.escapes("a/../../b")).isTrue();
        assertThat(ModelFile.escapes("/etc/passwd")).isTrue();
        assertThat(ModelFile.escapes("C:evil")).isTrue();
        assertThat(ModelFile.escapes("..\\evil")).isTrue();
        assertThat(ModelFile.escapes("coefficients.bin")).isFalse();
        assertThat(ModelFile.escapes("dir/a..b")).isFalse();
    }

    private Path zipWith(String entry, byte[] content) throws IOException {
        Path file = dir.resolve("evil.zip");
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(entry));
            zip.write(content);
            zip.closeEntry();
        }
        return file;
    }
}
