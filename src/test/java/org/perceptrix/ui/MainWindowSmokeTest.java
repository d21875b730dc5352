package org.perceptrix.ui;

import javafx.scene.Node;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.ui.DesignerFx.text;

/** The window opens on LeNet with its shapes, costs and a clean title. */
@ExtendWith(ApplicationExtension.class)
class MainWindowSmokeTest {
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        DesignerFx.open(stage, StarterProjects.load("lenet"));
    }

    @Test
    void showsTheLenetNetworkWithShapesAndTotals(FxRobot robot) {
        assertThat(stage.getTitle()).isEqualTo("Perceptrix — LeNet");
        assertThat(robot.lookup(".layer-card").queryAll()).hasSize(10);
        assertThat(text(robot, "#shape-input")).isEqualTo("28×28×1");
        assertThat(text(robot, "#shape-conv1")).isEqualTo("24×24×20");
        assertThat(text(robot, "#shape-bn1")).isEqualTo("24×24×20");
        assertThat(text(robot, "#params-bn1")).isEqualTo("80 params");
        assertThat(text(robot, "#shape-pool1")).isEqualTo("12×12×20");
        assertThat(text(robot, "#shape-conv2")).isEqualTo("8×8×50");
        assertThat(text(robot, "#shape-pool2")).isEqualTo("4×4×50");
        assertThat(text(robot, "#shape-dense1")).isEqualTo("500");
        assertThat(text(robot, "#shape-output")).isEqualTo("10");
        assertThat(text(robot, "#params-conv1")).isEqualTo("520 params");
        assertThat(text(robot, "#edge-label-conv1-bn1")).isEqualTo("24×24×20");
        assertThat(text(robot, "#status-params")).isEqualTo("Parameters: 431,360");
        assertThat(text(robot, "#status-valid")).isEqualTo("Valid");
        assertThat(robot.lookup(".edge.error").queryAll()).isEmpty();
    }

    @Test
    void selectingAConvolutionShowsItsHelpCardWithItsNumbers(FxRobot robot) {
        robot.clickOn("#node-conv1");
        assertThat(robot.lookup("#inspector-title").queryLabeled().getText()).isEqualTo("Conv2D");
        assertThat(robot.lookup("#help-card .label").queryAll().stream()
                .map(n -> ((javafx.scene.control.Label) n).getText()))
                .contains("height: ⌊(28 − 5) / 1⌋ + 1 = 24");
    }

    @Test
    void aBadValueInTheInspectorShowsAMessageAndChangesNothing(FxRobot robot) {
        robot.clickOn("#node-conv1");
        robot.doubleClickOn("#prop-kernel").write("five").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(text(robot, "#inspector-error")).contains("kernel");
        assertThat(text(robot, "#shape-conv1")).isEqualTo("24×24×20");
    }

    @Test
    void makingAKernelTooLargePinsAProblemAndClickingItSelectsTheLayer(FxRobot robot) {
        robot.clickOn("#node-conv2");
        robot.doubleClickOn("#prop-kernel").write("13").type(javafx.scene.input.KeyCode.ENTER);
        assertThat(text(robot, "#shape-conv2")).isEqualTo("?");
        Node card = robot.lookup("#node-conv2").query();
        assertThat(card.getStyleClass()).contains("error");
        assertThat(text(robot, "#status-valid")).startsWith("Invalid");
        robot.clickOn("#canvas", javafx.scene.input.MouseButton.PRIMARY);
        robot.clickOn(".problem-error");
        assertThat(robot.lookup("#node-conv2").query().getStyleClass()).contains("selected");
    }
}
