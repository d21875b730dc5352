package org.perceptrix.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Loads a project's training and test examples from its {@link DataSource}, with raw (unscaled) values. */
public final class DataLoader {
    private static final Logger log = LoggerFactory.getLogger(DataLoader.class);

    private static final String MNIST_FOLDER = "/assets/mnist/";
    private static final String MNIST_TRAIN_IMAGES = "train-10k-images-idx3-ubyte.gz";
    private static final String MNIST_TRAIN_LABELS = "train-10k-labels-idx1-ubyte.gz";
    private static final String MNIST_TEST_IMAGES = "t10k-images-idx3-ubyte.gz";
    private static final String MNIST_TEST_LABELS = "t10k-labels-idx1-ubyte.gz";

    /** A data source's training examples and its held-out test examples, with the same shape and classes. */
    public record LoadedData(ExampleSet train, ExampleSet test) {
        public LoadedData {
            Objects.requireNonNull(train);
            Objects.requireNonNull(test);
        }
    }

    // Example sets are immutable, so one copy of the bundled digits can serve every load.
    private static volatile LoadedData bundledMnist;

    private DataLoader() {
    }

    /**
     * Loads the examples {@code source} names; IDX paths that are relative are taken relative to {@code baseDir}
     * (the project file's folder). Pixel values are raw, 0..255.
     *
     * @throws DataException when a file is missing, corrupt, or the files do not fit together
     */
    public static LoadedData load(DataSource source, Path baseDir) {
        Objects.requireNonNull(source);
        Objects.requireNonNull(baseDir);
        return switch (source.kind()) {
            case MNIST -> bundledMnist();
            case IDX -> loadIdx(source, baseDir);
        };
    }

    /** The bundled MNIST digits: 10,000 for training and the official 10,000 for testing; read once, then cached. */
    public static LoadedData bundledMnist() {
        LoadedData data = bundledMnist;
        if (data == null) {
            synchronized (DataLoader.class) {
                data = bundledMnist;
                if (data == null) {
                    long start = System.nanoTime();
                    data = pair(readBundled(MNIST_TRAIN_IMAGES), readBundledLabels(MNIST_TRAIN_LABELS),
                            readBundled(MNIST_TEST_IMAGES), readBundledLabels(MNIST_TEST_LABELS));
                    bundledMnist = data;
                    log.info("Loaded bundled MNIST ({} training, {} test digits) in {} ms", data.train().size(),
                            data.test().size(), (System.nanoTime() - start) / 1_000_000);
                }
            }
        }
        return data;
    }

    private static LoadedData loadIdx(DataSource source, Path baseDir) {
        Path trainImages = resolve(baseDir, source.trainImages(), "training images");
        Path trainLabels = resolve(baseDir, source.trainLabels(), "training labels");
        Path testImages = resolve(baseDir, source.testImages(), "test images");
        Path testLabels = resolve(baseDir, source.testLabels(), "test labels");
        long start = System.nanoTime();
        LoadedData data = pair(IdxReader.readImages(trainImages), IdxReader.readLabels(trainLabels),
                IdxReader.readImages(testImages), IdxReader.readLabels(testLabels));
        log.info("Loaded {} training and {} test examples from IDX files in {} ms", data.train().size(),
                data.test().size(), (System.nanoTime() - start) / 1_000_000);
        return data;
    }

    // Training and test sets get the same number of classes, so a test set missing a rare class still fits the
    // network's output layer.
    private static LoadedData pair(IdxReader.Images trainImages, IdxReader.Labels trainLabels,
                                   IdxReader.Images testImages, IdxReader.Labels testLabels) {
        if (trainImages.rows() != testImages.rows() || trainImages.columns() != testImages.columns()) {
            throw new DataException("training and test images differ in size: " + trainImages.fileName() + " has "
                    + trainImages.rows() + "×" + trainImages.columns() + " pixels but " + testImages.fileName()
                    + " has " + testImages.rows() + "×" + testImages.columns());
        }
        int numClasses = Math.max(ExampleSet.maxLabel(trainLabels.values()),
                ExampleSet.maxLabel(testLabels.values())) + 1;
        return new LoadedData(IdxReader.toExampleSet(trainImages, trainLabels, numClasses),
                IdxReader.toExampleSet(testImages, testLabels, numClasses));
    }

    private static Path resolve(Path baseDir, String file, String what) {
        if (file.isBlank()) throw new DataException("the IDX data source names no " + what + " file");
        try {
            return baseDir.resolve(file.strip()).toAbsolutePath().normalize();
        } catch (InvalidPathException e) {
            throw new DataException("not a valid path for the " + what + ": " + file, e);
        }
    }

    private static IdxReader.Images readBundled(String name) {
        try (InputStream in = openBundled(name)) {
            return IdxReader.readImages(in, name);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read the bundled file (" + e.getMessage() + ")", e);
        }
    }

    private static IdxReader.Labels readBundledLabels(String name) {
        try (InputStream in = openBundled(name)) {
            return IdxReader.readLabels(in, name);
        } catch (IOException e) {
            throw new DataException(name + ": cannot read the bundled file (" + e.getMessage() + ")", e);
        }
    }

    /** The bundled MNIST files' names (gzipped IDX), for {@link #openBundled}. */
    public static java.util.List<String> bundledMnistFiles() {
        return java.util.List.of(MNIST_TRAIN_IMAGES, MNIST_TRAIN_LABELS, MNIST_TEST_IMAGES, MNIST_TEST_LABELS);
    }

    /** Opens one of the {@link #bundledMnistFiles()} (e.g. to hand the same digits to another program). */
    public static InputStream openBundled(String name) {
        InputStream in = DataLoader.class.getResourceAsStream(MNIST_FOLDER + name);
        if (in == null) {
            throw new DataException("file not found: the bundled " + MNIST_FOLDER + name
                    + " is missing from the application");
        }
        return in;
    }
}
