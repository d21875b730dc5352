package org.perceptrix.ui;

import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.ui.DesignerFx.onCanvas;

/** Zoom, pan, fit, connections deleted by clicking them, the palette search and copy/paste on LeNet. */
@ExtendWith(ApplicationExtension.class)
class CanvasGesturesTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerFx.open(stage, StarterProjects.load("lenet"));
    }

    @Test
    void ctrlWheelZoomsAndFitBringsTheNetworkBack(FxRobot robot) {
        double before = window.canvas().zoomFactor();
        robot.moveTo(onCanvas(robot, 300, 200)).press(KeyCode.CONTROL).scroll(3, javafx.geometry.VerticalDirection.UP)
                .release(KeyCode.CONTROL);
        assertThat(window.canvas().zoomFactor()).isNotEqualTo(before);
        robot.clickOn("#tool-fit");
        assertThat(window.canvas().zoomFactor()).isEqualTo(before);
    }

    @Test
    void draggingTheEmptyCanvasPansWithoutChangingTheNetwork(FxRobot robot) {
        Node card = robot.lookup("#node-conv1").query();
        double x = card.localToScreen(card.getLayoutBounds()).getMinX();
        robot.drag(onCanvas(robot, 20, 20), MouseButton.PRIMARY).dropBy(100, 0);
        assertThat(card.localToScreen(card.getLayoutBounds()).getMinX()).isCloseTo(x + 100, org.assertj.core.data.Offset.offset(2.0));
        assertThat(window.viewModel().jobs().canUndoProperty().get()).isFalse();
    }

    @Test
    void clickingAConnectionAndPressingDeleteRemovesIt(FxRobot robot) {
        var from = robot.lookup("#node-dense1").query();
        var to = robot.lookup("#node-drop1").query();
        var a = from.localToScreen(from.getLayoutBounds());
        var b = to.localToScreen(to.getLayoutBounds());
        robot.clickOn((a.getMaxX() + b.getMinX()) / 2, a.getCenterY(), MouseButton.PRIMARY);
        assertThat(window.viewModel().selectedEdgeProperty().get()).isNotNull();
        robot.type(KeyCode.DELETE);
        assertThat(window.viewModel().graph().edges()).hasSize(8);
        assertThat(window.viewModel().graph().size()).isEqualTo(10);
        assertThat(DesignerFx.text(robot, "#status-valid")).startsWith("Invalid");
    }

    @Test
    void paletteSearchFiltersTheLayerTypes(FxRobot robot) {
        robot.clickOn("#palette-search").write("lstm");
        assertThat(robot.lookup("#palette-LSTM").query().isVisible()).isTrue();
        assertThat(robot.lookup("#palette-Dense").query().isVisible()).isFalse();
    }

    @Test
    void copyAndPasteAddsRenamedCopiesAsOneUndoStep(FxRobot robot) {
        robot.clickOn("#node-conv1");
        robot.press(KeyCode.SHIFT).clickOn("#node-bn1").release(KeyCode.SHIFT);
        robot.press(KeyCode.CONTROL).type(KeyCode.C).type(KeyCode.V).release(KeyCode.CONTROL);
        assertThat(window.viewModel().graph().size()).isEqualTo(12);
        assertThat(robot.lookup("#node-conv3").tryQuery()).isPresent();
        assertThat(window.viewModel().graph().edges()).hasSize(10);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(window.viewModel().graph().size()).isEqualTo(10);
    }
}
