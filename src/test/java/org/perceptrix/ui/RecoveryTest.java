package org.perceptrix.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;

import javafx.application.Platform;
import javafx.scene.control.Button;
import javafx.stage.Stage;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.perceptrix.project.Project;
import org.perceptrix.project.ProjectFiles;

/** After a crash, the work autosaved to the recovery file is offered back, and a refusal discards it. */
@ExtendWith(ApplicationExtension.class)
class RecoveryTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DesignerFx.open(stage, StarterProjects.load("lenet"));
    }

    @BeforeEach
    void noRecoveryFileYet() throws Exception {
        Files.deleteIfExists(MainWindow.recoveryFile());
    }

    /** Edits the network, lets autosave write the recovery copy, and returns what it wrote. */
    private Project editAndAutosave() {
        DesignerViewModel vm = window.viewModel();
        WaitForAsyncUtils.asyncFx(() -> {
            vm.select(vm.graph().nodeNamed("drop1").orElseThrow().id());
            vm.deleteSelection();
            vm.autosave(MainWindow.recoveryFile());
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(MainWindow.recoveryFile()).exists();
        return ProjectFiles.read(MainWindow.recoveryFile());
    }

    @Test
    void acceptingTheOfferRestoresTheAutosavedNetworkAsUnsaved(FxRobot robot) {
        Project saved = editAndAutosave();
        assertThat(saved.graph().size()).isEqualTo(9);
        WaitForAsyncUtils.asyncFx(() -> window.viewModel().replaceProject(StarterProjects.load("lenet"), null));
        WaitForAsyncUtils.waitForFxEvents();
        assertThat(window.viewModel().graph().size()).isEqualTo(10);

        Platform.runLater(() -> window.offerRecovery(saved));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".dialog-pane .button").match(b -> "Yes".equals(((Button) b).getText()))
                .queryButton());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(window.viewModel().graph().size()).isEqualTo(9);
        assertThat(window.viewModel().graph().nodeNamed("drop1")).isEmpty();
        assertThat(stage.getTitle()).isEqualTo("Perceptrix — LeNet *");
    }

    @Test
    void refusingTheOfferDeletesTheRecoveryCopy(FxRobot robot) {
        Project saved = editAndAutosave();

        Platform.runLater(() -> window.offerRecovery(saved));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(robot.lookup(".dialog-pane .button").match(b -> "No".equals(((Button) b).getText()))
                .queryButton());
        WaitForAsyncUtils.waitForFxEvents();

        assertThat(MainWindow.recoveryFile()).doesNotExist();
        assertThat(window.viewModel().graph().size()).isEqualTo(9); // the current work stays as it is
    }
}
