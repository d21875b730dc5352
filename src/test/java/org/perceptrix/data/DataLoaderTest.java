package org.perceptrix.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.Shape;

class DataLoaderTest {

    @TempDir
    Path dir;

    private static DataSource idx(String trainImages, String trainLabels, String testImages, String testLabels) {
        return new DataSource(DataSource.Kind.IDX, trainImages, trainLabels, testImages, testLabels,
                DataSignature.Target.LABELS);
    }

    private void writeIdxPair(Path folder, String prefix, int count, int side, int... labels) throws Exception {
        Files.createDirectories(folder);
        IdxFiles.write(folder, prefix + "-images.gz", IdxFiles.gzip(IdxFiles.images(count, side, side)));
        IdxFiles.write(folder, prefix + "-labels.gz", IdxFiles.gzip(IdxFiles.labels(labels)));
    }

    @Test
    void bundledMnistHasTenThousandTrainingAndTestDigits() {
        DataLoader.LoadedData mnist = DataLoader.load(DataSource.mnist(), dir);

        for (ExampleSet set : List.of(mnist.train(), mnist.test())) {
            assertThat(set.size()).isEqualTo(10_000);
            assertThat(set.featureCount()).isEqualTo(784);
            assertThat(set.shape()).isEqualTo(new Shape.Image(28, 28, 1));
            assertThat(set.numClasses()).isEqualTo(10);
            assertThat(set.classNames()).containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
            assertThat(java.util.Arrays.stream(set.classCounts()).boxed()).allSatisfy(count -> assertThat(count).isBetween(800, 1300));
        }
        // The first digit of the official test set is a 7, the second a 2: a check that the right file was read.
        assertThat(mnist.test().label(0)).isEqualTo(7);
        assertThat(mnist.test().label(1)).isEqualTo(2);
    }

    @Test
    void bundledMnistHasRawPixelValues() {
        float[] pixels = DataLoader.bundledMnist().train().features();

        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float p : pixels) {
            min = Math.min(min, p);
            max = Math.max(max, p);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(255f);
    }

    @Test
    void bundledMnistIsReadOnceAndShared() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<DataLoader.LoadedData>> loads = List.of(DataLoader::bundledMnist, DataLoader::bundledMnist,
                    DataLoader::bundledMnist, DataLoader::bundledMnist);
            List<Future<DataLoader.LoadedData>> results = pool.invokeAll(loads);
            for (Future<DataLoader.LoadedData> result : results) {
                assertThat(result.get()).isSameAs(DataLoader.load(DataSource.mnist(), dir));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void minMaxScalingMapsMnistPixelsToZeroToOne() {
        ExampleSet train = DataLoader.bundledMnist().train();

        FittedScaling minMax = FittedScaling.fit(Scaling.MIN_MAX, train);
        float[] scaled = minMax.apply(train).features();

        assertThat(minMax.offset()).isZero();
        assertThat(minMax.scale()).isEqualTo(255);
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (float v : scaled) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertThat(min).isZero();
        assertThat(max).isEqualTo(1f);
    }

    @Test
    void standardizingMnistGivesMeanZeroAndDeviationOne() {
        ExampleSet train = DataLoader.bundledMnist().train();

        FittedScaling z = FittedScaling.fit(Scaling.STANDARDIZE, train);
        float[] scaled = z.apply(train).features();

        // MNIST's well-known pixel mean and deviation are about 33.3 and 78.6 (0.1307 and 0.3081 after ÷ 255).
        assertThat(z.offset()).isCloseTo(33.3, within(1.0));
        assertThat(z.scale()).isCloseTo(78.6, within(1.0));
        double sum = 0;
        double squares = 0;
        for (float v : scaled) {
            sum += v;
            squares += (double) v * v;
        }
        double mean = sum / scaled.length;
        assertThat(mean).isCloseTo(0, within(1e-4));
        assertThat(Math.sqrt(squares / scaled.length - mean * mean)).isCloseTo(1, within(1e-4));
    }

    @Test
    void loadsIdxFilesRelativeToTheBaseFolder() throws Exception {
        writeIdxPair(dir.resolve("data"), "train", 4, 5, 0, 1, 2, 1);
        writeIdxPair(dir.resolve("data"), "test", 2, 5, 2, 0);

        DataLoader.LoadedData data = DataLoader.load(idx("data/train-images.gz", "data/train-labels.gz",
                "data/test-images.gz", "data/test-labels.gz"), dir);

        assertThat(data.train().size()).isEqualTo(4);
        assertThat(data.train().shape()).isEqualTo(new Shape.Image(5, 5, 1));
        assertThat(data.train().labels()).containsExactly(0, 1, 2, 1);
        assertThat(data.test().labels()).containsExactly(2, 0);
        assertThat(data.test().copyFeatures(1)[0]).isEqualTo(1f);
    }

    @Test
    void loadsIdxFilesGivenByAbsolutePath(@TempDir Path elsewhere) throws Exception {
        writeIdxPair(elsewhere, "train", 3, 4, 0, 1, 0);
        writeIdxPair(elsewhere, "test", 1, 4, 1);

        DataLoader.LoadedData data = DataLoader.load(idx(elsewhere.resolve("train-images.gz").toString(),
                elsewhere.resolve("train-labels.gz").toString(), elsewhere.resolve("test-images.gz").toString(),
                elsewhere.resolve("test-labels.gz").toString()), dir);

        assertThat(data.train().size()).isEqualTo(3);
        assertThat(data.test().size()).isEqualTo(1);
    }

    @Test
    void trainingAndTestSetsShareTheirClasses() throws Exception {
        writeIdxPair(dir, "train", 3, 2, 0, 1, 0);
        writeIdxPair(dir, "test", 2, 2, 4, 1);

        DataLoader.LoadedData data = DataLoader.load(idx("train-images.gz", "train-labels.gz", "test-images.gz",
                "test-labels.gz"), dir);

        assertThat(data.train().numClasses()).isEqualTo(5);
        assertThat(data.test().numClasses()).isEqualTo(5);
    }

    @Test
    void missingIdxFileNamesTheResolvedPath() throws Exception {
        writeIdxPair(dir, "train", 3, 2, 0, 1, 0);

        assertThatThrownBy(() -> DataLoader.load(idx("train-images.gz", "train-labels.gz", "test-images.gz",
                "test-labels.gz"), dir))
                .isInstanceOf(DataException.class)
                .hasMessage("file not found: " + dir.toAbsolutePath().normalize().resolve("test-images.gz"));
    }

    @Test
    void rejectsTestImagesOfAnotherSize() throws Exception {
        writeIdxPair(dir, "train", 2, 28, 0, 1);
        writeIdxPair(dir, "test", 2, 32, 0, 1);

        assertThatThrownBy(() -> DataLoader.load(idx("train-images.gz", "train-labels.gz", "test-images.gz",
                "test-labels.gz"), dir))
                .isInstanceOf(DataException.class)
                .hasMessage("training and test images differ in size: train-images.gz has 28×28 pixels but "
                        + "test-images.gz has 32×32");
    }

    @Test
    void rejectsIdxSourceWithoutTestFiles() {
        assertThatThrownBy(() -> DataLoader.load(idx("a.gz", "b.gz", "", "d.gz"), dir))
                .isInstanceOf(DataException.class)
                .hasMessage("the IDX data source names no test images file");
    }
}
