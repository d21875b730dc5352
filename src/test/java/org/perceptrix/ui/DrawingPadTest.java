package org.perceptrix.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javafx.geometry.Bounds;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.stage.Stage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import org.perceptrix.compile.GraphCompiler;
import org.perceptrix.compile.InputLayout;
import org.perceptrix.compile.TrainingSettings;
import org.perceptrix.data.DataSource;
import org.perceptrix.data.FittedScaling;
import org.perceptrix.export.ModelFile;
import org.perceptrix.export.StarterModel;
import org.perceptrix.graph.DataSignature;
import org.perceptrix.graph.Shape;
import org.perceptrix.project.Project;
import org.perceptrix.project.RunRecord;
import org.perceptrix.project.Templates;
import org.perceptrix.train.TrainedModel;

/**
 * The Draw tab as a student uses it: the robot draws digits with the mouse and the starter model reads them live;
 * undo, eraser and clear change what the network sees; Ctrl+Z on the pad leaves the network alone; the student's own
 * model replaces the starter with one click, and a model that cannot read digits says why.
 */
@ExtendWith(ApplicationExtension.class)
class DrawingPadTest {
    private MainWindow window;

    @Start
    void start(Stage stage) {
        window = DesignerFx.open(stage, StarterProjects.load("lenet"));
    }

    @org.junit.jupiter.api.AfterEach
    void backToEnglish() {
        org.perceptrix.i18n.Messages.setLocale(java.util.Locale.ENGLISH);
    }

    @Test
    void theStarterModelReadsADrawnOneAndThenAZero(FxRobot robot) throws Exception {
        openPad(robot);

        drawLine(robot, 140, 45, 140, 235); // a 1
        waitUntil(() -> "1".equals(DesignerFx.text(robot, "#pad-best")), 15);
        assertThat(robot.lookup("#pad-bar-1").query().getStyleClass()).contains("pad-best");
        assertThat(onFx(() -> window.pad().predictionProperty().get().digit().empty())).isFalse();

        robot.clickOn("#pad-clear");
        waitUntil(() -> "—".equals(DesignerFx.text(robot, "#pad-best")), 5);
        assertThat(onFx(() -> window.pad().raster().isBlank())).isTrue();

        drawEllipse(robot, 140, 140, 62, 92); // a 0
        waitUntil(() -> "0".equals(DesignerFx.text(robot, "#pad-best")), 15);
        assertThat(robot.lookup("#pad-bar-0").query().getStyleClass()).contains("pad-best");
        assertThat(robot.lookup("#pad-bar-1").query().getStyleClass()).doesNotContain("pad-best");
    }

