package org.perceptrix.ui;

import java.nio.file.Path;
import java.util.Optional;

import javafx.stage.Stage;
import javafx.stage.Window;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.perceptrix.project.ProjectFiles;
import org.perceptrix.project.Template;
import org.perceptrix.project.Templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.ui.DesignerFx.text;

/** Save, start afresh and reopen from the menus; open every template from the gallery. */
@ExtendWith(ApplicationExtension.class)
class FilesAndTemplatesTest {
    @TempDir
    static Path dir;
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DesignerFx.open(stage, StarterProjects.load("lenet"));
        Path file = dir.resolve("lenet-edited.json");
        window.setFileDialogs(new FileDialogs() {
            @Override
            public Optional<Path> chooseOpen(Window owner) { return Optional.of(file); }

            @Override
            public Optional<Path> chooseSave(Window owner, String suggestedName) { return Optional.of(file); }
        });
    }

    private void shortcut(FxRobot robot, javafx.scene.input.KeyCode... keys) {
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(keys).release(keys).release(javafx.scene.input.KeyCode.CONTROL);
    }

    @Test
    void saveStartAfreshAndReopenGivesTheSameNetwork(FxRobot robot) {
        robot.clickOn("#node-conv1");
        robot.doubleClickOn("#prop-filters").write("8").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(stage.getTitle()).isEqualTo("Perceptrix — LeNet *");
        String before = ProjectFiles.toJson(window.viewModel().snapshot());

        robot.clickOn("#canvas");
        shortcut(robot, javafx.scene.input.KeyCode.S);
        assertThat(stage.getTitle()).isEqualTo("Perceptrix — LeNet");
        assertThat(dir.resolve("lenet-edited.json")).exists();

        robot.clickOn("#tool-new");
        assertThat(robot.lookup(".layer-card").queryAll()).isEmpty();

        shortcut(robot, javafx.scene.input.KeyCode.O);
        assertThat(robot.lookup(".layer-card").queryAll()).hasSize(10);
        assertThat(text(robot, "#shape-conv1")).isEqualTo("24×24×8");
        assertThat(ProjectFiles.toJson(window.viewModel().snapshot())).isEqualTo(before);
    }

    @Test
    void unsavedChangesAreNotDiscardedWithoutAsking(FxRobot robot) {
        robot.clickOn("#node-conv1");
        robot.type(javafx.scene.input.KeyCode.DELETE);
        assertThat(window.viewModel().graph().size()).isEqualTo(9);
        robot.clickOn("#tool-new");
        assertThat(robot.lookup("#discard-dialog").tryQuery()).isPresent();
        robot.clickOn("Cancel");
        assertThat(window.viewModel().graph().size()).isEqualTo(9);
        robot.clickOn("#tool-new");
        robot.clickOn("Don't save");
        assertThat(window.viewModel().graph().isEmpty()).isTrue();
    }

    @Test
    void everyTemplateOpensFromTheGallery(FxRobot robot) {
        for (Template t : Templates.all()) {
            robot.clickOn("#tool-templates");
            robot.clickOn("#template-" + t.id());
            assertThat(window.viewModel().graph().size()).isEqualTo(Templates.load(t).graph().size());
            assertThat(window.viewModel().analysis().isValid()).as(t.id()).isTrue();
            assertThat(stage.getTitle()).isEqualTo("Perceptrix — " + Templates.load(t).name());
            assertThat(text(robot, "#status-valid")).isEqualTo("Valid");
        }
    }
}
