package org.perceptrix.ui;

import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import org.perceptrix.graph.NetworkGraph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.perceptrix.ui.DesignerFx.onCanvas;
import static org.perceptrix.ui.DesignerFx.text;

/** A student builds a small network on an empty canvas, as with a mouse and keyboard, then undoes and redoes it. */
@ExtendWith(ApplicationExtension.class)
class UserFlowTest {
    private Stage stage;
    private MainWindow window;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        window = DesignerFx.open(stage, new NetworkGraph(), "Untitled");
    }

    /** Finds the type with the palette's search box, as a student would for a layer further down the list. */
    private void dragFromPalette(FxRobot robot, String type, double dx, double dy) {
        robot.clickOn("#palette-search").press(KeyCode.CONTROL).type(KeyCode.A).release(KeyCode.CONTROL).write(type);
        robot.drag("#palette-" + type, MouseButton.PRIMARY).moveTo(onCanvas(robot, dx, dy)).release(MouseButton.PRIMARY);
    }

    private void undoKey(FxRobot robot) { robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL); }

    @Test
    void buildEditBreakUndoAndRedoANetwork(FxRobot robot) {
        assertThat(robot.lookup(".layer-card").queryAll()).isEmpty();
        assertThat(text(robot, "#status-valid")).isEqualTo("Empty network");

        dragFromPalette(robot, "VectorInput", 130, 150);
        dragFromPalette(robot, "Dense", 380, 150);
        dragFromPalette(robot, "Output", 630, 150);
        assertThat(robot.lookup(".layer-card").queryAll()).hasSize(3);
        assertThat(text(robot, "#shape-input1")).isEqualTo("784");
        assertThat(text(robot, "#shape-dense1")).isEqualTo("?");

        robot.drag("#out-input1", MouseButton.PRIMARY).dropTo("#node-dense1");
        robot.drag("#out-dense1", MouseButton.PRIMARY).dropTo("#node-out1");
        assertThat(window.viewModel().graph().edges()).hasSize(2);
        assertThat(text(robot, "#shape-dense1")).isEqualTo("128");
        assertThat(text(robot, "#edge-label-input1-dense1")).isEqualTo("784");
        assertThat(text(robot, "#status-valid")).isEqualTo("Valid");
        assertThat(text(robot, "#status-params")).isEqualTo("Parameters: 101,770");
        assertThat(stage.getTitle()).isEqualTo("Perceptrix — Untitled *");

        robot.clickOn("#node-dense1");
        robot.doubleClickOn("#prop-units").write("64").type(KeyCode.ENTER);
        assertThat(text(robot, "#shape-dense1")).isEqualTo("64");
        assertThat(text(robot, "#params-dense1")).isEqualTo("50.2 k params");
        assertThat(text(robot, "#status-params")).isEqualTo("Parameters: 50,890");

        // Output → Input: refused while dragging, with the reason, and not connected on release.
        robot.drag("#out-dense1", MouseButton.PRIMARY).moveTo("#node-input1");
        Label hint = robot.lookup("#connect-hint").queryAs(Label.class);
        assertThat(hint.isVisible()).isTrue();
        assertThat(hint.getStyleClass()).contains("refused");
        robot.release(MouseButton.PRIMARY);
        assertThat(window.viewModel().graph().edges()).hasSize(2);
        assertThat(text(robot, "#status-message")).contains("input");

        robot.clickOn(onCanvas(robot, 500, 420)); // the canvas takes the keys
        int steps = window.viewModel().jobs().undoSize();
        assertThat(steps).isEqualTo(6);
        for (int i = 0; i < steps; i++) undoKey(robot);
        assertThat(robot.lookup(".layer-card").queryAll()).isEmpty();
        assertThat(stage.getTitle()).isEqualTo("Perceptrix — Untitled");

        for (int i = 0; i < 3; i++) robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.Z).release(KeyCode.SHIFT, KeyCode.CONTROL);
        for (int i = 3; i < steps; i++) robot.press(KeyCode.CONTROL).type(KeyCode.Y).release(KeyCode.CONTROL);
        assertThat(robot.lookup(".layer-card").queryAll()).hasSize(3);
        assertThat(window.viewModel().graph().edges()).hasSize(2);
        assertThat(text(robot, "#shape-dense1")).isEqualTo("64");
        assertThat(text(robot, "#status-params")).isEqualTo("Parameters: 50,890");
    }

    @Test
    void aLayerCanBeAddedMovedConnectedAndDeletedFromTheKeyboard(FxRobot robot) {
        robot.clickOn("#palette-VectorInput").type(KeyCode.ENTER);
        robot.clickOn("#palette-Dense").type(KeyCode.ENTER);
        assertThat(window.viewModel().graph().size()).isEqualTo(2);
        double x = window.viewModel().graph().nodeNamed("dense1").orElseThrow().x();
        // The new layer is selected and the canvas has the focus: arrows move it, one undo step for all nudges.
        robot.type(KeyCode.RIGHT, 3);
        assertThat(window.viewModel().graph().nodeNamed("dense1").orElseThrow().x()).isEqualTo(x + 60);
        // Select input1 then add dense1, connect with Ctrl+E.
        robot.press(KeyCode.CONTROL).type(KeyCode.LEFT).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.RIGHT).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(window.viewModel().selection()).hasSize(2);
        robot.press(KeyCode.CONTROL).type(KeyCode.E).release(KeyCode.CONTROL);
        assertThat(window.viewModel().graph().edges()).hasSize(1);
        robot.type(KeyCode.DELETE);
        assertThat(window.viewModel().graph().isEmpty()).isTrue();
        undoKey(robot);
        assertThat(window.viewModel().graph().size()).isEqualTo(2);
        assertThat(window.viewModel().graph().edges()).hasSize(1);
    }

    @Test
    void shiftDragOnTheEmptyCanvasSelectsWithARubberBand(FxRobot robot) {
        dragFromPalette(robot, "Dense", 200, 150);
        dragFromPalette(robot, "Dense", 450, 150);
        dragFromPalette(robot, "Dense", 200, 400);
        robot.clickOn(onCanvas(robot, 700, 450));
        assertThat(window.viewModel().selection()).isEmpty();
        robot.press(KeyCode.SHIFT).drag(onCanvas(robot, 40, 40), MouseButton.PRIMARY)
                .dropTo(onCanvas(robot, 600, 260));
        robot.release(KeyCode.SHIFT);
        assertThat(window.viewModel().selection()).hasSize(2);
        // Dragging one of them moves both, as one undo step.
        int before = window.viewModel().jobs().undoSize();
        robot.drag("#node-dense1", MouseButton.PRIMARY).dropBy(0, 100);
        assertThat(window.viewModel().jobs().undoSize()).isEqualTo(before + 1);
        assertThat(window.viewModel().graph().nodeNamed("dense2").orElseThrow().y())
                .isGreaterThan(window.viewModel().graph().nodeNamed("dense3").orElseThrow().y() - 200);
    }
}