    @Test
    void undoTakesBackAStrokeAndCtrlZOnThePadLeavesTheNetworkAlone(FxRobot robot) throws Exception {
        String dense = onFx(() -> window.viewModel().graph().nodeNamed("dense1").orElseThrow().id());
        double movedTo = onFx(() -> window.viewModel().graph().require(dense).x()) + 400;
        robot.interact(() -> window.viewModel().moveNodes(java.util.Map.of(dense, new double[] {movedTo, 0})));
        double xAfterMove = onFx(() -> window.viewModel().graph().require(dense).x());
        assertThat(onFx(() -> window.viewModel().jobs().canUndoProperty().get())).isTrue();
        openPad(robot);
        drawLine(robot, 140, 45, 140, 235);
        float[] one = onFx(() -> window.pad().raster().ink().clone());
        drawLine(robot, 60, 140, 220, 140); // a bar across: now a plus
        assertThat(onFx(() -> window.pad().raster().strokeCount())).isEqualTo(2);

        robot.clickOn("#pad-undo");
        assertThat(onFx(() -> window.pad().raster().ink())).containsExactly(one);

        drawLine(robot, 60, 140, 220, 140);
        robot.clickOn("#pad-canvas"); // a dot; the pad has the focus
        assertThat(onFx(() -> window.pad().raster().strokeCount())).isEqualTo(3);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(onFx(() -> window.pad().raster().ink())).containsExactly(one);
        assertThat(onFx(() -> window.viewModel().graph().require(dense).x())).as("the move was not undone")
                .isEqualTo(xAfterMove);

        robot.clickOn("#tab-network");
        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL).type(KeyCode.Z).release(KeyCode.CONTROL);
        assertThat(onFx(() -> window.viewModel().graph().require(dense).x())).as("Ctrl+Z on the network undoes the move")
                .isNotEqualTo(xAfterMove);
        robot.clickOn("#tab-draw");
        waitUntil(() -> "1".equals(DesignerFx.text(robot, "#pad-best")), 15);
    }

    @Test
    void ctrlShiftDShowsThePadAndADrawingSurvivesALanguageSwitch(FxRobot robot) throws Exception {
        robot.clickOn("#canvas");
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT).type(KeyCode.D).release(KeyCode.SHIFT, KeyCode.CONTROL);
        assertThat(onFx(() -> robot.lookup("#main-tabs").queryAs(javafx.scene.control.TabPane.class)
                .getSelectionModel().getSelectedItem().getId())).isEqualTo("tab-draw");
        waitUntil(() -> window.models().model() != null, 60);
        drawLine(robot, 140, 45, 140, 235);
        waitUntil(() -> "1".equals(DesignerFx.text(robot, "#pad-best")), 15);

        robot.clickOn("Settings").clickOn("Language").clickOn("简体中文");
        robot.interact(window::showPad);
        waitUntil(() -> "1".equals(DesignerFx.text(robot, "#pad-best")), 15);
        assertThat(robot.lookup("#pad-clear").queryButton().getText()).isEqualTo("清除");
        assertThat(onFx(() -> window.pad().raster().strokeCount())).isEqualTo(1);
    }

    @Test
    void theEraserRemovesInk(FxRobot robot) throws Exception {
        openPad(robot);
        drawLine(robot, 140, 45, 140, 235);
        assertThat(inkAt(140, 140)).isGreaterThan(0.9f);
        robot.clickOn("#pad-eraser");
        assertThat(onFx(() -> window.pad().eraserProperty().get())).isTrue();
        drawLine(robot, 80, 140, 200, 140);
        assertThat(inkAt(140, 140)).isZero();
        assertThat(inkAt(140, 60)).isGreaterThan(0.9f);
        robot.clickOn("#pad-eraser");
        robot.clickOn("#pad-undo");
        assertThat(inkAt(140, 140)).isGreaterThan(0.9f);
    }

    @Test
    void useMyTrainedModelChoosesTheNewestRunsModel(FxRobot robot, @TempDir Path dir) throws Exception {
        openPad(robot);
        assertThat(robot.lookup("#pad-use-trained").queryButton().isDisabled()).isTrue();

        Path mine = dir.resolve("my-lenet.zip");
        try (InputStream in = StarterModel.class.getResourceAsStream(StarterModel.RESOURCE)) {
            Files.copy(in, mine);
        }
        robot.interact(() -> window.viewModel().addRun(new RunRecord("1", "2026-11-24 20:00", TrainingSettings.defaults(),
                List.of(), 0.97, mine.toString(), "finished")));
        assertThat(robot.lookup("#pad-use-trained").queryButton().isDisabled()).isFalse();

        robot.clickOn("#pad-use-trained");
        waitUntil(() -> window.models().model() != null && !window.models().loadingProperty().get(), 30);
        assertThat(onFx(() -> window.models().selectedProperty().get().file()))
                .contains(mine.toAbsolutePath().normalize());
        drawLine(robot, 140, 45, 140, 235);
        waitUntil(() -> "1".equals(DesignerFx.text(robot, "#pad-best")), 15);
    }

    @Test
    void aModelThatCannotReadDigitsSaysWhy(FxRobot robot, @TempDir Path dir) throws Exception {
        openPad(robot);
        Project ae = Templates.load("autoencoder");
        TrainedModel autoencoder = new TrainedModel(GraphCompiler.compile(ae.graph(), ae.training()).newNetwork(),
                new InputLayout(new Shape.Vector(784)), FittedScaling.none(), List.of(), DataSignature.Target.INPUT, "ae");
        Path file = dir.resolve("autoencoder.zip");
        ModelFile.save(autoencoder, DataSource.mnist(), file);

        robot.interact(() -> window.models().open(file));
        waitUntil(() -> !window.models().loadingProperty().get(), 30);
        assertThat(DesignerFx.text(robot, "#pad-message")).startsWith("This model cannot read drawn digits")
                .contains("not a classifier");
        drawLine(robot, 140, 45, 140, 235);
        assertThat(DesignerFx.text(robot, "#pad-best")).isEqualTo("—");
    }

    @Test
    void insideTheNetworkShowsEveryLayerTheFiltersAndTheSaliency(FxRobot robot) throws Exception {
        openPad(robot);
        drawLine(robot, 140, 45, 140, 235);
        robot.interact(() -> robot.lookup("#pad-inside").queryAs(javafx.scene.control.TitledPane.class).setExpanded(true));
        waitUntil(() -> window.pad().inspectionProperty().get() != null, 30);
        WaitForAsyncUtils.waitForFxEvents();
        for (String layer : List.of("conv1", "bn1", "pool1", "conv2", "pool2", "dense1", "output")) {
            assertThat(robot.lookup("#inside-layer-" + layer).tryQuery()).as(layer).isPresent();
        }
        assertThat(robot.lookup("#inside-filters").queryAs(javafx.scene.layout.Pane.class).getChildren()).hasSize(20);
        assertThat(robot.lookup("#inside-saliency").tryQuery()).isPresent();

        robot.interact(() -> robot.lookup("#pad-inside").queryAs(javafx.scene.control.TitledPane.class).setExpanded(false));
        robot.clickOn("#pad-clear");
        assertThat(onFx(() -> window.pad().inspectionProperty().get())).as("no inspection while hidden").isNotNull();
    }

    // --- helpers -----------------------------------------------------------------------------------------------

    private void openPad(FxRobot robot) throws Exception {
        robot.clickOn("#tab-draw");
        waitUntil(() -> window.models().model() != null, 60);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private float inkAt(int x, int y) throws Exception {
        return onFx(() -> window.pad().raster().ink()[y * org.perceptrix.ui.pad.PadViewModel.SIZE + x]);
    }

    private static Point2D onPad(FxRobot robot, double x, double y) {
        Node pad = robot.lookup("#pad-canvas").query();
        Bounds b = pad.localToScreen(pad.getLayoutBounds());
        return new Point2D(b.getMinX() + x, b.getMinY() + y);
    }

    private static void drawLine(FxRobot robot, double x0, double y0, double x1, double y1) {
        robot.moveTo(onPad(robot, x0, y0)).press(MouseButton.PRIMARY);
        int steps = 12;
        for (int i = 1; i <= steps; i++) {
            robot.moveBy((x1 - x0) / steps, (y1 - y0) / steps);
        }
        robot.release(MouseButton.PRIMARY);
    }

    private static void drawEllipse(FxRobot robot, double cx, double cy, double rx, double ry) {
        int steps = 36;
        robot.moveTo(onPad(robot, cx, cy - ry)).press(MouseButton.PRIMARY);
        for (int i = 1; i <= steps; i++) {
            double a = 2 * Math.PI * i / steps;
            robot.moveTo(onPad(robot, cx + rx * Math.sin(a), cy - ry * Math.cos(a)));
        }
        robot.release(MouseButton.PRIMARY);
    }

    private static <T> T onFx(Callable<T> c) throws Exception {
        return WaitForAsyncUtils.asyncFx(c).get(5, TimeUnit.SECONDS);
    }

    private static void waitUntil(BooleanSupplier condition, int seconds) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> onFx(condition::getAsBoolean));
    }
}
