package org.perceptrix.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The LeNet shipped inside the application ({@code assets/models/starter-lenet.zip}, trained on the bundled MNIST
 * digits with the LeNet template), so the drawing pad works before the student has trained anything.
 */
public final class StarterModel {
    /** Where the model sits on the classpath. */
    public static final String RESOURCE = "/assets/models/starter-lenet.zip";

    private StarterModel() {
    }

    /**
     * Reads the starter model through {@link ModelFile#load}, with all its checks.
     *
     * @throws ModelFileException when the model is missing from the application or cannot be read
     */
    public static SavedModel load() {
        Path copy = null;
        try (InputStream in = StarterModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ModelFileException("starter-lenet.zip: the bundled starter model is missing from the application");
            }
            // ModelFile reads zips from disk (ZipFile needs random access), so the resource goes through a temp file.
            copy = Files.createTempFile("starter-lenet", ".zip");
            Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
            return ModelFile.load(copy);
        } catch (IOException e) {
            throw new ModelFileException("starter-lenet.zip: cannot read the bundled starter model (" + e.getMessage() + ")", e);
        } finally {
            if (copy != null) {
                try {
                    Files.deleteIfExists(copy);
                } catch (IOException ignored) {
                    // a leftover temp file is harmless; the OS cleans its temp folder
                }
            }
        }
    }
}
