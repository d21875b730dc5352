package org.perceptrix.project;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/** The starter projects bundled with Perceptrix, in the order the "New from template" menu shows them. */
public final class Templates {
    /** The classpath folder of the template files; the build copies {@code assets/templates/} there. */
    static final String FOLDER = "/assets/templates/";

    private static final List<Template> ALL =
            List.of(Template.of("mlp"), Template.of("lenet"), Template.of("lstm"), Template.of("autoencoder"));

    private Templates() {
    }

    public static List<Template> all() { return ALL; }

    public static Optional<Template> find(String id) {
        return ALL.stream().filter(t -> t.id().equals(id)).findFirst();
    }

    /**
     * A fresh copy of a bundled template's project.
     *
     * @throws IllegalArgumentException for an id that is not one of {@link #all()}
     */
    public static Project load(String id) {
        return load(find(id).orElseThrow(() -> new IllegalArgumentException("no template '" + id + "' (known: "
                + String.join(", ", ALL.stream().map(Template::id).toList()) + ")")));
    }

    public static Project load(Template template) {
        try (InputStream in = Templates.class.getResourceAsStream(template.resource())) {
            if (in == null) throw new ProjectFileException(template.fileName(), "missing from the application");
            return ProjectFiles.fromJson(new String(in.readAllBytes(), StandardCharsets.UTF_8), template.fileName());
        } catch (IOException e) {
            throw new ProjectFileException(template.fileName(), "cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
