package org.perceptrix.ui.models;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.export.ModelFileException;
import org.perceptrix.export.SavedModel;
import org.perceptrix.project.RunRecord;
import org.perceptrix.ui.TaskRunner;

class ModelLibraryTest {
    @TempDir
    Path dir;

    private final List<Optional<Path>> reads = new ArrayList<>();

    private RunRecord run(String id, Path model) {
        return new RunRecord(id, "2026-11-24 10:0" + id, TrainingSettings.defaults(), List.of(), 0.9812,
                model == null ? "" : model.toString(), "finished");
    }

    private ModelLibrary library(ObservableList<RunRecord> runs) {
        return new ModelLibrary(runs, TaskRunner.synchronous(), file -> {
            reads.add(file);
            if (file.isPresent() && file.get().getFileName().toString().startsWith("bad")) {
                throw new ModelFileException(file.get().getFileName() + ": not a Perceptrix model");
            }
            return new SavedModel(null, null);
        });
    }

    @Test
    void listsTheStarterThenRunsWithModelsNewestFirst() throws Exception {
        Path a = Files.createFile(dir.resolve("a.zip"));
        Path b = Files.createFile(dir.resolve("b.zip"));
        ObservableList<RunRecord> runs = FXCollections.observableArrayList(run("1", a), run("2", null), run("3", b));
        ModelLibrary lib = library(runs);
        assertThat(lib.entries()).extracting(e -> e.file().map(p -> p.getFileName().toString()).orElse("starter"))
                .containsExactly("starter", "b.zip", "a.zip");
        assertThat(lib.entries().get(1).label()).contains("98.12");
    }

    @Test
    void readsTheSelectedModelOnceAndFollowsNewRuns() throws Exception {
        ObservableList<RunRecord> runs = FXCollections.observableArrayList();
        ModelLibrary lib = library(runs);
        lib.selectDefault();
        assertThat(lib.model()).isNotNull();
        assertThat(lib.selectLatestTrained()).isFalse();

        Path a = Files.createFile(dir.resolve("a.zip"));
        runs.add(run("1", a));
        assertThat(lib.selectLatestTrained()).isTrue();
        assertThat(lib.selectedProperty().get().file()).contains(a.toAbsolutePath().normalize());
        lib.selectDefault(); // keeps the choice
        lib.selectedProperty().set(lib.entries().get(0));
        lib.selectedProperty().set(lib.entries().get(1));
        assertThat(reads).containsExactly(Optional.empty(), Optional.of(a.toAbsolutePath().normalize()));
    }

    @Test
    void anUnreadableFileGivesAOneLineReasonAndKeepsTheListUsable() throws Exception {
        ModelLibrary lib = library(FXCollections.observableArrayList());
        lib.open(Files.createFile(dir.resolve("bad.zip")));
        assertThat(lib.errorProperty().get()).contains("bad.zip").contains("not a Perceptrix model").doesNotContain("\n");
        assertThat(lib.model()).isNull();
        assertThat(lib.loadingProperty().get()).isFalse();
        lib.selectedProperty().set(lib.entries().get(0));
        assertThat(lib.errorProperty().get()).isEmpty();
        assertThat(lib.model()).isNotNull();
    }
}
