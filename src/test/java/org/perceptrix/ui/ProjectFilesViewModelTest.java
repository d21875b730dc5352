package org.perceptrix.ui;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.perceptrix.graph.LayerType;
import org.perceptrix.i18n.Messages;
import org.perceptrix.project.ProjectFiles;

import static org.assertj.core.api.Assertions.assertThat;

/** Saving, opening and recovering through the view model, without the FX thread. */
class ProjectFilesViewModelTest {
    @TempDir
    Path dir;
    private DesignerViewModel vm;

    @BeforeEach
    void lenet() {
        Messages.setLocale(Locale.ENGLISH);
        vm = new DesignerViewModel(StarterProjects.load("lenet"), null, TaskRunner.synchronous());
    }

    @Test
    void savedAndReopenedNetworkIsTheSame() {
        String dense = vm.graph().nodeNamed("dense1").orElseThrow().id();
        vm.setProperty(dense, "units", "300");
        String before = ProjectFiles.toJson(vm.snapshot());
        assertThat(vm.save(() -> { })).isFalse(); // never saved: the window asks where
        vm.saveAs(dir.resolve("mine"), () -> { });
        assertThat(vm.fileProperty().get()).isEqualTo(dir.resolve("mine.json"));
        assertThat(vm.jobs().isDirty()).isFalse();
        assertThat(vm.titleProperty().get()).doesNotEndWith("*");

        vm.replaceGraph(new org.perceptrix.graph.NetworkGraph(), "Untitled");
        vm.open(dir.resolve("mine.json"), () -> { });
        assertThat(ProjectFiles.toJson(vm.snapshot())).isEqualTo(before);
        assertThat(vm.graph().require(dense).intProperty("units")).isEqualTo(300);
        assertThat(vm.jobs().undoSize()).isZero();
    }

    @Test
    void aDamagedFileGivesAMessageAndKeepsTheNetwork(@TempDir Path other) throws Exception {
        Path bad = other.resolve("bad.json");
        Files.writeString(bad, "{ not json");
        vm.open(bad, () -> { });
        assertThat(vm.messageProperty().get()).startsWith("Could not open").contains("bad.json");
        assertThat(vm.graph().size()).isEqualTo(10);
    }

    @Test
    void tellsWhichFilesWereUsed() {
        java.util.List<Path> used = new java.util.ArrayList<>();
        vm.onFileUsed(used::add);
        vm.saveAs(dir.resolve("a.json"), () -> { });
        vm.open(dir.resolve("a.json"), () -> { });
        assertThat(used).containsExactly(dir.resolve("a.json"), dir.resolve("a.json"));
    }

    @Test
    void autosaveWritesARecoveryCopyOnlyWhenThereAreNewChanges() throws Exception {
        Path recovery = dir.resolve("recovery.json");
        vm.autosave(recovery);
        assertThat(recovery).doesNotExist();
        vm.addNode(LayerType.DROPOUT, 0, 0);
        vm.autosave(recovery);
        assertThat(recovery).exists();
        var copy = ProjectFiles.read(recovery);
        Files.delete(recovery);
        vm.autosave(recovery);
        assertThat(recovery).doesNotExist();

        vm.replaceGraph(new org.perceptrix.graph.NetworkGraph(), "Untitled");
        vm.recover(copy);
        assertThat(vm.jobs().isDirty()).isTrue();
        assertThat(vm.fileProperty().get()).isNull();
        assertThat(vm.graph().size()).isEqualTo(11);
    }
}
