package org.perceptrix.cli;

import java.nio.file.Path;

import org.perceptrix.data.DataLoader;
import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectFiles;

/** A project file named on the command line, with its data loaded on demand. */
final class ProjectArgs {
    private ProjectArgs() {
    }

    /** Refuses an option given below its minimum, e.g. {@code --epochs must be at least 1, not 0}; unset is fine. */
    static void atLeast(String option, Integer value, int min) {
        if (value != null && value < min) throw new Cli.UserError(option + " must be at least " + min + ", not " + value);
    }

    static Project read(Path file) {
        return ProjectFiles.read(file);
    }

    /** Loads the project's data; relative data paths are relative to the project file's folder. */
    static DataLoader.LoadedData data(Project project, Path file) {
        return DataLoader.load(project.data(), baseDir(file));
    }

    static Path baseDir(Path file) {
        Path parent = file.toAbsolutePath().getParent();
        return parent == null ? Path.of(".").toAbsolutePath() : parent;
    }

    /** "lenet" for "assets/templates/lenet.json". */
    static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }
}
